package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
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
        String requestId = Invocations.requestId(context);
        if (!(id instanceof String drawId) || !drawId.startsWith("DRW-")) {
            Log.warn("draw.skipped", requestId, "reason", "the event names no draw");
            return "no draw";
        }
        JobRunner.Invocation invocation = Invocations.forJobs(context, () -> DrawService.event(drawId));
        return draws.run(drawId, invocation).map(v -> drawId + " " + v.draw().status()).orElse(drawId + " finished");
    }
}
