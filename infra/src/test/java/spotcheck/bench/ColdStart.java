package spotcheck.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * One cold start, in a fresh JVM: constructs a handler as Lambda does (its no-arg constructor) and
 * hands it one GET /items. {@code java ... spotcheck.bench.ColdStart CLASS [--prime]}: with
 * {@code --prime} the handler's SnapStart hook runs between the two, as before a snapshot, and the
 * lines {@code #first-query-begin} / {@code #first-query-end} frame the first query on standard
 * output (for {@code -Xlog:class+load} counts). Prints {@code RESULT init_ms=… first_ms=…}.
 * The environment names the tables and the endpoint, as the template and the local stack do.
 */
public final class ColdStart {
    private ColdStart() { }

    public static void main(String[] args) throws Exception {
        boolean prime = args.length > 1 && args[1].equals("--prime");
        long t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        if (prime && handler instanceof org.crac.Resource resource) {
            resource.beforeCheckpoint(null);
        }
        APIGatewayV2HTTPEvent event = itemsRequest();
        System.out.println("#first-query-begin");
        long t2 = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long t3 = System.nanoTime();
        System.out.println("#first-query-end");
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("GET /items answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        System.out.printf("RESULT init_ms=%.1f first_ms=%.1f%n", (t1 - t0) / 1e6, (t3 - t2) / 1e6);
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
