package spotcheck.store;

/**
 * A kind of entity kept in the data table: its key prefix, its audit name, and
 * whether every version is kept as history.
 */
public record EntityKind<T extends Versioned>(String prefix, String auditName, Class<T> type, boolean keepsHistory) {

    public String pk(String id) {
        return prefix + "#" + id;
    }
}
