package spotcheck.calendar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Just enough DynamoDB for the calendar's unit tests: GetItem and transactional Puts with
 * the two conditions the repository writes. The real thing is tested against the emulator.
 */
final class InMemoryDynamo implements DynamoDbClient {
    final Map<String, Map<String, AttributeValue>> data = new HashMap<>();
    final List<Map<String, AttributeValue>> audit = new ArrayList<>();
    int getItemCalls;

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "|" + item.get("sk").s();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        getItemCalls++;
        Map<String, AttributeValue> item = data.get(key(request.key()));
        return GetItemResponse.builder().item(item).build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean failed = false;
        for (TransactWriteItem write : request.transactItems()) {
            boolean ok = conditionHolds(write.put());
            failed |= !ok;
            reasons.add(CancellationReason.builder().code(ok ? "None" : "ConditionalCheckFailed").build());
        }
        if (failed) {
            throw TransactionCanceledException.builder().cancellationReasons(reasons).message("cancelled").build();
        }
        for (TransactWriteItem write : request.transactItems()) {
            Put put = write.put();
            if (put.tableName().equals("audit")) {
                audit.add(put.item());
            } else {
                data.put(key(put.item()), put.item());
            }
        }
        return TransactWriteItemsResponse.builder().build();
    }

    private boolean conditionHolds(Put put) {
        if (put.tableName().equals("audit")) {
            return true;
        }
        Map<String, AttributeValue> existing = data.get(key(put.item()));
        String condition = put.conditionExpression();
        if ("attribute_not_exists(pk)".equals(condition)) {
            return existing == null;
        }
        if ("version = :expected".equals(condition)) {
            return existing != null && existing.get("version").n()
                    .equals(put.expressionAttributeValues().get(":expected").n());
        }
        throw new UnsupportedOperationException("condition " + condition);
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() { }
}
