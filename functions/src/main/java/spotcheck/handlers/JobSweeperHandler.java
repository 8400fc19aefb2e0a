package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import spotcheck.core.Log;
import spotcheck.jobs.JobSweeper;

/**
 * The job sweeper function, on a schedule: fails the jobs left open too long, or resumes them where their kind
 * allows (draws), as of the scheduled event's {@code time} (so a run can be replayed), or the clock's when the
 * event has none.
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
        String requestId = Invocations.requestId(context);
        Instant now = Invocations.scheduledAt(event, clock);
        JobSweeper.Swept swept = sweeper.sweepAll(now, requestId);
        Log.info("jobs.sweep", requestId, "at", now.toString(), "failed", swept.failed().size(), "resumed",
                swept.resumed().size());
        return "failed " + swept.failed().size() + " stale jobs and resumed " + swept.resumed().size() + " as of "
                + now;
    }
}
