package spotcheck.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;

/**
 * The template's {@code Schedule} and {@code ScheduleV2} event sources, fired on time by the
 * stack's clock: each fire invokes the function asynchronously with an EventBridge "Scheduled
 * Event" (or the schedule's {@code Input} as is, as EventBridge sends a constant input), with the
 * retries and dead-letter queue of {@link AsyncInvoker}. {@code Schedule} reads cron fields in
 * UTC, {@code ScheduleV2} in its {@code ScheduleExpressionTimezone}. A rate counts from the
 * stack's start. Fires due while the stack was down are not made up, as on AWS nothing missed
 * is replayed; a fire still retrying when the stack stops is dropped.
 */
public final class Schedules implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One enabled schedule of a function. */
    public record Entry(TemplateModel.Function function, TemplateModel.ScheduleTrigger trigger,
                        ScheduleExpression expression, String arn, FunctionHost host) {
        String label() {
            return function.logicalId() + "/" + trigger.eventName();
        }
    }

    /** An on-demand run: the event sent and how the invocation ended. */
    public record Run(Entry entry, String event, FunctionHost.Invocation invocation) { }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final AsyncInvoker async;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private ExecutorService timers;
    private ExecutorService invocations;

    /**
     * Reads the template's schedules.
     *
     * @throws IllegalStateException naming the function and event when an expression is not supported
     */
    public Schedules(TemplateModel model, Map<String, FunctionHost> hosts, SqsClient sqs, Clock clock,
                     List<Duration> retryDelays) {
        this.clock = clock;
        this.async = new AsyncInvoker(sqs, retryDelays, stop);
        List<String> problems = new ArrayList<>();
        for (TemplateModel.Function f : model.functions()) {
            for (TemplateModel.ScheduleTrigger t : f.schedules()) {
                ScheduleExpression expression;
                try {
                    expression = ScheduleExpression.parse(t.expression(), t.timezone());
                } catch (IllegalArgumentException e) {
                    problems.add(f.logicalId() + ": schedule " + t.eventName() + ": " + e.getMessage());
                    continue;
                }
                FunctionHost host = hosts.get(f.logicalId());
                if (host != null) {
                    entries.add(new Entry(f, t, expression, arn(f, t), host));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The template has schedules the local stack cannot run:"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
        }
    }

    /** The schedules, disabled ones included (they run on demand only). */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Starts firing the enabled schedules. */
    public void start() {
        List<Entry> enabled = entries.stream().filter(e -> e.trigger().enabled()).toList();
        timers = Executors.newFixedThreadPool(Math.max(1, enabled.size()), daemon("schedule"));
        invocations = Executors.newCachedThreadPool(daemon("schedule-invoke"));
        Instant anchor = clock.instant();
        for (Entry e : enabled) {
            timers.submit(() -> fireOnTime(e, anchor));
            Console.info(e.label() + ": " + e.expression() + ", next at " + e.expression()
                    .next(anchor, anchor).map(Instant::toString).orElse("never"));
        }
    }

    private void fireOnTime(Entry entry, Instant anchor) {
        Instant last = anchor;
        while (stop.getCount() > 0) {
            Optional<Instant> next = entry.expression().next(last, anchor);
            if (next.isEmpty()) {
                return;
            }
            // Wait by the stack's clock, checking again now and then in case it is far away.
            long wait = Duration.between(clock.instant(), next.get()).toMillis();
            if (wait > 0) {
                if (async.pause(Duration.ofMillis(Math.min(wait, 60_000)))) {
                    return;
                }
                continue;
            }
            last = next.get();
            String event = event(entry, next.get());
            busy.incrementAndGet();
            invocations.submit(() -> {
                try {
                    if (async.deliver(entry.host(), event, "scheduled event " + entry.trigger().eventName() + " of "
                            + next.get(), deadLetterUrl(entry)) == AsyncInvoker.Outcome.DELIVERED) {
                        delivered.incrementAndGet();
                    }
                } finally {
                    busy.decrementAndGet();
                }
            });
        }
    }

    private String deadLetterUrl(Entry entry) {
        return async.deadLetterUrl(entry.function(), "scheduled events");
    }

    /**
     * Runs a function's schedule now, synchronously (no retries), with an event of the given time.
     *
     * @param function  the function's logical id or local name
     * @param eventName which of its schedules; null for its first
     */
    public Optional<Run> run(String function, String eventName, Instant time) {
        Optional<Entry> entry = entries.stream()
                .filter(e -> e.function().logicalId().equals(function) || e.function().name().equals(function))
                .filter(e -> eventName == null || e.trigger().eventName().equals(eventName))
                .findFirst();
        return entry.map(e -> {
            String event = event(e, time);
            FunctionHost.Invocation result = e.host().invoke(event,
                    e.function().timeoutSeconds() * 1000L + AsyncInvoker.TURN_WAIT_MILLIS);
            return new Run(e, event, result);
        });
    }

    /** How many scheduled events the functions handled without error since the start. */
    public long delivered() {
        return delivered.get();
    }

    /** Whether no fired event is being delivered or waiting for a retry. */
    public boolean idle() {
        return busy.get() == 0;
    }

    /**
     * The event EventBridge sends: a "Scheduled Event" whose resources name the rule (Schedule) or the
     * schedule (ScheduleV2), or the schedule's Input as it is.
     */
    public static String event(Entry entry, Instant time) {
        if (entry.trigger().input() != null) {
            return entry.trigger().input();
        }
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", TemplateModel.ACCOUNT_ID);
        e.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", TemplateModel.REGION);
        e.putArray("resources").add(entry.arn());
        e.putObject("detail");
        return e.toString();
    }

    /** SAM names a rule or schedule {@code <Function><Event>} unless the event gives a Name. */
    private static String arn(TemplateModel.Function f, TemplateModel.ScheduleTrigger t) {
        String name = t.name() != null ? t.name() : f.logicalId() + t.eventName();
        boolean v2 = "ScheduleV2".equals(f.events().stream().filter(e -> e.name().equals(t.eventName()))
                .map(TemplateModel.Event::type).findFirst().orElse("Schedule"));
        return v2 ? "arn:aws:scheduler:" + TemplateModel.REGION + ":" + TemplateModel.ACCOUNT_ID + ":schedule/default/"
                + name : "arn:aws:events:" + TemplateModel.REGION + ":" + TemplateModel.ACCOUNT_ID + ":rule/" + name;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        for (ExecutorService s : new ExecutorService[] {timers, invocations}) {
            if (s == null) {
                continue;
            }
            s.shutdown();
            try {
                if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
    }
}
