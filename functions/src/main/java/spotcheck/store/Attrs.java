package spotcheck.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for reading and writing attribute values without ceremony. */
public final class Attrs {
    private Attrs() { }

    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    public static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** A list of strings (order kept; DynamoDB string sets cannot be empty and lose order). */
    public static AttributeValue list(List<String> values) {
        return AttributeValue.builder().l(values.stream().map(Attrs::s).toList()).build();
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || !v.hasL()) {
            return List.of();
        }
        return v.l().stream().map(AttributeValue::s).toList();
    }

    /** Puts a string attribute only when it has a value (DynamoDB rejects empty keys, and absent reads as null). */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
