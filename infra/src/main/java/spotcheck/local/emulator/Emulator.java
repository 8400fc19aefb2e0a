package spotcheck.local.emulator;

import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS emulator: a {@code moto_server} process on a free loopback port, and the stack's
 * own SDK clients for it. The process id is recorded in the data directory, so that a run
 * that crashed without stopping it has its emulator stopped by the next run.
 */
public final class Emulator implements AutoCloseable {
    public static final String COMMAND = "moto_server";
    static final String PID_FILE = "moto.pid";
    static final String LOG_FILE = "moto.log";
    /** Dummy credentials: moto accepts any, and nothing may reach a real account. */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private final Process process;
    private final int port;
    private final Path dataDir;
    private DynamoDbClient dynamo;
    private S3Client s3;
    private SqsClient sqs;
    private SecretsManagerClient secretsManager;

    /** moto_server is not installed (not on the PATH). */
    public static final class MissingException extends RuntimeException {
        MissingException() {
            super(COMMAND + " was not found on the PATH. The local stack runs AWS locally with moto; install it with:"
                    + System.lineSeparator() + "    pip install \"moto[server]\"" + System.lineSeparator()
                    + "and make sure " + COMMAND + " is on the PATH.", null, false, false);
        }
    }

    private final URI external;

    private Emulator(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.external = null;
    }

    private Emulator(URI external, Path dataDir) {
        this.process = null;
        this.port = external.getPort();
        this.dataDir = dataDir;
        this.external = external;
    }

    /**
     * Uses an emulator someone else runs (LocalStack in a container, say) instead of starting
     * moto: nothing is started, and closing stops nothing.
     */
    public static Emulator attach(URI endpoint, Path dataDir) {
        return new Emulator(endpoint, dataDir);
    }

