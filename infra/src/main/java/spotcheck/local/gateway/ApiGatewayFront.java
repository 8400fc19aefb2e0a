package spotcheck.local.gateway;

import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local API Gateway (HTTP API, payload format 2.0): it picks the route of the OpenAPI
 * document, runs the JWT authorizer, turns the request into the event API Gateway would
 * send, invokes the route's function in this JVM and turns its answer into the HTTP
 * response, with API Gateway's own answers where API Gateway answers itself (404 for no
 * route, 401 from the authorizer, 413, CORS preflight, 500/503 for function failures).
 *
 * <p>Paths under {@code /local/} are the stack's own endpoints (token issuer, later
 * schedules), registered with {@link #localEndpoint}.
 *
 * <p>The HTTP server is Jetty's, set to take request lines as API Gateway takes them: raw
 * UTF-8 in the path and query (as curl sends an unencoded URL) reaches the function exactly as
 * its percent-encoded form does, and whatever the server itself refuses (a malformed request
 * line, bad percent-encoding, headers too large) is answered in API Gateway's JSON shape,
 * {@code {"message":"Bad Request"}}, never as an HTML page.
 */
public final class ApiGatewayFront implements AutoCloseable {
    /** API Gateway's request size limit. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Lambda's limit for a synchronous invocation payload. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;
    static final String LOCAL_PREFIX = "/local/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Request line and headers together; API Gateway's limit is 10 KB of request line and header values. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, LocalEndpoint> localEndpoints = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RouteTable routes = new RouteTable(List.of());
    private volatile TemplateModel.Cors cors;
    private volatile Map<String, FunctionHost> functions = Map.of();
    private volatile JwtIssuer issuer;

    /** A request to one of the stack's own endpoints. */
    public record LocalRequest(String method, String rawPath, Map<String, String> pathParameters,
                               Map<String, String> query, byte[] body) { }

    /** The answer of a local endpoint: a status and a body written as JSON (null for none). */
    public record Reply(int status, Object json) { }

    /** One of the stack's own endpoints under {@code /local/}. */
    @FunctionalInterface
    public interface LocalEndpoint {
        Reply handle(LocalRequest request) throws Exception;
    }

    private ApiGatewayFront(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds the port on the loopback interface now (0: any free port); serves after {@link #start()}. */
    public static ApiGatewayFront bind(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("api");
        threads.setDaemon(true);
        threads.setStopTimeout(1000);
        Server server = new Server(threads);
        server.setStopTimeout(0);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        // The front decodes paths itself and serves no files: take any request target API Gateway
        // takes (raw UTF-8, encoded slashes and dots), as the function is the one to judge it.
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        ApiGatewayFront front = new ApiGatewayFront(server, connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                front.handle(request, response, callback);
                return true;
            }
        });
        server.setErrorHandler(new GatewayErrors());
        try {
            connector.open();
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new BindException("Port " + port + " on 127.0.0.1 is in use; stop what uses it or pass --api-port");
            }
            throw e;
        }
        return front;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** What to serve: the template's HTTP APIs, their functions (by logical id) and the authorizer's issuer. */
    public void serve(List<TemplateModel.HttpApi> apis, Map<String, FunctionHost> hosts, JwtIssuer jwtIssuer) {
        this.routes = new RouteTable(apis);
        this.cors = apis.stream().map(TemplateModel.HttpApi::cors).filter(c -> c != null).findFirst().orElse(null);
        this.functions = Map.copyOf(hosts);
        this.issuer = jwtIssuer;
    }

    /** Registers {@code METHOD /local/...}; {@code {name}} segments become path parameters. */
    public void localEndpoint(String method, String pathTemplate, LocalEndpoint endpoint) {
        localEndpoints.put(method.toUpperCase(Locale.ROOT) + " " + pathTemplate, endpoint);
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The API front did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            Console.warn("front: stopping failed: " + e.getClass().getSimpleName());
        }
        // A front that never started (a start that failed after bind) still holds its port.
        connector.close();
    }

    // ---- one request ---------------------------------------------------------------------

    /** One request and its response, as Jetty hands them to the front. */
    private record Exchange(Request request, Response response) {
        String method() {
            return request.getMethod().toUpperCase(Locale.ROOT);
        }

        String header(String name) {
            return request.getHeaders().get(name);
        }

        HttpFields.Mutable out() {
            return response.getHeaders();
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response);
        long started = System.nanoTime();
        String requestId = requestId();
        String method = ex.method();
        String logKey = method + " (no route)";
        int status = 500;
        try {
            String rawPath = percentEncodeNonAscii(request.getHttpURI().getPath());
            rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            String rawQuery = request.getHttpURI().getQuery() == null ? ""
                    : percentEncodeNonAscii(request.getHttpURI().getQuery());
            String origin = ex.header("Origin");
            byte[] body = readBody(request);
            if (body == null) {
                status = gatewayAnswer(ex, 413, "Request Entity Too Large", requestId, origin);
                return;
            }
            if (!wellEncoded(rawPath) || !wellEncoded(rawQuery)) {
                status = gatewayAnswer(ex, 400, "Bad Request", requestId, origin);
                return;
            }
            if (rawPath.startsWith(LOCAL_PREFIX)) {
                logKey = method + " " + rawPath;
                status = local(ex, method, rawPath, rawQuery, body, requestId, origin);
                return;
            }
            TemplateModel.Cors c = cors;
            if (method.equals("OPTIONS") && c != null && origin != null
                    && ex.header("Access-Control-Request-Method") != null) {
                logKey = "OPTIONS (CORS preflight)";
                status = preflight(ex, c, origin, requestId);
                return;
            }
            Optional<RouteTable.Match> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                status = gatewayAnswer(ex, 404, "Not Found", requestId, origin);
                return;
            }
            TemplateModel.Route route = match.get().route();
            logKey = route.key();
            JwtIssuer.Verified identity = null;
            if (!route.isPublic()) {
                String header = ex.header(match.get().api().identityHeader());
                if (header == null || header.isBlank()) {
                    status = gatewayAnswer(ex, 401, "Unauthorized", requestId, origin);
                    return;
                }
                try {
                    identity = issuer.verify(bearer(header));
                } catch (JwtIssuer.Rejected e) {
                    ex.out().add("www-authenticate",
                            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + e.getMessage() + "\"");
                    status = gatewayAnswer(ex, 401, "Unauthorized", requestId, origin);
                    return;
                }
                if (!route.scopes().isEmpty() && (identity.scopes() == null
                        || identity.scopes().stream().noneMatch(route.scopes()::contains))) {
                    status = gatewayAnswer(ex, 403, "Forbidden", requestId, origin);
                    return;
                }
            }
            FunctionHost host = route.function() == null ? null : functions.get(route.function());
            if (host == null) {
                status = gatewayAnswer(ex, 500, "Internal Server Error", requestId, origin);
                return;
            }
            String event = JSON.writeValueAsString(event(ex, route, match.get().pathParameters(), rawPath,
                    rawQuery, body, identity, requestId));
            if (event.length() > MAX_EVENT_BYTES) {
                status = gatewayAnswer(ex, 413, "Request Entity Too Large", requestId, origin);
                return;
            }
            FunctionHost.Invocation result = host.invoke(event, route.timeoutMillis());
            status = switch (result.outcome()) {
                case OK -> proxyAnswer(ex, result.payload(), requestId, origin);
                case TIMEOUT -> gatewayAnswer(ex, 503, "Service Unavailable", requestId, origin);
                case ERROR -> gatewayAnswer(ex, 500, "Internal Server Error", requestId, origin);
            };
        } catch (IOException | RuntimeException e) {
            Console.warn("front: " + logKey + " failed: " + e.getClass().getSimpleName());
            try {
                status = gatewayAnswer(ex, 500, "Internal Server Error", requestId, null);
            } catch (IOException | RuntimeException ignored) {
                // the client has gone; nothing left to tell it
            }
        } finally {
            if (response.isCommitted()) {
                callback.succeeded();
            } else {
                // Nothing was written: the client has gone, or writing failed before the head went out.
                callback.failed(new IOException("no answer was written"));
            }
            Console.info(logKey + " -> " + status + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
    }

    /** The body, or null when it passes API Gateway's 10 MB limit. */
    private static byte[] readBody(Request request) throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length <= MAX_REQUEST_BYTES) {
            return body;
        }
        // Read on (within reason) so the client, still sending, gets the 413 rather than a reset.
        long skipped = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; skipped < 8L * MAX_REQUEST_BYTES && (n = in.read(sink)) > 0; ) {
            skipped += n;
        }
        return null;
    }

    /**
     * The request target as API Gateway puts it in {@code rawPath} and {@code rawQueryString}: what
     * the client sent, with raw (UTF-8) non-ASCII characters percent-encoded, so that a URL sent
     * unencoded and its encoded form give the same event.
     */
    static String percentEncodeNonAscii(String s) {
        if (s == null || s.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() * 3);
        s.codePoints().forEach(cp -> {
            if (cp > 0x20 && cp < 0x7f) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
        });
        return out.toString();
    }

    /** Whether every {@code %} starts a two-hex-digit escape; API Gateway refuses anything else with 400. */
    static boolean wellEncoded(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String bearer(String header) {
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h;
    }

    // ---- the payload-2.0 event ----------------------------------------------------------------

    private ObjectNode event(Exchange ex, TemplateModel.Route route, Map<String, String> pathParameters,
                             String rawPath, String rawQuery, byte[] body, JwtIssuer.Verified identity,
                             String requestId) {
        Instant now = Instant.now();
        String sourceIp = Request.getRemoteAddr(ex.request());
        ObjectNode headers = JSON.createObjectNode();
        List<String> cookies = new ArrayList<>();
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        for (HttpField field : ex.request().getHeaders()) {
            sorted.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.getValue() == null ? "" : field.getValue());
        }
        sorted.forEach((name, values) -> {
            if (name.equals("cookie")) {
                // API Gateway moves cookies out of the headers into their own list.
                for (String v : values) {
                    for (String cookie : v.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        String forwarded = headers.path("x-forwarded-for").asText("");
        headers.put("x-forwarded-for", forwarded.isEmpty() ? sourceIp : forwarded + ", " + sourceIp);
        headers.put("x-forwarded-port", String.valueOf(port()));
        headers.put("x-forwarded-proto", "http");
        headers.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)));

        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.path().equals("$default") ? "$default" : route.key());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        event.set("headers", headers);
        Map<String, String> query = query(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }

        ObjectNode context = event.putObject("requestContext");
        String host = headers.path("host").asText("127.0.0.1:" + port());
        context.put("accountId", TemplateModel.ACCOUNT_ID);
        context.put("apiId", "local");
        if (identity != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            identity.claims().forEach((k, v) -> claims.put(k, claimString(v)));
            if (identity.scopes() == null) {
                jwt.putNull("scopes");
            } else {
                ArrayNode scopes = jwt.putArray("scopes");
                identity.scopes().forEach(scopes::add);
            }
        }
        context.put("domainName", host);
        context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = context.putObject("http");
        http.put("method", ex.method());
        http.put("path", rawPath);
        http.put("protocol", ex.request().getConnectionMetaData().getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.path("user-agent").asText(""));
        context.put("requestId", requestId);
        context.put("routeKey", event.get("routeKey").asText());
        context.put("stage", "$default");
        context.put("time", CLF_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        if (body.length > 0) {
            boolean text = isText(headers.path("content-type").asText(null)) && isUtf8(body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Query parameters as API Gateway passes them: decoded, repeated values joined with commas. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = RouteTable.percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : RouteTable.percentDecode(pair.substring(eq + 1), true);
            out.merge(key, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    /**
     * A claim as API Gateway's JWT authorizer hands it to the function: always a string, numbers
     * without exponent, arrays as {@code [a b]}, objects as {@code map[k:v]}.
     */
    static String claimString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(claimString(v)));
            return "[" + String.join(" ", parts) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, v) -> parts.add(k + ":" + claimString(v)));
            return "map[" + String.join(" ", parts) + "]";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        if (value instanceof java.util.Date date) {
            return String.valueOf(date.getTime() / 1000);
        }
        return String.valueOf(value);
    }

    /** Text bodies go to the function as they are; anything else base64-encoded, as API Gateway does. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return ct.startsWith("text/") || ct.equals("application/json") || ct.endsWith("+json")
                || ct.equals("application/xml") || ct.endsWith("+xml") || ct.equals("application/javascript");
    }

    /**
     * Whether the bytes are valid UTF-8. The event is JSON, whose strings cannot carry other bytes,
     * so a body of a text type that is not UTF-8 goes base64-encoded, bytes intact (the documents
     * promise a text body only for text types and name no other case); the function then refuses it.
     */
    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---- answers ---------------------------------------------------------------------------

    /** Turns the function's payload-2.0 response into the HTTP response. */
    private int proxyAnswer(Exchange ex, String payload, String requestId, String origin) throws IOException {
        JsonNode out;
        try {
            out = JSON.readTree(payload);
        } catch (IOException e) {
            return gatewayAnswer(ex, 500, "Internal Server Error", requestId, origin);
        }
        HttpFields.Mutable headers = ex.out();
        if (out == null || !out.isObject() || !out.has("statusCode")) {
            // Valid JSON without a statusCode: API Gateway answers 200 with it as the body.
            headers.put("Content-Type", "application/json");
            return send(ex, 200, payload.getBytes(StandardCharsets.UTF_8), requestId, origin);
        }
        int status = out.path("statusCode").asInt(-1);
        if (status < 100 || status > 599) {
            return gatewayAnswer(ex, 500, "Internal Server Error", requestId, origin);
        }
        out.path("headers").properties().forEach(h -> {
            if (!h.getValue().isNull()) {
                headers.add(h.getKey(), h.getValue().isTextual() ? h.getValue().asText() : h.getValue().toString());
            }
        });
        out.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v ->
                headers.add(h.getKey(), v.asText())));
        out.path("cookies").forEach(c -> headers.add("Set-Cookie", c.asText()));
        // The server frames the body itself.
        headers.remove("Content-Length");
        headers.remove("Transfer-Encoding");
        headers.remove("Connection");
        byte[] body = new byte[0];
        JsonNode b = out.get("body");
        if (b != null && !b.isNull()) {
            if (out.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(b.asText());
                } catch (IllegalArgumentException e) {
                    return gatewayAnswer(ex, 500, "Internal Server Error", requestId, origin);
                }
            } else {
                body = b.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return send(ex, status, body, requestId, origin);
    }

    /** An answer API Gateway gives itself: {"message": "..."}. */
    private int gatewayAnswer(Exchange ex, int status, String message, String requestId, String origin)
            throws IOException {
        ex.out().put("Content-Type", "application/json");
        byte[] body = JSON.writeValueAsBytes(Map.of("message", message));
        return send(ex, status, body, requestId, origin);
    }

    private int preflight(Exchange ex, TemplateModel.Cors c, String origin, String requestId) throws IOException {
        HttpFields.Mutable h = ex.out();
        if (!c.allows(origin)) {
            // API Gateway answers a preflight from an origin it was not given without any CORS header.
            return send(ex, 204, new byte[0], requestId, origin);
        }
        h.put("Access-Control-Allow-Methods", c.allowMethods().isEmpty() ? "*" : String.join(",", c.allowMethods()));
        if (!c.allowHeaders().isEmpty()) {
            h.put("Access-Control-Allow-Headers", String.join(",", c.allowHeaders()));
        }
        if (c.maxAge() != null) {
            h.put("Access-Control-Max-Age", String.valueOf(c.maxAge()));
        }
        return send(ex, 204, new byte[0], requestId, origin);
    }

    private int send(Exchange ex, int status, byte[] body, String requestId, String origin) throws IOException {
        HttpFields.Mutable h = ex.out();
        h.put("apigw-requestid", requestId);
        TemplateModel.Cors c = cors;
        if (c != null && origin != null) {
            // API Gateway answers CORS itself and drops what the integration said about it.
            h.remove("Access-Control-Allow-Origin");
            h.remove("Access-Control-Expose-Headers");
            h.remove("Access-Control-Allow-Credentials");
        }
        if (c != null && origin != null && c.allows(origin)) {
            h.put("Access-Control-Allow-Origin", c.allowOrigins().contains("*") ? "*" : origin);
            if (!c.exposeHeaders().isEmpty()) {
                h.put("Access-Control-Expose-Headers", String.join(",", c.exposeHeaders()));
            }
            if (c.allowCredentials()) {
                h.put("Access-Control-Allow-Credentials", "true");
            }
        }
        boolean noBody = body.length == 0 || status == 204 || status == 304 || ex.method().equals("HEAD");
        ex.response().setStatus(status);
        if (!noBody) {
            h.put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        write(ex.response(), noBody ? null : body);
        return status;
    }

    /** Writes the whole body (or none) and completes the response, waiting until it is sent. */
    private static void write(Response response, byte[] body) throws IOException {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(true, body == null ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), done);
            done.block();
        }
    }

    /**
     * Jetty's answer to what it refuses before the front sees a request (a malformed request line,
     * bad URI, headers too large) and to anything that escapes the front: API Gateway's
     * {@code {"message": "..."}} with the status's reason phrase, as JSON.
     */
    private static final class GatewayErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus();
            if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
                status = e.getCode();
            }
            if (status < 400 || status > 599) {
                status = 500;
            }
            String message = status >= 500 ? "Internal Server Error" : HttpStatus.getMessage(status);
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("apigw-requestid", requestId());
            byte[] json;
            try {
                json = JSON.writeValueAsBytes(Map.of("message", message));
            } catch (IOException e) {
                json = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            Console.info("(a request the server refused) -> " + status);
            response.write(true, "HEAD".equalsIgnoreCase(request.getMethod()) ? BufferUtil.EMPTY_BUFFER
                    : ByteBuffer.wrap(json), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put("Content-Type", "application/json");
            String message = status >= 500 ? "Internal Server Error" : HttpStatus.getMessage(status);
            return ByteBuffer.wrap(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- the stack's own endpoints -----------------------------------------------------------

    private int local(Exchange ex, String method, String rawPath, String rawQuery, byte[] body, String requestId,
                      String origin) throws IOException {
        for (var entry : localEndpoints.entrySet()) {
            String[] key = entry.getKey().split(" ", 2);
            if (!key[0].equals(method)) {
                continue;
            }
            Map<String, String> params = localMatch(key[1], rawPath);
            if (params == null) {
                continue;
            }
            Reply reply;
            try {
                reply = entry.getValue().handle(new LocalRequest(method, rawPath, params, query(rawQuery), body));
            } catch (Exception e) {
                Console.warn("front: " + entry.getKey() + " failed: " + e.getClass().getSimpleName());
                reply = new Reply(500, Map.of("error", Map.of("code", "internal", "message",
                        "The local endpoint failed; see the stack's log", "details", List.of())));
            }
            ex.out().put("Content-Type", "application/json; charset=utf-8");
            byte[] json = reply.json() == null ? new byte[0] : JSON.writeValueAsBytes(reply.json());
            return send(ex, reply.status(), json, requestId, origin);
        }
        return gatewayAnswer(ex, 404, "Not Found", requestId, origin);
    }

    private static Map<String, String> localMatch(String template, String rawPath) {
        String[] t = template.split("/");
        String[] p = rawPath.split("/");
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}") && !p[i].isEmpty()) {
                params.put(t[i].substring(1, t[i].length() - 1), RouteTable.percentDecode(p[i], false));
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }

    // ---- ids -------------------------------------------------------------------------------

    /** An id shaped like API Gateway's (e.g. {@code JKJaXmPLvHcESHA=}). */
    private static String requestId() {
        return Base64.getEncoder().encodeToString(randomBytes(11));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
