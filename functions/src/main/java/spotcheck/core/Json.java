package spotcheck.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON mapper. Strict on input, so that a client's mistake is a clear 422
 * rather than a silently ignored field: unknown fields, numbers for strings,
 * strings for numbers and trailing garbage are all rejected. Its parser limits keep a hostile
 * body (nested thousands deep, megabytes in one string or number) from costing more than a
 * clear 400, and text that is not valid Unicode never reaches a service.
 */
public final class Json {
    private Json() { }

    /** Deeper than any request of the API (three levels) by far, shallow enough to cost nothing. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longer than any number a field takes; Jackson's default is 1000 digits. */
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 1000;
    /** The largest JSON document read: a request body of the API. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    /**
     * The largest stored or published document read whole, such as a draw's candidate list (a
     * million targets and their inspectors are about 60 MB).
     */
    public static final long MAX_STORED_DOCUMENT_BYTES = 1L << 30;

    public static final ObjectMapper MAPPER = build(MAX_DOCUMENT_BYTES);

    /** Built on first use only: most functions never read a stored document, and init time is cold start. */
    private static final class Documents {
        static final ObjectMapper MAPPER = build(MAX_STORED_DOCUMENT_BYTES);
    }

    private static ObjectMapper build(long maxDocumentBytes) {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxStringLength(MAX_DOCUMENT_BYTES)
                .maxDocumentLength(maxDocumentBytes)
                .build()).build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Collection)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }

    /** Reads a request body into {@code type}, translating Jackson's errors into the API's. */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw DomainException.malformed("The request body is empty; a JSON object is expected");
        }
        try {
            // Through a tree, so that every name and string is checked before any is bound.
            JsonNode tree = MAPPER.readTree(body);
            requireValidUnicode(tree, "");
            T value = MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw DomainException.malformed("The request body is null; a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw DomainException.invalid(field, "Unknown field '" + field + "'");
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw DomainException.invalid("", "The body must be a JSON object");
            }
            throw DomainException.invalid(field, "Field '" + field + "' has the wrong type"
                    + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamConstraintsException) {
                throw overLimit();
            }
            if (e.getCause() instanceof StreamReadException syntax) {
                // a syntax error met while reading a field is still a syntax error
                throw malformed(syntax);
            }
            String field = path(e);
            throw DomainException.invalid(field, "Field '" + field + "' is not valid");
        } catch (StreamConstraintsException e) {
            throw overLimit();
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw DomainException.malformed("The request body could not be read");
        }
    }

    /**
     * Reads a stored or published document (not a request body) into {@code type}: as strict as
     * {@link #read} about types, up to {@link #MAX_STORED_DOCUMENT_BYTES}. A document that cannot be
     * read as {@code type} is an {@link IOException} naming where it went wrong.
     */
    public static <T> T readDocument(InputStream in, Class<T> type) throws IOException {
        T value = Documents.MAPPER.readValue(in, type);
        if (value == null) {
            throw new IOException("The document is null; a JSON object is expected");
        }
        return value;
    }

    private static DomainException malformed(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return DomainException.malformed("The request body is not valid JSON");
        }
        return DomainException.malformed("The request body is not valid JSON (line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    private static DomainException overLimit() {
        return DomainException.malformed("The request body passes a limit of the JSON reader: nesting at most "
                + MAX_NESTING_DEPTH + " deep, numbers at most " + MAX_NUMBER_LENGTH + " digits, names at most "
                + MAX_NAME_LENGTH + " characters");
    }

    /** Whether {@code text} is valid Unicode: no lone or unpaired surrogate (which a JSON escape can write). */
    public static boolean isValidUnicode(CharSequence text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    /**
     * Refuses a name or string holding a lone surrogate: JSON's escapes can write one, but it is no
     * character, and DynamoDB refuses to store it (the whole transaction fails).
     */
    private static void requireValidUnicode(JsonNode node, String path) {
        if (node.isTextual() && !isValidUnicode(node.textValue())) {
            throw notUnicode(path, "Field '" + path + "' is not valid Unicode text (it has an unpaired surrogate)");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireValidUnicode(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!isValidUnicode(field.getKey())) {
                    throw notUnicode(path, path.isEmpty() ? "A field name is not valid Unicode text"
                            : "A field name in '" + path + "' is not valid Unicode text");
                }
                requireValidUnicode(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        }
    }

    private static DomainException notUnicode(String field, String message) {
        return new DomainException(DomainException.Kind.MALFORMED, message, List.of(new DomainException.Detail(field, message)));
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return ": a string is expected";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return ": a whole number is expected";
        }
        if (type == Boolean.class || type == boolean.class) {
            return ": true or false is expected";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return ": an array is expected";
        }
        return "";
    }

}
