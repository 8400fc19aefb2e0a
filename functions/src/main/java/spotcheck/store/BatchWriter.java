package spotcheck.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batched reads and writes of one table for bulk work: BatchWriteItem in 25s and
 * BatchGetItem in 100s. Unprocessed items and throttling are retried with exponential
 * backoff and full jitter until {@code maxAttempts}; then it fails, and the caller's
 * checkpoint lets a later run resume. Counts requests and capacity units as DynamoDB
 * bills them (item size rounded up to 1 KB per write, 4 KB per strongly consistent read).
 */
public final class BatchWriter {
    public static final int WRITE_BATCH = 25;
    public static final int READ_BATCH = 100;

    /** Waits between attempts; tests replace it to run without sleeping. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** What a writer has done so far. */
    public static final class Stats {
        public long writeRequests;
        public long itemsWritten;
        public long writeUnits;
        public long readRequests;
        public long itemsRead;
        public long readUnits;
        public long retries;
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final long baseDelayMillis;
    private final Stats stats;

    public BatchWriter(DynamoDbClient dynamo, String table) {
        this(dynamo, table, new Stats());
    }

    /** A writer adding what it does to {@code stats}, which several writers may share. */
    public BatchWriter(DynamoDbClient dynamo, String table, Stats stats) {
        this(dynamo, table, Thread::sleep, 10, 50, stats);
    }

    public BatchWriter(DynamoDbClient dynamo, String table, Sleeper sleeper, int maxAttempts, long baseDelayMillis) {
        this(dynamo, table, sleeper, maxAttempts, baseDelayMillis, new Stats());
    }

    private BatchWriter(DynamoDbClient dynamo, String table, Sleeper sleeper, int maxAttempts, long baseDelayMillis,
                        Stats stats) {
        this.dynamo = dynamo;
        this.table = table;
        this.sleeper = sleeper;
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelayMillis;
        this.stats = stats;
    }

    public Stats stats() {
        return stats;
    }

    /** Puts every item; returns once all are written. */
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += WRITE_BATCH) {
            List<WriteRequest> pending = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + WRITE_BATCH))) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                stats.writeUnits += (itemBytes(item) + 1023) / 1024;
            }
            stats.itemsWritten += pending.size();
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = withRetries(attempt,
                        () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch))));
                stats.writeRequests++;
                if (response == null) {
                    continue; // throttled: already backed off
                }
                pending = response.unprocessedItems().getOrDefault(table, List.of());
                if (!pending.isEmpty()) {
                    backoff(attempt, pending.size() + " unprocessed items");
                }
            }
        }
    }

    /** The stored items for these keys (absent keys are simply missing from the answer), read consistently. */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += READ_BATCH) {
            Map<String, KeysAndAttributes> pending = new HashMap<>(Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + READ_BATCH))).consistentRead(true).build()));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = withRetries(attempt,
                        () -> dynamo.batchGetItem(b -> b.requestItems(request)));
                stats.readRequests++;
                if (response == null) {
                    continue;
                }
                List<Map<String, AttributeValue>> items = response.responses().getOrDefault(table, List.of());
                for (Map<String, AttributeValue> item : items) {
                    stats.readUnits += (itemBytes(item) + 4095) / 4096;
                }
                stats.itemsRead += items.size();
                found.addAll(items);
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                // A key that is not there still costs a strongly consistent read: 1 RCU, as for GetItem.
                KeysAndAttributes left = pending.get(table);
                stats.readUnits += Math.max(0, request.get(table).keys().size() - items.size()
                        - (left == null ? 0 : left.keys().size()));
                if (!pending.isEmpty()) {
                    backoff(attempt, "unprocessed keys");
                }
            }
        }
        return found;
    }

    /** Runs a call; a throttled call answers null after backing off, so the caller's loop tries again. */
    private <R> R withRetries(int attempt, Supplier<R> call) {
        try {
            return call.get();
        } catch (DynamoDbException e) {
            if (!e.isThrottlingException()) {
                throw e;
            }
            backoff(attempt, "throttled: " + e.awsErrorDetails().errorCode());
            return null;
        }
    }

    private void backoff(int attempt, String why) {
        if (attempt >= maxAttempts) {
            throw new IllegalStateException("DynamoDB still refuses after " + attempt + " attempts (" + why
                    + "); the import resumes from its checkpoint when run again");
        }
        stats.retries++;
        long cap = baseDelayMillis << Math.min(attempt - 1, 8);
        try {
            sleeper.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** An item's size as DynamoDB counts it: attribute names plus values (UTF-8 strings, numbers ~ digits/2+1). */
    public static long itemBytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return bytes;
    }

    private static long valueBytes(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().replace("-", "").replace(".", "").length() / 2 + 1;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasL()) {
            long b = 3;
            for (AttributeValue e : v.l()) {
                b += 1 + valueBytes(e);
            }
            return b;
        }
        if (v.hasM()) {
            return 3 + itemBytes(v.m()) + v.m().size();
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        return 0;
    }
}
