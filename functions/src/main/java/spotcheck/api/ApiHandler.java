package spotcheck.api;

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
import java.util.Locale;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import spotcheck.Services;

/**
 * The HTTP API function: an API Gateway payload-2.0 event in, a JSON response out.
 * Parsing, permission, errors and the access log happen here once for every route.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    /** Larger JSON bodies are refused with 413; bulk data goes through S3 imports. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final Router router;

    /** For Lambda: wired from the environment, registered for SnapStart priming. */
    public ApiHandler() {
        this(new Router(Routes.table(Services.fromEnvironment())));
        Core.getGlobalContext().register(this);
    }

    public ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        String routeKey = event.getRouteKey();
        ApiResponse response;
        try {
            response = dispatch(event, requestId);
        } catch (ApiException e) {
            response = ApiResponse.error(e);
        } catch (RuntimeException e) {
            // The client gets an id to quote, never a stack trace; the log gets the exception type.
            Log.error("unhandled", requestId, "route", routeKey, "exception", e.getClass().getName(),
                    "at", firstFrame(e));
            response = ApiResponse.error(new ApiException(500, "internal",
                    "Something went wrong on our side; quote request id " + requestId, null));
        }
        APIGatewayV2HTTPResponse answer;
        try {
            answer = toGateway(response, requestId);
        } catch (RuntimeException e) {
            Log.error("unserialisable_response", requestId, "route", routeKey, "exception", e.getClass().getName());
            response = ApiResponse.error(new ApiException(500, "internal",
                    "Something went wrong on our side; quote request id " + requestId, null));
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
            throw ApiException.tooLarge("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("The request body is not valid base64");
            }
        } else {
            // getBytes would turn an unpaired surrogate into '?' without a word
            if (!Json.isValidUnicode(raw)) {
                throw ApiException.malformed("The request body is not valid Unicode text");
            }
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiException.tooLarge("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
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
            throw ApiException.malformed("The request body is not valid UTF-8 (byte " + (in.position() + 1) + ")");
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
        return context != null ? context.getAwsRequestId() : "-";
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
     * that reads and writes nothing, so those classes are loaded and compiled in the
     * snapshot. No clock, randomness or connection is captured.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        APIGatewayV2HTTPEvent health = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /health").withRawPath("/health")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/health").build()).build())
                .build();
        handleRequest(health, null);
        Json.read("{\"code\":\"x\",\"message\":\"y\",\"details\":[]}".getBytes(StandardCharsets.UTF_8),
                ApiResponse.ErrorBody.Error.class);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing captured at checkpoint needs refreshing
    }
}
