package spotcheck.imports;

import java.util.Optional;
import spotcheck.audit.AuditTrail;
import spotcheck.store.Store;
import spotcheck.roster.RosterEntry;
import spotcheck.store.AuditRecords;

/**
 * The origin of a roster entity that has no audit record of its own: created by an import
 * (which records whole chunks, not entities) and not changed since. One read of the entity.
 */
public final class ImportOrigins implements AuditTrail.Origins {
    private final Store store;

    public ImportOrigins(Store store) {
        this.store = store;
    }

    @Override
    public Optional<AuditRecords.Origin> of(String entity) {
        int slash = entity.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String type = entity.substring(0, slash);
        String id = entity.substring(slash + 1);
        return RowKind.ALL.values().stream().filter(k -> k.entityKind().auditName().equals(type)).findFirst()
                .flatMap(k -> origin(k, id));
    }

    private <T extends RosterEntry> Optional<AuditRecords.Origin> origin(RowKind<T> kind, String id) {
        return store.get(kind.entityKind(), id)
                .filter(e -> e.version() == 1 && e.importId() != null)
                .map(e -> new AuditRecords.Origin(e.importId(), e.createdAt()));
    }
}
