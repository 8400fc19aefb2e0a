package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.LongSupplier;
import spotcheck.core.Env;
import spotcheck.core.Log;
import spotcheck.draws.DrawService;
import spotcheck.jobs.JobRunner;

/**
 * The draw function: runs or resumes one draw, {@code {"drawId": "DRW-…"}}, invoked asynchronously by the API for
 * a draw too large for a request, and by itself when a draw runs out of time (the job runner continues it with the
 * same event). A draw that has finished is left as it is: a repeated event changes nothing.
 */
public final class DrawHandler implements RequestHandler<Map<String, Object>, String> {
    private final DrawService draws;

    public DrawHandler() {
        this(Services.fromEnvironment().drawFunction());
    }

    public DrawHandler(DrawService draws) {
        this.draws = draws;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object id = event == null ? null : event.get("drawId");
        String requestId = context != null ? context.getAwsRequestId() : "-";
        if (!(id instanceof String drawId) || !drawId.startsWith("DRW-")) {
            Log.warn("draw.skipped", requestId, "reason", "the event names no draw");
            return "no draw";
        }
        LongSupplier remaining = context != null ? context::getRemainingTimeInMillis : () -> Long.MAX_VALUE;
        String function = context != null ? context.getFunctionName() : Env.get("AWS_LAMBDA_FUNCTION_NAME", null);
        JobRunner.Invocation invocation = new JobRunner.Invocation(requestId, function,
                () -> DrawService.event(drawId), remaining);
        return draws.run(drawId, invocation).map(v -> drawId + " " + v.draw().status()).orElse(drawId + " finished");
    }
}
