package spotcheck.store;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.DomainException;
import spotcheck.core.Json;

/**
 * The opaque {@code next} cursor of a list: DynamoDB's LastEvaluatedKey (string keys only)
 * as URL-safe base64 JSON. A cursor that does not decode is the client's error (400).
 */
public final class Cursor {
    private Cursor() { }

    /** Compares two string keys as DynamoDB orders them: by their UTF-8 bytes, that is by code point. */
    public static int compareKeys(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    public static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        lastKey.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain));
    }

    /** Decodes a cursor that must hold exactly {@code keyNames}: anything else is not one this list issued. */
    public static Map<String, AttributeValue> decode(String cursor, java.util.Set<String> keyNames) {
        Map<String, AttributeValue> key = decode(cursor);
        if (key != null && !key.keySet().equals(keyNames)) {
            throw DomainException.malformed("The 'next' cursor is not one this list issued");
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> plain = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), Map.class);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            plain.forEach((k, v) -> {
                if (!(v instanceof String s)) {
                    throw new IllegalArgumentException("bad cursor");
                }
                key.put(k, Attrs.s(s));
            });
            return key;
        } catch (Exception e) {
            throw DomainException.malformed("The 'next' cursor is not one this API issued");
        }
    }

}
