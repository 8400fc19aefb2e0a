package spotcheck.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import spotcheck.core.DomainException;

/**
 * One atomic change: the entity writes and their audit record commit together or not at all.
 * A failed condition (stale version, id taken) becomes 409 with the caller's message, or with
 * the failing write's own answer where it has one (a unique key taken: by whom). Each attempt carries its own
 * client request token, so that the SDK's resend of an attempt that committed is answered as done.
 */
public final class Transaction {
    private static final int MAX_ATTEMPTS = 4;
    private final List<TransactWriteItem> writes = new ArrayList<>();
    private final List<Supplier<DomainException>> onConditionFailed = new ArrayList<>();

    public Transaction add(TransactWriteItem write) {
        return add(write, null);
    }

    /** A write whose failed condition answers {@code onFailed}'s error instead of the transaction's message. */
    public Transaction add(TransactWriteItem write, Supplier<DomainException> onFailed) {
        writes.add(write);
        onConditionFailed.add(onFailed);
        return this;
    }

    public int size() {
        return writes.size();
    }

    List<TransactWriteItem> writes() {
        return List.copyOf(writes);
    }

    /**
     * Commits; a transaction cancelled only because another one touched the same items at the
     * same moment (nothing was written) is tried again a few times before answering 409.
     */
    public void commit(DynamoDbClient dynamo, String conflictMessage) {
        for (int attempt = 1; ; attempt++) {
            try {
                // the SDK resends a request that timed out with the same token: a resend of a transaction that
                // did commit then answers success, not a false conflict; each attempt of this loop is a new one
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes)
                        .clientRequestToken(UUID.randomUUID().toString()).build());
                return;
            } catch (TransactionCanceledException e) {
                if (!e.hasCancellationReasons()) {
                    throw e;
                }
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code()) && onConditionFailed.get(i) != null) {
                        throw onConditionFailed.get(i).get();
                    }
                }
                if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    throw DomainException.conflict(conflictMessage);
                }
                if (reasons.stream().noneMatch(r -> "TransactionConflict".equals(r.code()))) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw DomainException.conflict("Another change to the same record was in progress; try again");
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L << attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw DomainException.conflict("Another change to the same record was in progress; try again");
        }
    }
}
