package spotcheck.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** Handlers for the local stack's tests, named in a test template as Lambda names them. */
public final class TestHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestHandlers() { }

    /** Answers the raw event JSON it was given, to check what the front sends. */
    public static final class RawEcho implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", 200);
            response.put("headers", Map.of("content-type", "application/json"));
            response.put("body", event);
            out.write(JSON.writeValueAsBytes(response));
        }
    }

    /** Reads the event through the typed API, as the real functions do. */
    public static final class TypedEcho implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("routeKey", event.getRouteKey());
            seen.put("pathParameters", event.getPathParameters());
            seen.put("query", event.getQueryStringParameters());
            seen.put("isBase64Encoded", event.getIsBase64Encoded());
            seen.put("body", event.getBody());
            seen.put("method", event.getRequestContext().getHttp().getMethod());
            seen.put("claims", event.getRequestContext().getAuthorizer() == null ? null
                    : event.getRequestContext().getAuthorizer().getJwt().getClaims());
            seen.put("functionName", context.getFunctionName());
            seen.put("memory", context.getMemoryLimitInMB());
            seen.put("remaining", context.getRemainingTimeInMillis());
            try {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", "application/json"))
                        .withBody(JSON.writeValueAsString(seen)).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response with everything payload 2.0 allows: cookies, several headers, a binary body. */
    public static final class Reply implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream", "X-One", "1",
                            "Access-Control-Allow-Origin", "https://not-this.example"))
                    .withMultiValueHeaders(Map.of("X-Many", List.of("a", "b")))
                    .withCookies(List.of("s=1; Path=/", "t=2"))
                    .withBody("AAEC/w==").withIsBase64Encoded(true).build();
        }
    }

    /** Returns plain JSON without a statusCode: API Gateway answers 200 with it as the body. */
    public static final class Plain implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("plain", true, "sawVersion", event.get("version"));
        }
    }

    public static final class Boom implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            throw new IllegalStateException("boom");
        }
    }

    /** Sleeps 5 s; notes the time its context gave it and whether it slept to the end or was cut off. */
    public static final class Slow implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public static final BlockingQueue<Integer> GIVEN_MILLIS = new LinkedBlockingQueue<>();
        public static final BlockingQueue<String> ENDINGS = new LinkedBlockingQueue<>();

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            GIVEN_MILLIS.add(context.getRemainingTimeInMillis());
            try {
                Thread.sleep(5_000);
                ENDINGS.add("finished");
            } catch (InterruptedException e) {
                ENDINGS.add("cut off");
                Thread.currentThread().interrupt();
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        }
    }

    /** Keeps the S3 events it is given, read through the typed API as an import function reads them. */
    public static final class S3Recorder implements RequestHandler<S3Event, String> {
        public static final List<S3Event> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public String handleRequest(S3Event event, Context context) {
            SEEN.add(event);
            return "ok";
        }
    }

    /** Fails on every S3 event, noting the decoded key of each attempt. */
    public static final class S3Failing implements RequestHandler<S3Event, String> {
        public static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

        @Override
        public String handleRequest(S3Event event, Context context) {
            ATTEMPTS.add(event.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
            throw new IllegalStateException("cannot import this file");
        }
    }

    /** Fails the first time it sees a key and handles it after: to hold an event in its retry wait. */
    public static final class S3FailsOnce implements RequestHandler<S3Event, String> {
        public static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
        public static final List<S3Event> HANDLED = new CopyOnWriteArrayList<>();

        @Override
        public String handleRequest(S3Event event, Context context) {
            String key = event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
            boolean first = !ATTEMPTS.contains(key);
            ATTEMPTS.add(key);
            if (first) {
                throw new IllegalStateException("not yet");
            }
            HANDLED.add(event);
            return "ok";
        }
    }

    /** Keeps the scheduled events it is given (raw JSON, with the function's name) and answers how many it has. */
    public static final class ScheduleRecorder implements RequestStreamHandler {
        public static final List<Map<String, Object>> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("function", context.getFunctionName());
            seen.put("event", JSON.readTree(in));
            SEEN.add(seen);
            out.write(JSON.writeValueAsBytes(Map.of("seen", SEEN.size())));
        }
    }

    /** Fails on every scheduled event, counting the attempts. */
    public static final class ScheduleFailing implements RequestStreamHandler {
        public static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            ATTEMPTS.add(JSON.readTree(in).path("time").asText());
            throw new IllegalStateException("the reminder service is down");
        }
    }

    /** Fails on every event invoked through the local Invoke API, counting the attempts. */
    public static final class InvokeFailing implements RequestStreamHandler {
        public static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            ATTEMPTS.add(JSON.readTree(in).path("time").asText());
            throw new IllegalStateException("the function is broken");
        }
    }
}
