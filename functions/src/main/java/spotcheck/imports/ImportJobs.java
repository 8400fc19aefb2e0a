package spotcheck.imports;

import java.util.Optional;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.store.Store;

/**
 * Import jobs in the data table. Creation and the end of a job are audited; checkpoints are
 * plain conditional writes on the job's version, which is also how a superseded run finds
 * out that another run has taken the job over.
 */
public final class ImportJobs {
    private final Store store;

    /** Another run took the job over (a repeated event, or a retry after a timeout): this run stops. */
    static final class Superseded extends RuntimeException {
        Superseded(String importId) {
            super("import " + importId + " was taken over by another run", null, false, false);
        }
    }

    public ImportJobs(Store store) {
        this.store = store;
    }

    Optional<ImportJob> get(String importId) {
        return store.get(ImportJob.KIND, importId);
    }

    void createPending(Actor actor, ImportJob job) {
        store.create(ImportJob.KIND, job, actor);
    }

    /**
     * Takes the job for a new run: creates it when the file came without one (a direct upload),
     * or moves it to running with the next attempt number, pinned to the object version of its
     * first run. Empty when it has already finished, so a repeated event changes nothing.
     */
    Optional<ImportJob> claim(ImportJob fresh, String versionId, String eTag, String now) {
        for (int tries = 0; tries < 5; tries++) {
            Optional<ImportJob> current = get(fresh.importId());
            if (current.isEmpty()) {
                ImportJob job = fresh.claimedBy(1, first(fresh.versionId(), versionId), first(fresh.eTag(), eTag),
                        1, now);
                if (store.checkpoint(ImportJob.KIND, null, job)) {
                    return Optional.of(job);
                }
                continue; // someone else created it between our read and write: read again
            }
            ImportJob c = current.get();
            if (c.finished()) {
                return Optional.empty();
            }
            ImportJob job = c.claimedBy(c.attempt() + 1, first(c.versionId(), versionId), first(c.eTag(), eTag),
                    c.version() + 1, now);
            if (store.checkpoint(ImportJob.KIND, c, job)) {
                return Optional.of(job);
            }
            // someone else changed it between our read and write: read again
        }
        throw new IllegalStateException("could not claim import " + fresh.importId() + " after 5 tries");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Saves progress; throws Superseded when the job changed under this run. */
    ImportJob save(ImportJob before, ImportJob after) {
        if (!store.checkpoint(ImportJob.KIND, before, after)) {
            throw new Superseded(before.importId());
        }
        return after;
    }

    /** Records the end of the job and its audit record together (recorded as the job's new status). */
    void finish(Actor actor, ImportJob before, ImportJob after) {
        try {
            store.update(ImportJob.KIND, before, after, actor, after.status());
        } catch (DomainException conflict) {
            throw new Superseded(before.importId());
        }
    }
}
