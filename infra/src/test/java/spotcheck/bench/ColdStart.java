package spotcheck.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One cold start, in a fresh JVM: constructs a handler as Lambda does (its no-arg constructor) and
 * hands it one GET /items. {@code java ... spotcheck.bench.ColdStart CLASS [--prime]}: with
 * {@code --prime} the handler's SnapStart hook runs between the two, as before a snapshot, so the
 * query is the first one after a restore. The lines {@code #phase init}, {@code #phase priming},
 * {@code #phase first-query} and {@code #phase end} on standard output frame each part (for
 * {@code -Xlog:class+load} counts). Prints
 * {@code RESULT init_ms=… prime_ms=… first_ms=… init_cpu_ms=… first_cpu_ms=… java=…}.
 * The environment names the tables and the endpoint, as the template and the local stack do.
 */
public final class ColdStart {
    private ColdStart() { }

    public static void main(String[] args) throws Exception {
        boolean prime = args.length > 1 && args[1].equals("--prime");
        System.out.println("#phase init");
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        System.out.println("#phase priming");
        if (prime) {
            if (!(handler instanceof org.crac.Resource resource)) {
                throw new IllegalArgumentException(args[0] + " has no SnapStart hook to prime with");
            }
            resource.beforeCheckpoint(null);
        }
        long t2 = System.nanoTime();
        APIGatewayV2HTTPEvent event = itemsRequest();
        System.out.println("#phase first-query");
        long c3 = cpuNanos();
        long t3 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long t4 = System.nanoTime();
        long c4 = cpuNanos();
        System.out.println("#phase end");
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("GET /items answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        System.out.printf(Locale.ROOT, "RESULT init_ms=%.1f prime_ms=%.1f first_ms=%.1f init_cpu_ms=%.1f"
                + " first_cpu_ms=%.1f java=%s%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t4 - t3) / 1e6, (c1 - c0) / 1e6,
                (c4 - c3) / 1e6, System.getProperty("java.version"));
    }

    /**
     * The time this thread has spent on a processor, in ns (Linux's {@code /proc/thread-self/schedstat}), or 0
     * elsewhere: other processes on the machine move it less than wall time. A file read, so that
     * measuring loads no management classes into the JVM measured.
     */
    static long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/schedstat"));
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static APIGatewayV2HTTPEvent itemsRequest() {
        Map<String, String> claims = Map.of("sub", "bench-1", "name", "bench", "org", "hy-forestry",
                "roles", "[admin]");
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /items").withRawPath("/items")
                .withHeaders(Map.of("accept", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("bench-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/items").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build()).build())
                        .build())
                .build();
    }
}