    /** Starts moto_server on a free port (returns at once; see {@link #awaitReady}). */
    public static Emulator launch(Path dataDir) {
        Path executable = findOnPath(COMMAND).orElseThrow(MissingException::new);
        stopStale(dataDir);
        int port = freePort();
        List<String> command = new ArrayList<>(watchdog());
        command.addAll(List.of(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        // moto stamps S3 event times with its local clock and no zone; S3 sends UTC.
        builder.environment().put("TZ", "UTC");
        builder.redirectOutput(dataDir.resolve(LOG_FILE).toFile());
        // Standard input stays a pipe this JVM holds open: the watchdog stops moto when it closes.
        try {
            Process process = builder.start();
            Files.writeString(dataDir.resolve(PID_FILE), String.valueOf(process.pid()), StandardCharsets.UTF_8);
            return new Emulator(process, port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + COMMAND, e);
        }
    }

    public URI endpoint() {
        return external != null ? external : URI.create("http://127.0.0.1:" + port);
    }

    /** The id of the process the stack started (moto's watchdog, moto its child), or -1 for an attached emulator. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Waits until the emulator answers HTTP; fails with the end of its log if it dies or hangs. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(250)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint().resolve("/moto-api/")).timeout(Duration.ofSeconds(2))
                .GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(COMMAND + " exited with code " + process.exitValue() + ": "
                        + logTail());
            }
            try {
                http.send(ping, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + COMMAND, e);
            }
        }
        throw new IllegalStateException(COMMAND + " did not answer within " + timeout.toSeconds() + " s: "
                + logTail());
    }

    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.of(TemplateModel.REGION))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return dynamo;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder().endpointOverride(endpoint()).region(Region.of(TemplateModel.REGION))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }
        return s3;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.builder().endpointOverride(endpoint()).region(Region.of(TemplateModel.REGION))
                    .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return sqs;
    }

    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = SecretsManagerClient.builder().endpointOverride(endpoint())
                    .region(Region.of(TemplateModel.REGION)).credentialsProvider(credentials())
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
        return secretsManager;
    }

    /** Creates the template's secrets with the given values, or sets a secret that exists already to its value. */
    public void createSecrets(Map<TemplateModel.Secret, String> values) {
        SecretsManagerClient client = secretsManager();
        values.forEach((secret, value) -> {
            try {
                client.createSecret(r -> r.name(secret.name()).secretString(value));
            } catch (ResourceExistsException exists) {
                client.putSecretValue(r -> r.secretId(secret.name()).secretString(value));
            }
        });
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Creates the template's tables that do not exist yet, on demand (PAY_PER_REQUEST). */
    public void createTables(List<TemplateModel.Table> tables) {
        DynamoDbClient db = dynamo();
        for (TemplateModel.Table t : tables) {
            try {
                db.describeTable(r -> r.tableName(t.name()));
                continue;
            } catch (ResourceNotFoundException absent) {
                // create it below
            }
            CreateTableRequest.Builder create = CreateTableRequest.builder().tableName(t.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(t.attributes().stream().map(a -> AttributeDefinition.builder()
                            .attributeName(a.name()).attributeType(a.type()).build()).toList())
                    .keySchema(keys(t.keySchema()));
            if (!t.globalIndexes().isEmpty()) {
                create.globalSecondaryIndexes(t.globalIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build())
                        .toList());
            }
            if (!t.localIndexes().isEmpty()) {
                create.localSecondaryIndexes(t.localIndexes().stream().map(i -> LocalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build())
                        .toList());
            }
            db.createTable(create.build());
            if (t.ttlAttribute() != null) {
                db.updateTimeToLive(r -> r.tableName(t.name()).timeToLiveSpecification(s -> s.enabled(true)
                        .attributeName(t.ttlAttribute())));
            }
        }
    }

    /** Creates the template's buckets that do not exist yet, versioned where the template says so. */
    public void createBuckets(List<TemplateModel.Bucket> buckets) {
        S3Client client = s3();
        for (TemplateModel.Bucket b : buckets) {
            try {
                client.headBucket(r -> r.bucket(b.name()));
            } catch (NoSuchBucketException e) {
                client.createBucket(r -> r.bucket(b.name()));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                client.createBucket(r -> r.bucket(b.name()));
            }
            if (b.versioned()) {
                client.putBucketVersioning(r -> r.bucket(b.name())
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
        }
    }

    /** Creates the template's queues (CreateQueue is idempotent for the same attributes). */
    public void createQueues(List<TemplateModel.Queue> queues) {
        SqsClient client = sqs();
        for (TemplateModel.Queue q : queues) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            q.attributes().forEach((name, value) -> attributes.put(QueueAttributeName.fromValue(name), value));
            client.createQueue(r -> r.queueName(q.name()).attributes(attributes));
        }
    }

    private static List<KeySchemaElement> keys(List<TemplateModel.KeyElement> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType())
                .build()).toList();
    }

    private static Projection projection(TemplateModel.Index index) {
        Projection.Builder p = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            p.nonKeyAttributes(index.nonKeyAttributes());
        }
        return p.build();
    }

    /** Stops the emulator and anything it started; nothing is left running. */
    @Override
    public synchronized void close() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (secretsManager != null) {
            secretsManager.close();
        }
        if (process == null) {
            return;
        }
        destroyTree(process.toHandle());
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dataDir.resolve(PID_FILE));
        } catch (IOException e) {
            Console.warn("cannot remove " + PID_FILE + ": " + e.getMessage());
        }
    }

    // ---- processes -------------------------------------------------------------------------

    /** Stops an emulator a crashed run left behind, if the recorded process is still a moto_server. */
    static void stopStale(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(COMMAND))
                    .ifPresent(p -> {
                        Console.info("stopping the emulator a previous run left running (pid " + pid + ")");
                        destroyTree(p);
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            Console.warn("ignoring an unreadable " + PID_FILE);
        }
    }

    /** Asks the process and its descendants to stop, then forces those that do not within 5 s. */
    static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Stops moto when this JVM ends, however it ends: a small Python parent watches its standard input,
     * a pipe only this JVM holds, and stops moto when the pipe closes (the JVM exited, crashed or was
     * killed) or when it is asked to stop (SIGTERM), and exits with moto. It runs in a session of its own:
     * a terminal's Ctrl-C signals its whole foreground process group, and moto exits on SIGINT; outside
     * that group it keeps running until the stack has saved its data and stops it.
     */
    static final String WATCHDOG = String.join("\n",
            "import os, signal, subprocess, sys, threading",
            "os.setsid()",
            "moto = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)",
            "def stop(*_):",
            "    try:",
            "        moto.terminate()",
            "        moto.wait(5)",
            "    except Exception:",
            "        moto.kill()",
            "    os._exit(0)",
            "signal.signal(signal.SIGTERM, stop)",
            "def watch():",
            "    while os.read(0, 4096):",
            "        pass",
            "    stop()",
            "threading.Thread(target=watch, daemon=True).start()",
            "sys.exit(moto.wait())");

    private static List<String> watchdog() {
        Optional<Path> python = findOnPath("python3");
        if (python.isPresent()) {
            return List.of(python.get().toString(), "-c", WATCHDOG);
        }
        Console.warn("python3 not found: the emulator may outlive a stack that is killed, and Ctrl-C may stop it"
                + " before the last save");
        return List.of();
    }

    public static Optional<Path> findOnPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : List.of(command, command + ".exe", command + ".cmd")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(LOG_FILE), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
