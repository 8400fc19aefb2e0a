package spotcheck.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;

/**
 * Lambda's Invoke API for the template's functions, on a port of its own on 127.0.0.1:
 * {@code POST /2015-03-31/functions/{name}/invocations}, the name as a function name (local or logical id), a
 * partial or a full ARN, with or without a qualifier. An asynchronous invocation ({@code X-Amz-Invocation-Type:
 * Event}) is answered 202 at once and delivered as Lambda delivers the events it queues, through
 * {@link AsyncInvoker}: a failure is retried twice, then the event goes to the function's dead-letter queue. This is
 * how a function continues a long job in a new invocation of itself; the stack points the functions' Lambda client
 * here ({@code aws.endpointUrlLambda}). A synchronous invocation answers 400: nothing here needs one.
 */
public final class LambdaInvokeApi implements AutoCloseable {
    /** Lambda's limit for an asynchronous invocation's event. */
    static final int MAX_ASYNC_EVENT_BYTES = 256 * 1024;
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionHost> hosts;
    private final HttpServer server;
    private final AsyncInvoker async;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ExecutorService deliveries;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    private LambdaInvokeApi(Map<String, FunctionHost> hosts, SqsClient sqs, List<Duration> retryDelays)
            throws IOException {
        this.hosts = Map.copyOf(hosts);
        this.async = new AsyncInvoker(sqs, retryDelays, stop);
        this.deliveries = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-invoke");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "lambda-api");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Serves the functions' Invoke API on a free port. */
    public static LambdaInvokeApi start(Map<String, FunctionHost> hosts, SqsClient sqs, List<Duration> retryDelays) {
        try {
            LambdaInvokeApi api = new LambdaInvokeApi(hosts, sqs, retryDelays);
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("The local Lambda API did not start: " + e.getMessage(), e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Asynchronous invocations accepted (202) since the start. */
    public long accepted() {
        return accepted.get();
    }

    /** Of those, the ones a function handled without error, retries included. */
    public long delivered() {
        return delivered.get();
    }

    /** Invocation attempts that failed (each is retried, or the event given up on), since the start. */
    public long failedAttempts() {
        return async.failedAttempts();
    }

    /** Waits until no accepted invocation is waiting, running or retrying; false if that did not happen in time. */
    public boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy.get() > 0) {
            if (System.nanoTime() > deadline || async.pause(Duration.ofMillis(50))) {
                return busy.get() == 0;
            }
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                error(exchange, 404, "UnknownOperationException", "The local Lambda API serves only Invoke:"
                        + " POST /2015-03-31/functions/{name}/invocations");
                return;
            }
            String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            Optional<FunctionHost> host = host(name);
            if (host.isEmpty()) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                    .orElse("RequestResponse");
            byte[] event;
            try (InputStream in = exchange.getRequestBody()) {
                event = in.readNBytes(MAX_ASYNC_EVENT_BYTES + 1);
            }
            switch (type) {
                case "Event" -> {
                    if (event.length > MAX_ASYNC_EVENT_BYTES) {
                        error(exchange, 413, "RequestTooLargeException", "An asynchronous invocation's event may"
                                + " have at most " + MAX_ASYNC_EVENT_BYTES + " bytes");
                        return;
                    }
                    queue(host.get(), event.length == 0 ? "{}" : new String(event, StandardCharsets.UTF_8));
                    reply(exchange, 202, new byte[0]);
                }
                case "DryRun" -> reply(exchange, 204, new byte[0]);
                default -> error(exchange, 400, "InvalidParameterValueException", "The local stack invokes"
                        + " functions asynchronously only: send X-Amz-Invocation-Type: Event (not " + type + ")");
            }
        } catch (RuntimeException e) {
            Console.warn("lambda API: a request failed: " + e.getClass().getSimpleName());
        }
    }

    private void queue(FunctionHost host, String event) {
        accepted.incrementAndGet();
        busy.incrementAndGet();
        String deadLetterUrl = async.deadLetterUrl(host.function(), "asynchronous invocations");
        deliveries.submit(() -> {
            try {
                if (async.deliver(host, event, "asynchronous invocation", deadLetterUrl)
                        == AsyncInvoker.Outcome.DELIVERED) {
                    delivered.incrementAndGet();
                }
            } finally {
                busy.decrementAndGet();
            }
        });
    }

    /** A function by its local name or logical id, in any of the forms Invoke takes (ARNs, qualifiers). */
    private Optional<FunctionHost> host(String name) {
        String n = name;
        int function = n.indexOf(":function:");
        if (function >= 0) {
            n = n.substring(function + ":function:".length());
        }
        int qualifier = n.indexOf(':');
        String bare = qualifier >= 0 ? n.substring(0, qualifier) : n;
        return hosts.values().stream().filter(h -> h.function().name().equals(bare)
                || h.function().logicalId().equals(bare)).findFirst();
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, status, JSON.writeValueAsBytes(Map.of("Type", "User", "message", message)));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops taking invocations; those still waiting for a retry are dropped, as when the stack stops. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        server.stop(0);
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(5, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.shutdownNow();
        }
    }
}
