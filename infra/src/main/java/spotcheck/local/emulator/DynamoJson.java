package spotcheck.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items read from DynamoDB JSON ({@code {"pk":{"S":"x"},"n":{"N":"1"}}}), the format of the AWS CLI
 * and of DynamoDB's own S3 exports, in which earlier versions of the stack kept their tables
 * ({@link LegacyDump}).
 */
final class DynamoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoJson() { }

    static Map<String, AttributeValue> read(String line) {
        try {
            return item(JSON.readTree(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
