package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import spotcheck.core.Env;
import spotcheck.jobs.JobRunner;

/** What every function handler reads of its invocation: the request id, the job runner's view, a schedule's "now". */
final class Invocations {
    private Invocations() { }

    /** The Lambda request id, or "-" outside Lambda (tests). */
    static String requestId(Context context) {
        return context != null ? context.getAwsRequestId() : "-";
    }

    /** The invocation as the job runner sees it: its time left, and how to continue it with {@code event}. */
    static JobRunner.Invocation forJobs(Context context, Supplier<String> event) {
        String function = context != null ? context.getFunctionName() : Env.get("AWS_LAMBDA_FUNCTION_NAME", null);
        return new JobRunner.Invocation(requestId(context), function, event,
                context != null ? context::getRemainingTimeInMillis : () -> Long.MAX_VALUE);
    }

    /** A scheduled run's "now": the event's time, so a run can be replayed; the clock's without one. */
    static Instant scheduledAt(ScheduledEvent event, Clock clock) {
        return event != null && event.getTime() != null ? Instant.ofEpochMilli(event.getTime().getMillis())
                : clock.instant();
    }
}
