package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import spotcheck.core.Log;
import spotcheck.jobs.JobSweeper;

/**
 * The job sweeper function, on a schedule: fails the jobs left open too long, as of the scheduled event's
 * {@code time} (so a run can be replayed), or the clock's when the event has none.
 */
public final class JobSweeperHandler implements RequestHandler<ScheduledEvent, String> {
    private final JobSweeper sweeper;
    private final Clock clock;

    public JobSweeperHandler() {
        this(Services.fromEnvironment());
    }

    private JobSweeperHandler(Services services) {
        this(services.jobSweeper(), services.clock);
    }

    public JobSweeperHandler(JobSweeper sweeper, Clock clock) {
        this.sweeper = sweeper;
        this.clock = clock;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        String requestId = context != null ? context.getAwsRequestId() : "-";
        Instant now = event != null && event.getTime() != null ? Instant.ofEpochMilli(event.getTime().getMillis())
                : clock.instant();
        List<String> failed = sweeper.sweep(now, requestId);
        Log.info("jobs.sweep", requestId, "at", now.toString(), "failed", failed.size());
        return "failed " + failed.size() + " stale jobs as of " + now;
    }
}
