package spotcheck.imports;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.imports.CheckPass.Pending;
import spotcheck.sheets.SheetReader;
import spotcheck.store.Store;
import spotcheck.roster.RosterEntry;

/**
 * An import's second pass, one chunk at a time: new entities created together (with one audit record for the
 * chunk), changed ones each replaced on its version with its own audit record, unchanged ones not written. Entities
 * an interrupted run of the same import already wrote are counted as that run did. A row whose write the store
 * refuses (a unique key another entity holds, found only now) is rejected with the store's reason, and so is a row
 * that, on the entity as now stored, would change a field only others may set ({@link RowKind#heldTo}).
 */
final class RowWriter<T extends RosterEntry> {
    private final RowKind<T> kind;
    private final Store store;
    private final Actor actor;
    private final String importId;
    private final Clock clock;
    private long created;
    private long updated;
    private long unchanged;

    /** Where a rejected row goes (the error report). */
    interface Rejects {
        void add(SheetReader.Row row, String reason) throws IOException;
    }

    /** Counting on from {@code sofar}, an interrupted run's counts at its checkpoint. */
    RowWriter(RowKind<T> kind, Store store, Actor actor, String importId, Clock clock, ImportJob.Rows sofar) {
        this.kind = kind;
        this.store = store;
        this.actor = actor;
        this.importId = importId;
        this.clock = clock;
        this.created = sofar.created();
        this.updated = sofar.updated();
        this.unchanged = sofar.unchanged();
    }

    /** The counts so far, with the checking pass's. */
    ImportJob.Rows rows(long total, long rejected, long duplicates) {
        return new ImportJob.Rows(total, created + updated + unchanged, rejected, created, updated, unchanged,
                duplicates);
    }

    void write(HeaderMap columns, List<Pending<T>> chunk, long lastRow, Rejects rejects) throws IOException {
        Map<String, T> existing = store.getAll(kind.entityKind(), chunk.stream().map(p -> p.entity().id()).toList());
        String now = clock.instant().toString();
        List<T> fresh = new ArrayList<>();
        List<T> resumed = new ArrayList<>();
        Map<String, SheetReader.Row> freshRows = new HashMap<>();
        Principal requester = actor.principal();
        for (Pending<T> p : chunk) {
            T e = p.entity();
            T before = existing.get(e.id());
            UnaryOperator<T> change = stored -> kind.heldTo(requester, stored,
                    kind.merge(stored, e, columns, p.row().cells()));
            T merged;
            try {
                merged = before == null ? kind.heldTo(requester, null, e) : change.apply(before);
            } catch (DomainException refused) {
                rejects.add(p.row(), refused.getMessage());
                continue;
            }
            if (before == null) {
                fresh.add(kind.stamp(merged, 1, now, now, importId));
                freshRows.put(e.id(), p.row());
                continue;
            }
            if (kind.sameContent(before, merged)) {
                if (importId.equals(before.importId())) {
                    // written by an interrupted run of this import: count it as that run did
                    if (before.version() == 1) {
                        created++;
                    } else {
                        updated++;
                    }
                    resumed.add(before);
                } else {
                    unchanged++;
                }
                continue;
            }
            try {
                if (update(before, change)) {
                    updated++;
                } else {
                    unchanged++;
                }
            } catch (DomainException refused) {
                rejects.add(p.row(), refused.getMessage());
            }
        }
        Map<String, DomainException> refused = store.createAll(kind.entityKind(), fresh, resumed, actor,
                new Store.ImportChunk(importId, lastRow, now));
        created += fresh.size() - refused.size();
        for (Map.Entry<String, DomainException> r : refused.entrySet()) {
            rejects.add(freshRows.get(r.getKey()), r.getValue().getMessage());
        }
    }

    /**
     * Replaces one changed entity on the version read, with its history entry and audit record in the same
     * transaction; if someone changed it meanwhile, reads it again. Answers false when the entity, read again,
     * already says what the file says; 409 when a unique key it would take is held, or it keeps changing.
     */
    private boolean update(T before, UnaryOperator<T> change) {
        T current = before;
        for (int tries = 0; tries < 3; tries++) {
            T merged = change.apply(current);
            if (kind.sameContent(current, merged)) {
                return false;
            }
            T after = kind.stamp(merged, current.version() + 1, current.createdAt(), clock.instant().toString(),
                    importId);
            try {
                store.update(kind.entityKind(), current, after, actor, "import", importId);
                return true;
            } catch (DomainException changed) {
                T reread = store.require(kind.entityKind(), after.id());
                if (reread.version() == current.version()) {
                    throw changed; // not changed meanwhile: a unique key another entity holds
                }
                current = reread;
            }
        }
        throw DomainException.conflict("The " + kind.entityKind().auditName() + " '" + before.id()
                + "' kept changing while it was imported; import the file again");
    }
}
