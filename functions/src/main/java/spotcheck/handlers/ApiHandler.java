package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.api.HttpError;
import spotcheck.api.Route;
import spotcheck.api.Router;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.core.Access;
import spotcheck.core.DomainException;
import spotcheck.core.Json;
import spotcheck.core.Log;
import spotcheck.core.Principal;
import spotcheck.roster.Item;
import spotcheck.store.Dynamo;
import spotcheck.store.EntityStore;

/**
 * The HTTP API function: an API Gateway payload-2.0 event in, a JSON response out.
 * Parsing, permission, errors and the access log happen here once for every route.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** Larger JSON bodies are refused with 413; bulk data goes through S3 imports. */
    public static final int MAX_BODY_BYTES = Json.MAX_DOCUMENT_BYTES;

    private final Router router;
    /** Priming of the data path (routes, services, store and DynamoDB client), if there is one to prime. */
    private final Runnable dataPriming;

    /** For Lambda: wired from the environment, registered for SnapStart priming. */
    public ApiHandler() {
        this(Services.fromEnvironment());
        // every request reads or writes JSON: the mapper is built at init, as the clients are
        Objects.requireNonNull(Json.MAPPER);
        Core.getGlobalContext().register(this);
    }

    private ApiHandler(Services services) {
        this(new Router(Routes.table(services)), () -> primeDataPath(services));
    }

    public ApiHandler(Router router) {
        this(router, () -> { });
    }

    /** With {@code dataPriming} run by the SnapStart hook after the health request. */
    ApiHandler(Router router, Runnable dataPriming) {
        this.router = router;
        this.dataPriming = dataPriming;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        String routeKey = event.getRouteKey();
        ApiResponse response;
        try {
            response = dispatch(event, requestId);
        } catch (DomainException e) {
            response = ApiResponse.error(e);
        } catch (HttpError e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            // The client gets an id to quote, never a stack trace; the log gets the exception type.
            Log.error("unhandled", requestId, "route", routeKey, "exception", e.getClass().getName(),
                    "at", firstFrame(e));
            response = ApiResponse.error(new HttpError(500, "internal",
                    "Something went wrong on our side; quote request id " + requestId));
        }
        APIGatewayV2HTTPResponse answer;
        try {
            answer = toGateway(response, requestId);
        } catch (RuntimeException e) {
            Log.error("unserialisable_response", requestId, "route", routeKey, "exception", e.getClass().getName());
            response = ApiResponse.error(new HttpError(500, "internal",
                    "Something went wrong on our side; quote request id " + requestId));
            answer = toGateway(response, requestId);
        }
        Log.info("request", requestId, "route", routeKey, "status", response.status(),
                "ms", (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private ApiResponse dispatch(APIGatewayV2HTTPEvent event, String requestId) {
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : null;
        Router.Match match = router.match(event.getRouteKey(), method, event.getRawPath(), event.getPathParameters());
        Principal principal = principal(event);
        Route route = match.route();
        if (!route.isPublic()) {
            Access.requireAnyRole(principal, route.roles());
            Access.requireOrganisation(principal);
        }
        byte[] body = body(event);
        ApiRequest request = new ApiRequest(route.key(), match.pathParameters(),
                orEmpty(event.getQueryStringParameters()), lowerCaseKeys(event.getHeaders()), body, principal,
                requestId);
        return route.operation().handle(request);
    }

    private static Principal principal(APIGatewayV2HTTPEvent event) {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null
                || ctx.getAuthorizer().getJwt().getClaims() == null) {
            return null;
        }
        return Principal.fromClaims(ctx.getAuthorizer().getJwt().getClaims());
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null) {
            return new byte[0];
        }
        // Base64 makes a body a third longer: compare the decoded size, as the client sent it.
        if (raw.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
            throw DomainException.tooLarge("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw DomainException.malformed("The request body is not valid base64");
            }
        } else {
            // getBytes would turn an unpaired surrogate into '?' without a word
            if (!Json.isValidUnicode(raw)) {
                throw DomainException.malformed("The request body is not valid Unicode text");
            }
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw DomainException.tooLarge("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        requireUtf8(bytes);
        return bytes;
    }

    /**
     * Every body of this API is JSON, which is UTF-8. API Gateway hands over a body that is not
     * valid UTF-8 base64-encoded; it is refused here rather than read with U+FFFD in place of the
     * bytes that make no character.
     */
    private static void requireUtf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never has more characters than bytes, so the output cannot overflow
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length), true);
        if (result.isError()) {
            throw DomainException.malformed("The request body is not valid UTF-8 (byte " + (in.position() + 1) + ")");
        }
    }

    private static APIGatewayV2HTTPResponse toGateway(ApiResponse response, String requestId) {
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("X-Request-Id", requestId);
        String body = null;
        boolean binary = false;
        if (response.body() instanceof ApiResponse.FileBody file) {
            headers.put("Content-Type", file.contentType());
            headers.put("Content-Disposition", file.disposition());
            body = Base64.getEncoder().encodeToString(file.bytes());
            binary = true;
        } else if (response.body() != null) {
            headers.put("Content-Type", "application/json; charset=utf-8");
            body = Json.writeString(response.body());
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(binary)
                .build();
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return Invocations.requestId(context);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> out = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "" : trace[0].toString();
    }

    /**
     * SnapStart priming: exercise routing, JSON and response building with a request
     * that reads and writes nothing, then the data path (below), so those classes are loaded and
     * compiled in the snapshot. No clock, randomness, credentials or connection is captured.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        handleRequest(primingRequest("GET /health", "/health", Map.of(), null), null);
        Json.read("{\"code\":\"x\",\"message\":\"y\",\"details\":[]}".getBytes(StandardCharsets.UTF_8),
                ApiResponse.ErrorBody.Error.class);
        // the bundled calendars are read on first use, not at init: here, so that a restored container has them
        OfficialCalendars.bundled().find(2026);
        try {
            dataPriming.run();
        } catch (RuntimeException e) {
            // A snapshot without this priming is slower on its first query, not wrong: say so, and go on.
            Log.error("priming_failed", "priming", "exception", e.getClass().getName(), "at", firstFrame(e));
        }
    }

    /**
     * GET /items/{id} (a GetItem) and GET /items (a Query of the byKind index) through the same routes,
     * services and store as the function's own, over {@link Dynamo#primingClient a DynamoDB client} that
     * answers from memory with one item: marshalling, endpoint rules, signing, response parsing and
     * mapping load and compile without a connection, a write, or the function's credentials.
     */
    static void primeDataPath(Services services) {
        Item sample = new Item("ITEM-PRIMING", "priming", "priming", "general", "priming", "priming",
                List.of("on_site"), List.of("enterprise"), "active", null, null, 1, "2000-01-01T00:00:00Z",
                "2000-01-01T00:00:00Z");
        String item = Dynamo.wireJson(EntityStore.currentItem(Item.KIND, sample));
        try (DynamoDbClient client = Dynamo.primingClient(services.dynamo, operation -> switch (operation) {
            case "GetItem" -> "{\"Item\":" + item + "}";
            case "Query" -> "{\"Count\":1,\"ScannedCount\":1,\"Items\":[" + item + "]}";
            default -> throw new IllegalStateException("Priming sends no " + operation);
        })) {
            ApiHandler primer = new ApiHandler(new Router(Routes.table(services.withDynamo(client))));
            Map<String, String> admin = Map.of("sub", "priming", "org", "priming", "roles", "admin");
            for (APIGatewayV2HTTPEvent request : List.of(
                    primingRequest("GET /items/{itemId}", "/items/ITEM-PRIMING", Map.of("itemId", "ITEM-PRIMING"),
                            admin),
                    primingRequest("GET /items", "/items", Map.of(), admin))) {
                APIGatewayV2HTTPResponse response = primer.handleRequest(request, null);
                if (response.getStatusCode() != 200) {
                    throw new IllegalStateException("Priming " + request.getRouteKey() + " answered "
                            + response.getStatusCode());
                }
            }
        }
    }

    private static APIGatewayV2HTTPEvent primingRequest(String routeKey, String path, Map<String, String> pathParameters,
                                                        Map<String, String> claims) {
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("priming")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build());
        if (claims != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withRawPath(path)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context.build())
                .build();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing captured at checkpoint needs refreshing
    }
}
