package spotcheck.store;

import java.util.List;
import java.util.function.Function;

/**
 * A kind of entity kept in the data table: its key prefix, its audit name, whether every
 * version is kept as history, and the natural keys no two of its entities may share.
 */
public record EntityKind<T extends Versioned>(String prefix, String auditName, Class<T> type, boolean keepsHistory,
                                              Function<T, List<UniqueKey>> uniqueKeys) {

    public EntityKind(String prefix, String auditName, Class<T> type, boolean keepsHistory) {
        this(prefix, auditName, type, keepsHistory, entity -> List.of());
    }

    public String pk(String id) {
        return prefix + "#" + id;
    }
}
