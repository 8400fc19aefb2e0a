package spotcheck.local.events;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;
import spotcheck.local.support.DataFiles;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's S3 event sources, delivered as AWS delivers them. The emulator itself emits
 * the notifications (a bucket notification configuration sends them to one SQS queue per
 * trigger), so an object put by any client triggers: the SDK, the AWS CLI, a presigned URL.
 * A poller per queue invokes the function asynchronously with the S3 event, as Lambda does:
 * a failed invocation is retried twice after a delay, then the event goes to the function's
 * dead-letter queue, or is logged and dropped without one. A message is deleted once its
 * event is handled either way.
 *
 * <p>Restarts: notifications are configured after the saved data is loaded, so reloading
 * objects triggers nothing. Events not handled when the stack stops (queued, or waiting for a
 * retry) are saved in the data directory and queued again on the next start. Objects put
 * while the stack is down are never announced (as on AWS, nothing sends events then), and a
 * crash loses the queued events, since the emulator keeps no queues.
 */
public final class S3Notifications implements AutoCloseable {
    /** Events still to deliver when the stack stopped, one JSON line each, in the data directory. */
    public static final String PENDING_FILE = "s3-events.jsonl";
    /** Lambda waits about 1 then 2 minutes before retrying a failed asynchronous invocation; locally seconds. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONG_POLL_SECONDS = 1;
    /** How long stopping lets a running invocation finish before abandoning it (its event is kept). */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** One trigger: the bucket's notifications for it go to its own queue, so each message has one function. */
    private record Route(TemplateModel.Function function, TemplateModel.S3Trigger trigger, TemplateModel.Bucket bucket,
                         String queueUrl, String queueArn, FunctionHost host, String deadLetterUrl) {
        String label() {
            return function.logicalId() + "/" + trigger.eventName();
        }
    }

    /** An event whose handling stopped with the stack; saved for the next start. */
    private record Unfinished(Route route, String body, String receiptHandle) { }

    private final TemplateModel model;
    private final Map<String, FunctionHost> hosts;
    private final SqsClient sqs;
    private final S3Client s3;
    private final Path pendingFile;
    private final List<Duration> retryDelays;
    private final List<Route> routes = new ArrayList<>();
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final List<Unfinished> abandoned = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AsyncInvoker async;
    private final AtomicBoolean closed = new AtomicBoolean();

    public S3Notifications(TemplateModel model, Map<String, FunctionHost> hosts, Emulator emulator, Path dataDir,
                    List<Duration> retryDelays) {
        this.model = model;
        this.hosts = hosts;
        this.sqs = emulator.sqs();
        this.s3 = emulator.s3();
        this.pendingFile = dataDir.resolve(PENDING_FILE);
        this.retryDelays = List.copyOf(retryDelays);
        this.async = new AsyncInvoker(sqs, retryDelays, stop);
    }

    /** Forgets the events kept from the last run (for --reset: their objects are gone too). */
    public static void discardPending(Path dataDir) throws IOException {
        Files.deleteIfExists(dataDir.resolve(PENDING_FILE));
    }

    /** Creates the queues, configures the buckets' notifications, queues the saved events and starts polling. */
    public void start() {
        Map<String, String> deadLetterUrls = new HashMap<>();
        Set<String> queueNames = new HashSet<>();
        for (TemplateModel.Function f : model.functions()) {
            for (TemplateModel.S3Trigger t : f.s3Triggers()) {
                TemplateModel.Bucket bucket = model.bucket(t.bucketLogicalId()).orElse(null);
                FunctionHost host = hosts.get(f.logicalId());
                if (bucket == null || host == null) {
                    Console.warn(f.logicalId() + ": S3 event " + t.eventName() + " is on " + t.bucketLogicalId()
                            + ", not a bucket of the template; it is not delivered locally");
                    continue;
                }
                String name = queueName(f, t, queueNames);
                String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
                // The emulator's own ARN: its account id need not be the template's (LocalStack's is not).
                String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                String dlq = deadLetterUrls.computeIfAbsent(f.logicalId(),
                        id -> Objects.toString(async.deadLetterUrl(f, "S3 events"), ""));
                routes.add(new Route(f, t, bucket, url, arn, host, dlq.isEmpty() ? null : dlq));
            }
        }
        Map<TemplateModel.Bucket, List<Route>> byBucket = new LinkedHashMap<>();
        routes.forEach(r -> byBucket.computeIfAbsent(r.bucket(), b -> new ArrayList<>()).add(r));
        byBucket.forEach((bucket, bucketRoutes) -> {
            List<QueueConfiguration> wanted = bucketRoutes.stream().map(S3Notifications::queueConfiguration).toList();
            // Kept with the emulator's data since the last run: putting it again would only make the emulator save.
            if (!s3.getBucketNotificationConfiguration(r -> r.bucket(bucket.name())).queueConfigurations()
                    .equals(wanted)) {
                s3.putBucketNotificationConfiguration(r -> r.bucket(bucket.name())
                        .notificationConfiguration(n -> n.queueConfigurations(wanted)));
            }
        });
        requeueSaved();
        for (Route route : routes) {
            Thread poller = new Thread(() -> poll(route), "s3-events-" + route.label());
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
    }

    /** How many events a function handled without error since the start. */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Waits until every event sent so far is handled: the queues are empty and no invocation is
     * running or waiting for a retry. Answers false if that did not happen within the timeout.
     */
    public boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (busy.get() == 0 && queuesEmpty() && busy.get() == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean queuesEmpty() {
        for (Route route : routes) {
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(route.queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            if (counts.values().stream().anyMatch(v -> !"0".equals(v))) {
                return false;
            }
        }
        return true;
    }

    // ---- delivery ---------------------------------------------------------------------------

    private void poll(Route route) {
        int visibility = visibilitySeconds(route.function());
        while (stop.getCount() > 0) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(route.queueUrl()).maxNumberOfMessages(1)
                        .waitTimeSeconds(LONG_POLL_SECONDS).visibilityTimeout(visibility)).messages();
            } catch (RuntimeException e) {
                if (stop.getCount() == 0) {
                    return;
                }
                Console.warn(route.label() + ": cannot read its S3 event queue: " + e.getMessage());
                async.pause(Duration.ofSeconds(1));
                continue;
            }
            for (Message m : messages) {
                busy.incrementAndGet();
                try {
                    handle(route, m);
                } catch (RuntimeException e) {
                    // The message becomes visible again after its visibility timeout and is tried anew.
                    Console.warn(route.label() + ": S3 event not handled: " + e);
                } finally {
                    busy.decrementAndGet();
                }
            }
        }
    }

