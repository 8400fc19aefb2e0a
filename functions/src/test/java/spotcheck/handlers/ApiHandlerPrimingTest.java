package spotcheck.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import spotcheck.api.ApiResponse;
import spotcheck.api.Route;
import spotcheck.api.Router;
import spotcheck.core.Log;

/** SnapStart priming runs the request path once and touches nothing but the health route. */
class ApiHandlerPrimingTest {

    @Test
    void primingCallsOnlyTheSideEffectFreeHealthRoute() {
        AtomicInteger health = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ApiHandler handler = new ApiHandler(new Router(List.of(
                Route.publicRoute("GET", "/health", r -> {
                    health.incrementAndGet();
                    return ApiResponse.ok(java.util.Map.of("status", "ok"));
                }),
                Route.publicRoute("POST", "/items", r -> {
                    other.incrementAndGet();
                    return ApiResponse.noContent();
                }))));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            handler.beforeCheckpoint(null);
        } finally {
            Log.redirect(System.out);
        }
        assertThat(health.get()).isEqualTo(1);
        assertThat(other.get()).isZero();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"status\":200").doesNotContain("ERROR");
    }
}
