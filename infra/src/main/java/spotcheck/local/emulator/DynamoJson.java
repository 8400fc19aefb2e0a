package spotcheck.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB JSON ({@code {"pk":{"S":"x"},"n":{"N":"1"}}}), the format of the AWS CLI
 * and of DynamoDB's own S3 exports, so a dump can be read and edited with familiar tools.
 * Attributes are written in name order, which keeps dumps of the same data identical.
 */
public final class DynamoJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoJson() { }

    static String write(Map<String, AttributeValue> item) {
        try {
            return JSON.writeValueAsString(object(item));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, AttributeValue> read(String line) {
        try {
            return item(JSON.readTree(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(item).forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode node = NODES.objectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", v.b().asByteArray());
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode list = node.putArray("BS");
                v.bs().forEach(b -> list.add(b.asByteArray()));
            }
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            case M -> node.set("M", object(v.m()));
            default -> throw new IllegalArgumentException("Unknown attribute type " + v.type());
        }
        return node;
    }

    private static Map<String, AttributeValue> item(JsonNode node) throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (var f : node.properties()) {
            item.put(f.getKey(), attribute(f.getValue()));
        }
        return item;
    }

    private static AttributeValue attribute(JsonNode node) throws IOException {
        var field = node.properties().iterator().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(v.binaryValue()));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> {
                List<SdkBytes> list = new ArrayList<>();
                for (JsonNode b : v) {
                    list.add(SdkBytes.fromByteArray(b.binaryValue()));
                }
                yield AttributeValue.fromBs(list);
            }
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (JsonNode e : v) {
                    list.add(attribute(e));
                }
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IOException("Unknown attribute type " + field.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
