package spotcheck.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kind of entity kept in the data table: its key prefix, its audit name, whether every
 * version is kept as history, the natural keys no two of its entities may share, and the
 * key attributes of the secondary indexes its current state appears in (beyond byKind),
 * written on the item itself so that DynamoDB keeps those indexes, whatever writes it.
 */
public record EntityKind<T extends Versioned>(String prefix, String auditName, Class<T> type, boolean keepsHistory,
                                              Function<T, List<UniqueKey>> uniqueKeys,
                                              Function<T, Map<String, String>> indexKeys) {

    public EntityKind(String prefix, String auditName, Class<T> type, boolean keepsHistory) {
        this(prefix, auditName, type, keepsHistory, entity -> List.of());
    }

    public EntityKind(String prefix, String auditName, Class<T> type, boolean keepsHistory,
                      Function<T, List<UniqueKey>> uniqueKeys) {
        this(prefix, auditName, type, keepsHistory, uniqueKeys, entity -> Map.of());
    }

    /** The same kind, its current state also keyed in secondary indexes by these attributes. */
    public EntityKind<T> withIndexKeys(Function<T, Map<String, String>> keys) {
        return new EntityKind<>(prefix, auditName, type, keepsHistory, uniqueKeys, keys);
    }

    public String pk(String id) {
        return prefix + "#" + id;
    }
}
