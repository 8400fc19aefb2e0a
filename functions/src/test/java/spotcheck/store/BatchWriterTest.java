package spotcheck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchWriterTest {
    /** A table that leaves some items unprocessed and throttles some calls, as DynamoDB does under load. */
    static final class StingyTable implements DynamoDbClient {
        final Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        final List<Integer> batchSizes = new ArrayList<>();
        int calls;
        int throttleEvery;
        int refuseLast;
        boolean refuseAll;
        int refuseFirstCalls;

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            calls++;
            if (throttleEvery > 0 && calls % throttleEvery == 0) {
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .build()).build();
            }
            List<WriteRequest> writes = request.requestItems().get("t");
            batchSizes.add(writes.size());
            int take = calls <= refuseFirstCalls ? 0
                    : writes.size() > refuseLast || refuseAll ? Math.max(0, writes.size() - refuseLast) : writes.size();
            for (WriteRequest w : writes.subList(0, take)) {
                stored.put(w.putRequest().item().get("pk").s(), w.putRequest().item());
            }
            List<WriteRequest> left = writes.subList(take, writes.size());
            return BatchWriteItemResponse.builder().unprocessedItems(left.isEmpty() ? Map.of() : Map.of("t", left))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() { }
    }

    static List<Map<String, AttributeValue>> items(int n) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Map.of("pk", Attrs.s("TGT#" + i), "sk", Attrs.s("#"), "name", Attrs.s("河源市某木材厂" + i)));
        }
        return items;
    }

    @Test
    void writesInBatchesOf25AndRetriesUnprocessedItemsWithGrowingBackoff() {
        StingyTable table = new StingyTable();
        table.refuseLast = 5;
        List<Long> sleeps = new ArrayList<>();
        BatchWriter writer = new BatchWriter(table, "t", sleeps::add, 10, 50);
        writer.putAll(items(60));
        assertThat(table.stored).hasSize(60);
        assertThat(table.batchSizes.get(0)).isEqualTo(25);
        assertThat(writer.stats().itemsWritten).isEqualTo(60);
        assertThat(writer.stats().retries).isGreaterThan(0).isEqualTo(sleeps.size());
        assertThat(sleeps).allMatch(ms -> ms >= 25 && ms <= 50);
    }

    @Test
    void backoffDoublesWhileDynamoDbKeepsRefusing() {
        StingyTable table = new StingyTable();
        table.refuseFirstCalls = 3;
        List<Long> sleeps = new ArrayList<>();
        new BatchWriter(table, "t", sleeps::add, 10, 50).putAll(items(10));
        assertThat(table.stored).hasSize(10);
        // full jitter within [cap/2, cap], the cap doubling: 50, 100, 200
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(25L, 50L);
        assertThat(sleeps.get(1)).isBetween(50L, 100L);
        assertThat(sleeps.get(2)).isBetween(100L, 200L);
    }

    @Test
    void throttlingIsRetriedAndNothingIsLostOrDoubled() {
        StingyTable table = new StingyTable();
        table.throttleEvery = 2;
        BatchWriter writer = new BatchWriter(table, "t", ms -> { }, 10, 50);
        writer.putAll(items(100));
        assertThat(table.stored).hasSize(100);
        assertThat(table.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(writer.stats().retries).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxAttemptsSoTheCheckpointCanTakeOver() {
        StingyTable table = new StingyTable();
        table.refuseLast = 25;
        table.refuseAll = true;
        BatchWriter writer = new BatchWriter(table, "t", ms -> { }, 3, 50);
        assertThatThrownBy(() -> writer.putAll(items(25))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void countsWriteUnitsAsDynamoDbBillsThem() {
        Map<String, AttributeValue> small = Map.of("pk", Attrs.s("TGT#1"), "name", Attrs.s("x".repeat(900)));
        Map<String, AttributeValue> large = Map.of("pk", Attrs.s("TGT#2"), "name", Attrs.s("林".repeat(700)));
        assertThat(BatchWriter.itemBytes(small)).isEqualTo(2 + 5 + 4 + 900);
        assertThat(BatchWriter.itemBytes(large)).isEqualTo(2 + 5 + 4 + 2100);
        StingyTable table = new StingyTable();
        BatchWriter writer = new BatchWriter(table, "t", ms -> { }, 3, 50);
        writer.putAll(List.of(small, large));
        assertThat(writer.stats().writeUnits).isEqualTo(1 + 3);
    }

    @Test
    void countsReadUnitsForKeysNotFoundTooAsDynamoDbBillsThem() {
        DynamoDbClient table = new DynamoDbClient() {
            int gets;

            @Override
            public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
                // The first call leaves two keys unprocessed (not billed); each call finds TGT#0 and TGT#1 only.
                List<Map<String, AttributeValue>> keys = request.requestItems().get("t").keys();
                List<Map<String, AttributeValue>> left = ++gets == 1 ? keys.subList(keys.size() - 2, keys.size())
                        : List.of();
                List<Map<String, AttributeValue>> found = keys.subList(0, keys.size() - left.size()).stream()
                        .filter(k -> List.of("TGT#0", "TGT#1").contains(k.get("pk").s()))
                        .map(k -> Map.of("pk", k.get("pk"), "name", Attrs.s("x".repeat(5000)))).toList();
                return BatchGetItemResponse.builder().responses(Map.of("t", found)).unprocessedKeys(left.isEmpty()
                        ? Map.of() : Map.of("t", KeysAndAttributes.builder().keys(left).build())).build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() { }
        };
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(Map.of("pk", Attrs.s("TGT#" + i)));
        }
        BatchWriter writer = new BatchWriter(table, "t", ms -> { }, 3, 50);
        assertThat(writer.getAll(keys)).hasSize(2);
        // two 5 KB items at 2 RCU each, three keys not found at 1 RCU each
        assertThat(writer.stats().readUnits).isEqualTo(2 * 2 + 3);
        assertThat(writer.stats().readRequests).isEqualTo(2);
    }
}