    private void handle(Route route, Message message) {
        JsonNode body;
        try {
            body = JSON.readTree(message.body());
        } catch (IOException e) {
            body = null;
        }
        if (body != null && S3EventJson.isTestEvent(body)) {
            delete(route, message);
            return;
        }
        ObjectNode event = body == null ? null : S3EventJson.complete(body, this::versionId);
        if (event == null) {
            Console.warn(route.label() + ": a message in its S3 event queue is not an S3 event; dropped");
            delete(route, message);
            return;
        }
        String json = event.toString();
        switch (async.deliver(route.host(), json, "S3 event " + describe(event), route.deadLetterUrl())) {
            case DELIVERED -> {
                delivered.incrementAndGet();
                delete(route, message);
            }
            case GAVE_UP -> delete(route, message);
            case STOPPED -> abandoned.add(new Unfinished(route, json, message.receiptHandle()));
            default -> throw new IllegalStateException();
        }
    }

    private void delete(Route route, Message message) {
        try {
            sqs.deleteMessage(r -> r.queueUrl(route.queueUrl()).receiptHandle(message.receiptHandle()));
        } catch (RuntimeException e) {
            Console.warn(route.label() + ": cannot delete a handled S3 event message: " + e.getMessage());
        }
    }

    /**
     * The version an event is about, for an emulator that does not say (moto): among the key's versions
     * with the event's ETag, the newest not later than the event; listing times are whole seconds, so two
     * uploads of the same bytes within one second get the later version.
     */
    private String versionId(String bucketName, String key, String eTag, Instant eventTime) {
        boolean versioned = model.buckets().stream().anyMatch(b -> b.name().equals(bucketName) && b.versioned());
        if (!versioned) {
            return null;
        }
        try {
            List<ObjectVersion> same = new ArrayList<>();
            for (ObjectVersion v : s3.listObjectVersionsPaginator(r -> r.bucket(bucketName).prefix(key)).versions()) {
                if (v.key().equals(key) && (eTag == null || v.eTag().replace("\"", "").equals(eTag))) {
                    same.add(v);
                }
            }
            same.sort(Comparator.comparing(ObjectVersion::lastModified).reversed());
            return same.stream().filter(v -> !v.lastModified().isAfter(eventTime)).findFirst()
                    .or(() -> same.stream().findFirst()).map(ObjectVersion::versionId).orElse(null);
        } catch (RuntimeException e) {
            Console.warn("cannot list the versions of an object in " + bucketName + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code ObjectCreated:Put s3://bucket/key} for the log: names only, never contents. */
    private static String describe(ObjectNode event) {
        JsonNode r = event.path("Records").path(0);
        return r.path("eventName").asText() + " s3://" + r.path("s3").path("bucket").path("name").asText() + "/"
                + S3EventJson.decodeKey(r.path("s3").path("object").path("key").asText());
    }

    /** Long enough that a message is not received again while its invocations and retries run. */
    private int visibilitySeconds(TemplateModel.Function f) {
        long attempts = 1 + retryDelays.size();
        long seconds = attempts * (f.timeoutSeconds() + AsyncInvoker.TURN_WAIT_MILLIS / 1000)
                + retryDelays.stream().mapToLong(Duration::toSeconds).sum() + 30;
        return (int) Math.min(seconds, 12 * 3600);
    }

    // ---- configuration ----------------------------------------------------------------------

    private static QueueConfiguration queueConfiguration(Route route) {
        TemplateModel.S3Trigger t = route.trigger();
        List<FilterRule> rules = new ArrayList<>();
        // S3 matches filter values against the key as events write it (a space as '+'); moto against the key.
        // Names in lower case: the SDK's enum says "Prefix", which S3 accepts and moto refuses.
        if (t.prefix() != null) {
            rules.add(FilterRule.builder().name("prefix").value(S3EventJson.decodeKey(t.prefix())).build());
        }
        if (t.suffix() != null) {
            rules.add(FilterRule.builder().name("suffix").value(S3EventJson.decodeKey(t.suffix())).build());
        }
        QueueConfiguration.Builder q = QueueConfiguration.builder()
                .id(route.function().logicalId() + t.eventName())
                .queueArn(route.queueArn())
                .eventsWithStrings(t.events());
        if (!rules.isEmpty()) {
            q.filter(f -> f.key(k -> k.filterRules(rules)));
        }
        return q.build();
    }

    /** {@code spotcheck-local-s3-ImportFunction-Upload}: SQS allows 80 characters of [A-Za-z0-9_-]. */
    private String queueName(TemplateModel.Function f, TemplateModel.S3Trigger t, Set<String> taken) {
        String base = (model.prefix() + "-s3-" + f.logicalId() + "-" + t.eventName()).replaceAll("[^A-Za-z0-9_-]",
                "-");
        base = base.length() > 76 ? base.substring(0, 76) : base;
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    // ---- across restarts ----------------------------------------------------------------------

    /** Queues the events the last run left, then forgets them: from here the queues hold them. */
    private void requeueSaved() {
        if (!Files.exists(pendingFile)) {
            return;
        }
        int requeued = 0;
        try {
            for (String line : Files.readAllLines(pendingFile, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode saved = JSON.readTree(line);
                String function = saved.path("function").asText();
                String trigger = saved.path("event").asText();
                Route route = routes.stream().filter(r -> r.function().logicalId().equals(function)
                        && r.trigger().eventName().equals(trigger)).findFirst().orElse(null);
                if (route == null) {
                    Console.warn("a saved S3 event for " + function + "/" + trigger + " has no such trigger any more;"
                            + " dropped");
                    continue;
                }
                // Looked up again by the poller, as for a new event: an object reloaded from an old dump has a new
                // version id.
                for (JsonNode r : saved.path("body").path("Records")) {
                    if (r.path("s3").path("object") instanceof ObjectNode object) {
                        object.remove("versionId");
                    }
                }
                String body = saved.path("body").toString();
                sqs.sendMessage(r -> r.queueUrl(route.queueUrl()).messageBody(body));
                requeued++;
            }
            Files.delete(pendingFile);
        } catch (IOException e) {
            Console.warn("cannot read the saved S3 events: " + e.getMessage());
        }
        if (requeued > 0) {
            Console.info(requeued + " S3 events the last run did not deliver are queued again");
        }
    }

    /**
     * Stops polling, lets a running invocation end (up to a grace period; after it the invocation is
     * abandoned and its event kept), and saves the events not yet handled for the next start.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Thread t : pollers) {
            join(t, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        pollers.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        for (Thread t : pollers) {
            join(t, 5_000);
        }
        savePending();
    }

    private void savePending() {
        List<String> lines = new ArrayList<>();
        Map<Route, List<String>> handles = new LinkedHashMap<>();
        try {
            synchronized (abandoned) {
                for (Unfinished u : abandoned) {
                    lines.add(pendingLine(u.route(), JSON.readTree(u.body())));
                    handles.computeIfAbsent(u.route(), r -> new ArrayList<>()).add(u.receiptHandle());
                }
            }
            for (Route route : routes) {
                while (true) {
                    List<Message> left = sqs.receiveMessage(r -> r.queueUrl(route.queueUrl()).maxNumberOfMessages(10)
                            .waitTimeSeconds(0).visibilityTimeout(60)).messages();
                    if (left.isEmpty()) {
                        break;
                    }
                    for (Message m : left) {
                        JsonNode body = JSON.readTree(m.body());
                        if (!S3EventJson.isTestEvent(body)) {
                            lines.add(pendingLine(route, body));
                        }
                        handles.computeIfAbsent(route, r -> new ArrayList<>()).add(m.receiptHandle());
                    }
                }
            }
            if (lines.isEmpty()) {
                Files.deleteIfExists(pendingFile);
                return;
            }
            DataFiles.writeAtomically(pendingFile, String.join("\n", lines) + "\n");
            Console.info(lines.size() + " S3 events not yet delivered are kept for the next start");
        } catch (IOException | RuntimeException e) {
            Console.warn("cannot save the S3 events not yet delivered: " + e.getMessage());
            return;
        }
        // Saved: an emulator that outlives the stack (attached) must not deliver them a second time.
        handles.forEach((route, receipts) -> receipts.forEach(h -> {
            try {
                sqs.deleteMessage(r -> r.queueUrl(route.queueUrl()).receiptHandle(h));
            } catch (RuntimeException e) {
                // the emulator is going away with the stack in the usual case
            }
        }));
    }

    private static String pendingLine(Route route, JsonNode body) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("function", route.function().logicalId());
        line.put("event", route.trigger().eventName());
        line.set("body", body);
        return JSON.writeValueAsString(line);
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
