package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import spotcheck.core.Log;
import spotcheck.jobs.JobRunner;
import spotcheck.publication.PublicationBatch;
import spotcheck.publication.PublicationService;

/**
 * The daily publication function, on a schedule: runs the batch of the day of the scheduled event's {@code time}
 * (so a run can be replayed; the clock's when the event has none). A run that runs out of time continues itself
 * with the same event; a day whose batch has finished is left as it is.
 */
public final class PublicationHandler implements RequestHandler<ScheduledEvent, String> {
    private final PublicationService publication;
    private final Clock clock;

    public PublicationHandler() {
        this(Services.fromEnvironment());
    }

    private PublicationHandler(Services services) {
        this(services.publication, services.clock);
    }

    public PublicationHandler(PublicationService publication, Clock clock) {
        this.publication = publication;
        this.clock = clock;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        Instant now = Invocations.scheduledAt(event, clock);
        JobRunner.Invocation invocation = Invocations.forJobs(context, () -> PublicationService.event(now));
        return publication.run(now, invocation).map(o -> {
            PublicationBatch b = o.job();
            Log.info("publication.run", invocation.requestId(), "batch", b.batchId(), "ending", o.ending().name(), "published",
                    b.published(), "skipped", b.skipped());
            return b.batchId() + " " + b.status() + ": published " + b.published() + ", exported "
                    + b.files().stream().mapToInt(f -> f.ids().size()).sum();
        }).orElse("the batch of " + now + " has finished already");
    }
}
