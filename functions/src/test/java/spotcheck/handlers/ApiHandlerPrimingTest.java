package spotcheck.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.api.ApiResponse;
import spotcheck.api.Route;
import spotcheck.api.Router;
import spotcheck.core.Log;
import spotcheck.store.Tables;

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

    @Test
    void primingWalksTheDataPathWithoutTheFunctionsClientOrCredentials() {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider credentials = () -> {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create("real", "real");
        };
        // nothing listens there: a request through this client would fail
        try (DynamoDbClient functionsClient = DynamoDbClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9")).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            Services services = new Services(functionsClient, new Tables("data", "audit"), Clock.systemUTC(), null,
                    "bucket", () -> {
                        throw new AssertionError("priming read the audit key");
                    });
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            Log.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                ApiHandler.primeDataPath(services);
            } finally {
                Log.redirect(System.out);
            }
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains("\"route\":\"GET /items/{itemId}\",\"status\":200")
                    .contains("\"route\":\"GET /items\",\"status\":200");
            assertThat(resolved.get()).isZero();
        }
    }
}
