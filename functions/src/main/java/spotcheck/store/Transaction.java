package spotcheck.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import spotcheck.api.ApiException;

/**
 * One atomic change: the entity writes and their audit record commit together or not at all.
 * A failed condition (stale version, id taken) becomes 409 with the caller's message.
 */
public final class Transaction {
    private final List<TransactWriteItem> writes = new ArrayList<>();

    public Transaction add(TransactWriteItem write) {
        writes.add(write);
        return this;
    }

    public int size() {
        return writes.size();
    }

    public void commit(DynamoDbClient dynamo, String conflictMessage) {
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons()) {
                for (CancellationReason reason : e.cancellationReasons()) {
                    if ("ConditionalCheckFailed".equals(reason.code())) {
                        throw ApiException.conflict(conflictMessage);
                    }
                }
                for (CancellationReason reason : e.cancellationReasons()) {
                    if ("TransactionConflict".equals(reason.code())) {
                        throw ApiException.conflict("Another change to the same record was in progress; try again");
                    }
                }
            }
            throw e;
        }
    }
}
