package spotcheck.local;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.emulator.LegacyDump;
import spotcheck.local.emulator.LocalSecrets;
import spotcheck.local.events.LambdaInvokeApi;
import spotcheck.local.events.S3Notifications;
import spotcheck.local.events.Schedules;
import spotcheck.local.gateway.ApiGatewayFront;
import spotcheck.local.gateway.JwtIssuer;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.support.Console;
import spotcheck.local.support.DataFiles;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole local stack on one machine: the AWS emulator with the template's tables, buckets
 * and queues, the JWT issuer, the API Gateway front and the template's functions in this JVM,
 * invoked by HTTP requests, by S3 events ({@link S3Notifications}), by schedules and by each other
 * ({@link LambdaInvokeApi}), with data kept in the
 * data directory across restarts.
 *
 * <p>From the command line: {@code java -jar infra/target/spotcheck-local.jar [--demo]}.
 * From tests: {@code try (LocalStack stack = LocalStack.start(new LocalStack.Options()
 * .apiPort(0).dataDir(tmp))) { ... stack.apiUrl() ... }}.
 *
 * <p>The functions read their configuration (table names, AWS endpoint, region, credentials)
 * from JVM system properties, which the stack sets on start and puts back on close. Handlers
 * and SDK clients take the values when they are built, so a second stack started in the same
 * JVM (a test's own, while a shared one runs) has its own emulator and functions; close
 * nested stacks in reverse order so the properties are put back as they were.
 */
public final class LocalStack implements AutoCloseable {
    static final String ENDPOINTS_FILE = "endpoints.json";
    /**
     * The system property that shifts the functions' clock: an ISO-8601 duration added to the system
     * clock (spotcheck.core.Env#clock). Set only when the stack runs with {@code --clock}.
     */
    public static final String CLOCK_OFFSET_PROPERTY = "SPOTCHECK_CLOCK_OFFSET";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Options a JVM applies at launch, not configuration a function reads. */
    private static final List<String> JVM_LAUNCH_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS");

    /** How to start the stack; every setter returns this for chaining. */
    public static final class Options {
        private int apiPort = 3000;
        private Path dataDir = Path.of(".local");
        private Path template;
        private boolean reset;
        private boolean demo;
        private Duration snapshotInterval = Emulator.DEFAULT_SAVE_INTERVAL;
        private URI awsEndpoint;
        private List<String> corsOrigins = List.of();
        private List<Duration> s3RetryDelays = S3Notifications.DEFAULT_RETRY_DELAYS;
        private Instant clockStart;

        /** The API port on 127.0.0.1; 0 picks a free one (tests). Default 3000. */
        public Options apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** Where data, keys and logs live between runs. Default {@code .local}. */
        public Options dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** template.yaml to run; default: the first found in the working directory or its parents. */
        public Options template(Path file) {
            this.template = file;
            return this;
        }

        /** Start empty, discarding the saved data. */
        public Options reset(boolean reset) {
            this.reset = reset;
            return this;
        }

        /** Load the demo data ({@link DemoData}) before reporting ready. */
        public Options demo(boolean demo) {
            this.demo = demo;
            return this;
        }

        /** Use this AWS endpoint (e.g. LocalStack) instead of starting moto_server; null: start moto. */
        public Options awsEndpoint(URI endpoint) {
            this.awsEndpoint = endpoint;
            return this;
        }

        /**
         * The web clients' origins allowed by CORS (the template's {@code CorsAllowedOrigins}); default
         * none, as on AWS: the deployer names them.
         */
        public Options corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * The waits before retrying a function that failed on an S3 or scheduled event, one per retry (Lambda retries
         * twice, after about 1 and 2 minutes). Default 1 s and 2 s.
         */
        public Options s3RetryDelays(Duration... delays) {
            this.s3RetryDelays = List.of(delays);
            return this;
        }

        /**
         * Starts the stack's clock at this instant; it then advances in real time. The functions take
         * "now" from it (see {@link LocalStack#CLOCK_OFFSET_PROPERTY}), and so do the schedules. Null: the system clock.
         */
        public Options clock(Instant start) {
            this.clockStart = start;
            return this;
        }

        /**
         * The least time between the emulator's saves of its data while running, when something changed (it
         * also saves on close); zero: only on close and {@link LocalStack#saveData()}. Default 2 s.
         */
        public Options snapshotInterval(Duration interval) {
            this.snapshotInterval = interval;
            return this;
        }
    }

    private final Path dataDir;
    private final PropertyOverrides properties = new PropertyOverrides();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, FunctionHost> hosts = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private TemplateModel model;
    private Emulator emulator;
    private ApiGatewayFront front;
    private JwtIssuer issuer;
    private S3Notifications notifications;
    private Schedules schedules;
    private LambdaInvokeApi lambda;
    private Clock clock = Clock.systemUTC();
    private FileLock lock;
    private boolean wroteEndpoints;

    private LocalStack(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts everything and returns once the API answers (and the demo data, if asked, is in). */
    public static LocalStack start(Options options) {
        Path dir = options.dataDir.toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(dir);
        try {
            stack.boot(options);
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("The local stack did not start: " + e.getMessage(), e);
        }
    }

    private void boot(Options options) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        lockDataDir();
        if (options.reset) {
            Emulator.discardKeptData(dataDir);
            S3Notifications.discardPending(dataDir);
            DataFiles.deleteTree(LocalSecrets.dir(dataDir));
        }
        Path templateFile = options.template != null ? options.template : findTemplate();
        model = TemplateModel.load(templateFile, TemplateModel.DEFAULT_PREFIX,
                Map.of("CorsAllowedOrigins", String.join(",", options.corsOrigins)));
        model.warnings().forEach(Console::warn);

        // The API port first: if it is taken, fail before starting anything else.
        front = ApiGatewayFront.bind(options.apiPort);
        started.add(front);
        emulator = options.awsEndpoint != null ? Emulator.attach(options.awsEndpoint, dataDir)
                : Emulator.launch(dataDir, options.snapshotInterval);
        started.add(emulator);
        // Every SDK client in this JVM, the functions' included, talks to the emulator.
        properties.set("aws.region", TemplateModel.REGION);
        properties.set("aws.accessKeyId", Emulator.ACCESS_KEY);
        properties.set("aws.secretAccessKey", Emulator.SECRET_KEY);
        properties.set("aws.endpointUrl", emulator.endpoint().toString());

        issuer = JwtIssuer.open(dataDir, front.url() + "/local");
        if (options.clockStart != null) {
            Duration offset = Duration.between(Instant.now(), options.clockStart);
            clock = Clock.offset(Clock.systemUTC(), offset);
            properties.set(CLOCK_OFFSET_PROPERTY, offset.toString());
            Console.info("the stack's clock starts at " + options.clockStart);
        }
        installFunctionEnvironment();
        for (TemplateModel.Function f : model.functions()) {
            FunctionHost host = new FunctionHost(f, LocalStack.class.getClassLoader());
            hosts.put(f.logicalId(), host);
            started.add(host);
        }
        // Handler construction (SDK clients, routing tables) overlaps with the emulator's start.
        CompletableFuture<Void> warm = CompletableFuture.runAsync(() -> hosts.values().forEach(h -> {
            try {
                h.warm();
            } catch (RuntimeException e) {
                Console.warn(h.function().logicalId() + ": init failed; it is retried on the first request");
            }
        }));

        emulator.awaitReady(Duration.ofSeconds(120));
        emulator.createTables(model.tables());
        emulator.createBuckets(model.buckets());
        emulator.createQueues(model.queues());
        emulator.createTopics(model.topics());
        emulator.createSecrets(LocalSecrets.values(dataDir, model.secrets()));
        LegacyDump.migrate(dataDir, model, emulator).ifPresent(loaded -> Console.info("moved " + loaded.items()
                + " items and " + loaded.objects() + " objects from an earlier version's dump into "
                + Emulator.snapshotFile(dataDir)));
        warm.join();
        // After the migration: objects put back from an old dump are not new uploads and announce nothing.
        notifications = new S3Notifications(model, hosts, emulator, dataDir, options.s3RetryDelays);
        started.add(notifications);
        notifications.start();
        schedules = new Schedules(model, hosts, emulator.sqs(), clock, options.s3RetryDelays);
        started.add(schedules);
        schedules.start();
        // Functions invoking functions (a long job continuing itself) reach Lambda here, not the emulator.
        lambda = LambdaInvokeApi.start(hosts, emulator.sqs(), options.s3RetryDelays);
        started.add(lambda);
        properties.set("aws.endpointUrlLambda", lambda.url().toString());

        front.serve(model.httpApis(), hosts, issuer);
        registerLocalEndpoints();
        front.start();
        if (options.demo) {
            long demoStarted = System.nanoTime();
            DemoData.load(invoker(token("local-demo", "Demo admin", DemoData.BUREAU, "admin")),
                    new DemoData.Bucket(emulator.s3(), bucket(), this::awaitS3Events),
                    java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).getYear());
            Console.info("demo: loaded in " + (System.nanoTime() - demoStarted) / 1_000_000 + " ms");
        }
        DataFiles.writeAtomically(dataDir.resolve(ENDPOINTS_FILE), JSON.writeValueAsString(endpoints()));
        wroteEndpoints = true;
        Console.info("stack up in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + model.routes().size()
                + " routes, " + hosts.size() + " functions, " + model.tables().size() + " tables, "
                + model.buckets().size() + " buckets");
    }

    // ---- the handle --------------------------------------------------------------------

    public URI apiUrl() {
        return front.url();
    }

    public URI awsUrl() {
        return emulator.endpoint();
    }

    /** The uploads bucket's local name (the template's first bucket). */
    public String bucket() {
        return model.primaryBucket().map(TemplateModel.Bucket::name).orElse("");
    }

    /** The local physical name of a table, e.g. {@code tableName("DataTable")}. */
    public String tableName(String logicalId) {
        return model.table(logicalId).map(TemplateModel.Table::name)
                .orElseThrow(() -> new IllegalArgumentException("No table " + logicalId + " in the template"));
    }

    /** The stack's clock: the system clock, or one started at {@code --clock} and advancing in real time. */
    public Clock clock() {
        return clock;
    }

    /** The stack's Lambda Invoke API, which the functions call to invoke a function asynchronously. */
    public LambdaInvokeApi lambda() {
        return lambda;
    }

    /** How many scheduled events the functions have handled without error since the start. */
    public long scheduledEventsDelivered() {
        return schedules.delivered();
    }

    public Path dataDir() {
        return dataDir;
    }

    public TemplateModel template() {
        return model;
    }

    public JwtIssuer issuer() {
        return issuer;
    }

    /** The emulator's process id, e.g. to check that close() stopped it. */
    public long emulatorPid() {
        return emulator.pid();
    }

    /** A token of the stack's issuer (12 h), as {@code POST /local/token} gives. */
    public String token(String sub, String name, String org, String... roles) {
        return issuer.token(sub, name, org, List.of(roles), JwtIssuer.DEFAULT_TTL);
    }

    /** Calls the API over HTTP with a token (null: without one). */
    public LocalInvoker invoker(String token) {
        return new LocalInvoker(apiUrl(), token);
    }

    /**
     * Waits until every S3 event sent so far has been delivered to its function (or given up on):
     * the notification queues are empty and no invocation or retry is pending. Tests upload, then
     * wait with this instead of sleeping. Answers false if that did not happen within the timeout.
     */
    public boolean awaitS3Events(Duration timeout) {
        return notifications.await(timeout);
    }

    /** How many S3 events the functions have handled without error since the start. */
    public long s3EventsDelivered() {
        return notifications.delivered();
    }

    /** Saves the data now (the emulator also saves it every few seconds and on close); answers whether it wrote. */
    public boolean saveData() {
        return emulator.saveSnapshot();
    }

    /** The endpoints, as in {@code DIR/endpoints.json}. */
    public Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("api", apiUrl().toString());
        e.put("aws", awsUrl().toString());
        e.put("bucket", bucket());
        return e;
    }

    /** Saves the data and stops everything this stack started. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (front != null) {
            front.close();
        }
        // Before the emulator's last save: an event delivered after it would change data that is not saved.
        if (notifications != null) {
            notifications.close();
        }
        if (schedules != null) {
            schedules.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                Console.warn("stopping " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        properties.restore();
        if (wroteEndpoints) {
            try {
                // endpoints.json says where a running stack answers; a stopped one answers nowhere.
                Files.deleteIfExists(dataDir.resolve(ENDPOINTS_FILE));
            } catch (IOException e) {
                Console.warn("cannot remove " + ENDPOINTS_FILE + ": " + e.getMessage());
            }
        }
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                Console.warn("cannot release the data directory lock: " + e.getMessage());
            }
        }
    }

    // ---- wiring ------------------------------------------------------------------------------

    /**
     * The functions read configuration with system properties first (spotcheck.core.Env), so their
     * environment goes there. All functions share this JVM: a variable two functions set differently
     * is reported, and the first value wins.
     */
    private void installFunctionEnvironment() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (TemplateModel.Function f : model.functions()) {
            f.environment().forEach((name, value) -> {
                if (JVM_LAUNCH_VARIABLES.contains(name)) {
                    return;
                }
                String before = seen.putIfAbsent(name, value);
                if (before == null) {
                    properties.set(name, value);
                } else if (!before.equals(value)) {
                    Console.warn(f.logicalId() + ": " + name + " differs from another function's; the local stack"
                            + " shares one value per JVM and keeps the first");
                }
            });
        }
    }

    private void registerLocalEndpoints() {
        front.localEndpoint("POST", "/local/token", this::issueToken);
        front.localEndpoint("GET", "/local/.well-known/jwks.json", r -> new ApiGatewayFront.Reply(200,
                issuer.jwks()));
        front.localEndpoint("GET", "/local/.well-known/openid-configuration", r -> new ApiGatewayFront.Reply(200,
                issuer.openIdConfiguration()));
        front.localEndpoint("POST", "/local/schedules/{functionName}/run", this::runSchedule);
    }

    /**
     * {@code POST /local/schedules/{functionName}/run}, body optional: {@code {"time": "2026-10-28T01:00:00Z",
     * "schedule": "Daily"}}. Runs the function's schedule now with an event of that time (default: the stack's
     * clock) and answers with the invocation: 200 and the function's answer, or 502 and its error.
     */
    private ApiGatewayFront.Reply runSchedule(ApiGatewayFront.LocalRequest request) {
        String function = request.pathParameters().get("functionName");
        Instant time = clock.instant();
        String eventName = null;
        String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        if (!body.isBlank()) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                return new ApiGatewayFront.Reply(400, error("malformed_request",
                        "The body must be a JSON object: {\"time\": \"2026-10-28T01:00:00Z\", \"schedule\": ...}",
                        List.of()));
            }
            if (parsed.hasNonNull("time")) {
                try {
                    time = OffsetDateTime.parse(parsed.get("time").asText()).toInstant();
                } catch (DateTimeParseException e) {
                    return new ApiGatewayFront.Reply(422, error("invalid", "time must be an ISO-8601 instant with an"
                            + " offset, e.g. 2026-10-28T01:00:00Z", List.of()));
                }
            }
            if (parsed.hasNonNull("schedule")) {
                eventName = parsed.get("schedule").asText();
            }
        }
        Optional<Schedules.Run> run = schedules.run(function, eventName, time);
        if (run.isEmpty()) {
            return new ApiGatewayFront.Reply(404, error("not_found", "No schedule " + (eventName == null ? ""
                    : eventName + " ") + "of a function " + function + " in the template", List.of()));
        }
        Schedules.Run r = run.get();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("function", r.entry().function().logicalId());
        reply.put("schedule", r.entry().trigger().eventName());
        reply.put("event", readJson(r.event()));
        FunctionHost.Invocation result = r.invocation();
        if (result.outcome() == FunctionHost.Outcome.OK) {
            reply.put("result", readJson(result.payload()));
            return new ApiGatewayFront.Reply(200, reply);
        }
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("errorType", result.outcome() == FunctionHost.Outcome.TIMEOUT ? "Timeout" : result.payload());
        reply.put("error", failure);
        return new ApiGatewayFront.Reply(502, reply);
    }

    private static Object readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    private ApiGatewayFront.Reply issueToken(ApiGatewayFront.LocalRequest request) {
        Object parsed;
        try {
            parsed = JSON.readValue(request.body(), Object.class);
        } catch (IOException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map)) {
            return new ApiGatewayFront.Reply(400, error("malformed_request",
                    "The body must be a JSON object: {\"sub\",\"name\",\"org\",\"roles\":[...]}", List.of()));
        }
        Map<String, Object> body = (Map<String, Object>) parsed;
        List<String[]> problems = JwtIssuer.validate(body);
        if (!problems.isEmpty()) {
            List<Map<String, String>> details = new ArrayList<>();
            for (String[] p : problems) {
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("field", p[0]);
                detail.put("message", p[1]);
                details.add(detail);
            }
            return new ApiGatewayFront.Reply(422, error("invalid", "The token request is invalid", details));
        }
        Duration ttl = body.get("ttlSeconds") == null ? JwtIssuer.DEFAULT_TTL
                : Duration.ofSeconds(((Number) body.get("ttlSeconds")).longValue());
        String token = issuer.token((String) body.get("sub"), (String) body.get("name"), (String) body.get("org"),
                (List<String>) body.get("roles"), ttl);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("token", token);
        reply.put("tokenType", "Bearer");
        reply.put("expiresAt", Instant.now().plus(ttl).toString());
        return new ApiGatewayFront.Reply(200, reply);
    }

    private static Map<String, Object> error(String code, String message, List<?> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        return Map.of("error", error);
    }

    /** One stack per data directory: a second one would overwrite the first one's data. */
    private void lockDataDir() throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another local stack is using " + dataDir
                    + "; stop it or pass another --data-dir");
        }
    }

    private static Path findTemplate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found here or in a parent directory; run from the"
                + " repository or pass --template");
    }

    /** JVM system properties set for the stack, put back as they were on close. */
    private static final class PropertyOverrides {
        private final Map<String, Optional<String>> previous = new LinkedHashMap<>();

        void set(String name, String value) {
            previous.putIfAbsent(name, Optional.ofNullable(System.getProperty(name)));
            System.setProperty(name, value);
        }

        void restore() {
            previous.forEach((name, value) -> {
                if (value.isPresent()) {
                    System.setProperty(name, value.get());
                } else {
                    System.clearProperty(name);
                }
            });
            previous.clear();
        }
    }

    // ---- command line ----------------------------------------------------------------------

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar infra/target/spotcheck-local.jar [options]",
            "Runs template.yaml on this machine: AWS emulator (moto), API on 127.0.0.1, local JWT issuer.",
            "",
            "  --api-port N      API port (default 3000)",
            "  --data-dir DIR    data kept between runs (default .local)",
            "  --demo            load the Heyuan forestry demo data",
            "  --reset           start empty, discarding saved data",
            "  --template FILE   template to run (default: template.yaml here or in a parent directory)",
            "  --aws-endpoint U  use a running AWS emulator (e.g. LocalStack) instead of starting moto_server",
            "  --cors-origins L  web client origins allowed by CORS, comma-separated (default none)",
            "  --clock T         start the stack's clock at T (e.g. 2026-10-28T09:00:00+08:00); it then runs on",
            "  --help            this text",
            "",
            "Prints one line 'READY api=... aws=... bucket=...' on standard output when ready (logs go to",
            "standard error) and writes the same to DIR/endpoints.json. Ctrl-C saves the data and stops everything.",
            "Tokens: curl -s -XPOST localhost:3000/local/token -d '{\"sub\":\"u1\",\"roles\":[\"admin\"]}'");

    /** Parses the command line; null means --help. */
    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--demo" -> o.demo(true);
                case "--reset" -> o.reset(true);
                case "--api-port", "--data-dir", "--template", "--aws-endpoint", "--cors-origins", "--clock" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--api-port" -> {
                            try {
                                int port = Integer.parseInt(value);
                                if (port < 0 || port > 65535) {
                                    throw new NumberFormatException();
                                }
                                o.apiPort(port);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("--api-port needs a port number, not " + value);
                            }
                        }
                        case "--data-dir" -> o.dataDir(Path.of(value));
                        case "--aws-endpoint" -> o.awsEndpoint(URI.create(value));
                        case "--cors-origins" -> o.corsOrigins(corsOrigins(value));
                        case "--clock" -> {
                            try {
                                o.clock(OffsetDateTime.parse(value).toInstant());
                            } catch (DateTimeParseException e) {
                                throw new IllegalArgumentException("--clock needs a date and time with an offset,"
                                        + " such as 2026-10-28T09:00:00+08:00, not " + value);
                            }
                        }
                        default -> o.template(Path.of(value));
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return o;
    }

    /** Origins as API Gateway takes them: scheme, host and optional port, no path and no wildcard. */
    static List<String> corsOrigins(String list) {
        List<String> origins = new ArrayList<>();
        for (String part : list.split(",")) {
            String origin = part.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.matches("https?://[^/*\\s]+")) {
                throw new IllegalArgumentException("--cors-origins takes origins such as https://spotcheck.example.gov.cn,"
                        + " not " + origin);
            }
            origins.add(origin);
        }
        return origins;
    }

    public static void main(String[] args) throws InterruptedException {
        long mainStarted = System.nanoTime();
        // Standard output carries the READY line only; every log line, the functions' too, goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        // Lambda runs in UTC; so do the functions here.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            stdout.println(USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = start(options);
        } catch (Emulator.MissingException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        Map<String, String> e = stack.endpoints();
        stdout.println("READY api=" + e.get("api") + " aws=" + e.get("aws") + " bucket=" + e.get("bucket"));
        stdout.flush();
        Console.info("ready " + (System.nanoTime() - mainStarted) / 1_000_000 + " ms after main(); Ctrl-C stops it");
        new CountDownLatch(1).await(); // the server threads are daemons; this keeps the JVM up until Ctrl-C
    }
}
