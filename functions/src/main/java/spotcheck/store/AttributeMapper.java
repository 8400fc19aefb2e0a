package spotcheck.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.Json;

/**
 * Turns an entity record into native DynamoDB attributes and back, through its JSON
 * form: every field stays a real attribute (queryable, readable in the console),
 * and no mapper code is written per entity.
 */
public final class AttributeMapper {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private AttributeMapper() { }

    public static Map<String, AttributeValue> toItem(Object entity) {
        Map<String, Object> plain = Json.MAPPER.convertValue(entity, MAP);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        plain.forEach((k, v) -> {
            if (v != null) {
                item.put(k, toAttribute(v));
            }
        });
        return item;
    }

    /** Reads an entity back, ignoring the storage attributes named in {@code storageOnly}. */
    public static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type, Set<String> storageOnly) {
        Map<String, Object> plain = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (!storageOnly.contains(k)) {
                plain.put(k, fromAttribute(v));
            }
        });
        return Json.MAPPER.convertValue(plain, type);
    }

    /** The attribute names a compact record is read from: its components. */
    public static List<String> components(Class<? extends Record> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                .toList();
    }

    @SuppressWarnings("unchecked")
    static AttributeValue toAttribute(Object v) {
        if (v instanceof String s) {
            return AttributeValue.builder().s(s).build();
        }
        if (v instanceof Number n) {
            return AttributeValue.builder().n(n.toString()).build();
        }
        if (v instanceof Boolean b) {
            return AttributeValue.builder().bool(b).build();
        }
        if (v instanceof List<?> list) {
            List<AttributeValue> values = new ArrayList<>();
            for (Object o : list) {
                values.add(o == null ? AttributeValue.builder().nul(true).build() : toAttribute(o));
            }
            return AttributeValue.builder().l(values).build();
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, o) -> {
                if (o != null) {
                    values.put(k, toAttribute(o));
                }
            });
            return AttributeValue.builder().m(values).build();
        }
        throw new IllegalArgumentException("No DynamoDB form for " + v.getClass().getName());
    }

    static Object fromAttribute(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            BigDecimal d = new BigDecimal(v.n());
            return d.scale() <= 0 ? (Object) d.longValueExact() : d;
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasL()) {
            return v.l().stream().map(AttributeMapper::fromAttribute).toList();
        }
        if (v.hasM()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.m().forEach((k, o) -> m.put(k, fromAttribute(o)));
            return m;
        }
        if (v.hasSs()) {
            return v.ss();
        }
        return null;
    }
}
