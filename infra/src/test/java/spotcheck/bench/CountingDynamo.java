package spotcheck.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import spotcheck.store.BatchWriter;

/**
 * Every DynamoDB request a run makes, counted by operation, with the capacity DynamoDB would bill
 * for it on the base tables: writes 1 WCU per started KB (2 in a transaction), strongly
 * consistent reads 1 RCU per started 4 KB per item (eventually consistent: half), and a key
 * asked for but not found still 1 RCU, as DynamoDB charges it. Index writes are not included.
 * The emulator answers every batch in full, so unprocessed items are not counted again.
 */
final class CountingDynamo implements InvocationHandler {
    final Map<String, Long> requests = new TreeMap<>();
    /** Nanoseconds spent waiting for each operation, marshalling and signing included. */
    final Map<String, Long> nanos = new TreeMap<>();
    double writeUnits;
    double readUnits;
    /** The part of {@link #readUnits} spent on queries (an index's pages). */
    double queryReadUnits;
    private final DynamoDbClient target;
    private final long t0 = System.nanoTime();
    private long expectedTargets;
    private long targetsWritten;
    private long targetBytes;
    private final long[] tenths = new long[10];

    private CountingDynamo(DynamoDbClient target) {
        this.target = target;
    }

    static CountingDynamo around(DynamoDbClient target) {
        return new CountingDynamo(target);
    }

    DynamoDbClient client() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, this);
    }

    /** Starts timing the target items written, at each tenth of {@code rows}. */
    void expectTargets(long rows) {
        expectedTargets = rows;
    }

    /** The mean size of a target item written, as DynamoDB counts it. */
    long meanTargetBytes() {
        return targetsWritten == 0 ? 0 : targetBytes / targetsWritten;
    }

    /** Nanoseconds from creation until each tenth of the expected target items was written. */
    long[] tenths() {
        return tenths.clone();
    }

    long requests() {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds spent in DynamoDB calls, all operations. */
    double seconds() {
        return nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    }

    /** Each operation as "name count × mean ms". */
    String byOperation() {
        StringBuilder s = new StringBuilder();
        requests.forEach((op, n) -> s.append(s.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                "%s %,d × %.2f ms", op, n, nanos.getOrDefault(op, 0L) / 1e6 / n)));
        return s.toString();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault() && args != null && args.length == 1 && !(args[0] instanceof
                software.amazon.awssdk.core.SdkRequest)) {
            // The consumer-builder forms build the request and call the plain form on this proxy.
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Object result;
        long t0 = System.nanoTime();
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            count(method.getName(), args, null, System.nanoTime() - t0);
            throw e.getCause();
        }
        count(method.getName(), args, result, System.nanoTime() - t0);
        return result;
    }

    private synchronized void count(String operation, Object[] args, Object result, long elapsed) {
        if (args == null || args.length != 1 || !(args[0] instanceof software.amazon.awssdk.core.SdkRequest)) {
            return;
        }
        requests.merge(operation, 1L, Long::sum);
        nanos.merge(operation, elapsed, Long::sum);
        Object request = args[0];
        if (request instanceof PutItemRequest p) {
            writeUnits += writeUnits(p.item());
            countTarget(p.item());
        } else if (request instanceof BatchWriteItemRequest b) {
            for (List<WriteRequest> writes : b.requestItems().values()) {
                for (WriteRequest w : writes) {
                    writeUnits += w.putRequest() != null ? writeUnits(w.putRequest().item()) : 1;
                    if (w.putRequest() != null) {
                        countTarget(w.putRequest().item());
                    }
                }
            }
        } else if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem item : t.transactItems()) {
                writeUnits += 2 * (item.put() != null ? writeUnits(item.put().item()) : 1);
            }
        } else if (request instanceof GetItemRequest g && result instanceof GetItemResponse r) {
            double units = r.hasItem() && !r.item().isEmpty() ? readUnits(r.item()) : 1;
            readUnits += Boolean.TRUE.equals(g.consistentRead()) ? units : units / 2;
        } else if (request instanceof BatchGetItemRequest b && result instanceof BatchGetItemResponse r) {
            for (Map.Entry<String, KeysAndAttributes> e : b.requestItems().entrySet()) {
                List<Map<String, AttributeValue>> found = r.responses().getOrDefault(e.getKey(), List.of());
                double units = e.getValue().keys().size() - found.size();
                for (Map<String, AttributeValue> item : found) {
                    units += readUnits(item);
                }
                readUnits += Boolean.TRUE.equals(e.getValue().consistentRead()) ? units : units / 2;
            }
        } else if (request instanceof QueryRequest q && result instanceof QueryResponse r) {
            long bytes = 0;
            for (Map<String, AttributeValue> item : r.items()) {
                bytes += BatchWriter.itemBytes(item);
            }
            double units = Math.max(1, (bytes + 4095) / 4096);
            double billed = Boolean.TRUE.equals(q.consistentRead()) ? units : units / 2;
            readUnits += billed;
            queryReadUnits += billed;
        }
    }

    private void countTarget(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get("pk");
        if (expectedTargets == 0 || pk == null || pk.s() == null || !pk.s().startsWith("TGT#")) {
            return;
        }
        targetsWritten++;
        targetBytes += BatchWriter.itemBytes(item);
        int tenth = (int) (targetsWritten * 10 / expectedTargets) - 1;
        if (tenth >= 0 && tenth < 10 && tenths[tenth] == 0) {
            tenths[tenth] = System.nanoTime() - t0;
        }
    }

    private static long writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (BatchWriter.itemBytes(item) + 1023) / 1024);
    }

    private static long readUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (BatchWriter.itemBytes(item) + 4095) / 4096);
    }
}
