package spotcheck.imports;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.core.Actor;
import spotcheck.store.Attrs;
import spotcheck.store.EntityStore;
import spotcheck.store.Tables;
import spotcheck.store.Transaction;
import spotcheck.store.AuditRecords;

/**
 * Import jobs in the data table. Creation and the end of a job are audited; checkpoints are
 * plain conditional writes on the job's version, which is also how a superseded run finds
 * out that another run has taken the job over.
 */
public final class ImportJobs {
    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final EntityStore store;
    private final AuditRecords audit;

    /** Another run took the job over (a repeated event, or a retry after a timeout): this run stops. */
    static final class Superseded extends RuntimeException {
        Superseded(String importId) {
            super("import " + importId + " was taken over by another run", null, false, false);
        }
    }

    public ImportJobs(DynamoDbClient dynamo, Tables tables, EntityStore store, AuditRecords audit) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.store = store;
        this.audit = audit;
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
            try {
                if (current.isEmpty()) {
                    ImportJob job = fresh.claimedBy(1, first(fresh.versionId(), versionId), first(fresh.eTag(), eTag),
                            1, now);
                    put(job, null);
                    return Optional.of(job);
                }
                ImportJob c = current.get();
                if (c.finished()) {
                    return Optional.empty();
                }
                ImportJob job = c.claimedBy(c.attempt() + 1, first(c.versionId(), versionId), first(c.eTag(), eTag),
                        c.version() + 1, now);
                put(job, c.version());
                return Optional.of(job);
            } catch (ConditionalCheckFailedException raced) {
                // someone else changed it between our read and write: read again
            }
        }
        throw new IllegalStateException("could not claim import " + fresh.importId() + " after 5 tries");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Saves progress; throws Superseded when the job changed under this run. */
    ImportJob save(ImportJob before, ImportJob after) {
        try {
            put(after, before.version());
            return after;
        } catch (ConditionalCheckFailedException e) {
            throw new Superseded(before.importId());
        }
    }

    /** Records the end of the job and its audit record together. */
    void finish(Actor actor, ImportJob before, ImportJob after) {
        Transaction tx = new Transaction();
        tx.add(TransactWriteItem.builder().put(putRequest(after, before.version())).build());
        tx.add(audit.record(actor.principal(), actor.requestId(), AuditRecords.entityKey("import", after.importId()),
                after.status(), after.version(), before, after));
        try {
            tx.commit(dynamo, "superseded");
        } catch (spotcheck.core.DomainException conflict) {
            throw new Superseded(before.importId());
        }
    }

    private void put(ImportJob job, Long expectedVersion) {
        dynamo.putItem(b -> {
            Put p = putRequest(job, expectedVersion);
            b.tableName(p.tableName()).item(p.item()).conditionExpression(p.conditionExpression());
            if (p.expressionAttributeNames() != null && !p.expressionAttributeNames().isEmpty()) {
                b.expressionAttributeNames(p.expressionAttributeNames());
            }
            if (p.expressionAttributeValues() != null && !p.expressionAttributeValues().isEmpty()) {
                b.expressionAttributeValues(p.expressionAttributeValues());
            }
        });
    }

    private Put putRequest(ImportJob job, Long expectedVersion) {
        Put.Builder p = Put.builder().tableName(tables.data()).item(EntityStore.currentItem(ImportJob.KIND, job));
        if (expectedVersion == null) {
            p.conditionExpression("attribute_not_exists(pk)");
        } else {
            p.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", Attrs.n(expectedVersion)));
        }
        return p.build();
    }
}
