package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import spotcheck.reminders.ReminderRun;

/**
 * The reminder function, daily at 09:00 Asia/Shanghai: one reminder run as of the scheduled event's {@code time}
 * (so a day can be replayed), or the clock's when the event has none. Answers the run's summary.
 */
public final class ReminderHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final ReminderRun run;
    private final Clock clock;

    public ReminderHandler() {
        this(Services.fromEnvironment());
    }

    private ReminderHandler(Services services) {
        this(services.reminderRun(), services.clock);
    }

    public ReminderHandler(ReminderRun run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String requestId = Invocations.requestId(context);
        Instant now = Invocations.scheduledAt(event, clock);
        ReminderRun.Summary s = run.run(now, requestId);
        return Map.of("runId", s.runId(), "day", s.day(), "reminders", s.reminders(), "delivered", s.delivered(),
                "skipped", s.skipped(), "failed", s.failed());
    }
}
