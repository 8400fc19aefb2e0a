package spotcheck.local.events;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;

/**
 * Lambda's asynchronous invocation, shared by the event sources (S3 notifications, schedules):
 * a failed invocation is retried after each of the retry delays (Lambda: about 1 and 2 minutes),
 * then the event goes to the function's SQS dead-letter queue with the error in its message
 * attributes, or is logged and dropped without one. Stopping the stack ends the waits at once.
 */
final class AsyncInvoker {
    /** How long an event may wait for its function's turn (other invocations first) on top of the Timeout. */
    static final long TURN_WAIT_MILLIS = 60_000;

    /** How one event's delivery ended. */
    enum Outcome {
        /** The function handled it. */
        DELIVERED,
        /** Every attempt failed: sent to the dead-letter queue, or dropped without one. */
        GAVE_UP,
        /** The stack is stopping; the event was not handled. */
        STOPPED
    }

    private final SqsClient sqs;
    private final List<Duration> retryDelays;
    private final CountDownLatch stop;
    private final AtomicLong failedAttempts = new AtomicLong();

    AsyncInvoker(SqsClient sqs, List<Duration> retryDelays, CountDownLatch stop) {
        this.sqs = sqs;
        this.retryDelays = List.copyOf(retryDelays);
        this.stop = stop;
    }

    List<Duration> retryDelays() {
        return retryDelays;
    }

    /** Invocation attempts that failed so far (each was retried, or its event given up on). */
    long failedAttempts() {
        return failedAttempts.get();
    }

    /**
     * Invokes the function with the event until it succeeds or the retries are spent.
     *
     * @param what          the event for the log, e.g. {@code S3 event ObjectCreated:Put s3://b/k}; names only
     * @param deadLetterUrl the function's SQS dead-letter queue, or null
     */
    Outcome deliver(FunctionHost host, String eventJson, String what, String deadLetterUrl) {
        TemplateModel.Function function = host.function();
        int attempts = 1 + retryDelays.size();
        long patience = function.timeoutSeconds() * 1000L + TURN_WAIT_MILLIS;
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            boolean stopping = attempt > 1 ? pause(retryDelays.get(attempt - 2)) : stop.getCount() == 0;
            if (stopping) {
                return Outcome.STOPPED;
            }
            FunctionHost.Invocation result = host.invoke(eventJson, patience);
            if (result.outcome() == FunctionHost.Outcome.OK) {
                Console.info(function.logicalId() + ": " + what);
                return Outcome.DELIVERED;
            }
            if (Thread.currentThread().isInterrupted()) { // the stack is stopping
                return Outcome.STOPPED;
            }
            failedAttempts.incrementAndGet();
            error = result.outcome() == FunctionHost.Outcome.TIMEOUT ? "not run within " + patience + " ms"
                    : result.payload();
            if (attempt < attempts) {
                Console.warn(function.logicalId() + ": " + what + " failed (attempt " + attempt + " of " + attempts
                        + ": " + error + "); retried in " + retryDelays.get(attempt - 1).toMillis() + " ms");
            }
        }
        deadLetter(function, eventJson, what, attempts, error, deadLetterUrl);
        return Outcome.GAVE_UP;
    }

    /** As Lambda: the event as the body, the error in message attributes. */
    private void deadLetter(TemplateModel.Function function, String event, String what, int attempts, String error,
                            String deadLetterUrl) {
        String gaveUp = function.logicalId() + ": " + what + " failed " + attempts + " times (" + error + ")";
        if (deadLetterUrl != null) {
            try {
                sqs.sendMessage(r -> r.queueUrl(deadLetterUrl).messageBody(event).messageAttributes(Map.of(
                        "ErrorCode", MessageAttributeValue.builder().dataType("Number").stringValue("200").build(),
                        "ErrorMessage", MessageAttributeValue.builder().dataType("String")
                                .stringValue(String.valueOf(error)).build())));
                Console.warn(gaveUp + "; sent to its dead-letter queue");
                return;
            } catch (RuntimeException e) {
                Console.warn(function.logicalId() + ": cannot send to its dead-letter queue: " + e.getMessage());
            }
        }
        Console.warn(gaveUp + "; dropped (no dead-letter queue)");
    }

    /**
     * The queue URL of the function's SQS dead-letter queue; null when it has none (or one not usable here).
     *
     * @param events what fails into it, for the warnings ("S3 events", "scheduled events")
     */
    String deadLetterUrl(TemplateModel.Function f, String events) {
        TemplateModel.DeadLetterQueue d = f.deadLetterQueue();
        if (d == null || d.targetArn() == null) {
            return null;
        }
        if (!d.type().toUpperCase(Locale.ROOT).equals("SQS")) {
            Console.warn(f.logicalId() + ": " + d.type() + " dead-letter queues are not supported locally;"
                    + " failed " + events + " are logged and dropped");
            return null;
        }
        String name = d.targetArn().substring(d.targetArn().lastIndexOf(':') + 1);
        try {
            return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (RuntimeException e) {
            Console.warn(f.logicalId() + ": dead-letter queue " + name + " does not exist locally; failed " + events
                    + " are logged and dropped");
            return null;
        }
    }

    /** Waits, or less if the stack stops; answers whether it is stopping. */
    boolean pause(Duration delay) {
        try {
            return stop.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
