package spotcheck.local.emulator;

import spotcheck.local.support.Console;
import spotcheck.local.support.DataFiles;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Locale;
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
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS emulator: moto's server on a free loopback port, and the stack's own SDK clients for it.
 * moto runs in a Python process of its own ({@code persistent_moto_server.py}, a resource next to this
 * class) that keeps its DynamoDB and S3 data in a snapshot under the data directory: loaded before it
 * serves, saved when something changed (every few seconds, when asked, and when it stops), with no
 * scan of the tables. It stops, saving first, on SIGTERM or when this JVM's end closes its standard
 * input, so a stack that is killed or crashes leaves no emulator running. The process id is recorded
 * too, so a run that finds one still running (saving, say) stops it before starting its own.
 */
public final class Emulator implements AutoCloseable {
    public static final String COMMAND = "moto_server";
    static final String PID_FILE = "moto.pid";
    static final String LOG_FILE = "moto.log";
    /** The emulator's directory under the data directory: its snapshot and the script that runs it. */
    static final String DIR = "emulator";
    static final String SNAPSHOT = "snapshot.pickle";
    static final String SCRIPT = "persistent_moto_server.py";
    private static final String CONTROL_PATH = "/_spotcheck/snapshot";
    /** The script's exit code when the kept data cannot be read (its message is the log's last line). */
    private static final int EXIT_UNREADABLE = 3;
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(2);
    /** How long a stop may take: the last save of a big data set takes seconds. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** Starts the emulator with automatic saves at most every {@link #DEFAULT_SAVE_INTERVAL}. */
    public static Emulator launch(Path dataDir) {
        return launch(dataDir, DEFAULT_SAVE_INTERVAL);
    }

    /**
     * Starts moto on a free port, in a Python process of its own that loads the data kept under
     * {@code dataDir} before serving and saves it again while running ({@code saveInterval} at least
     * between saves; zero: only when asked and when it stops). Returns at once; see {@link #awaitReady}.
     */
    public static Emulator launch(Path dataDir, Duration saveInterval) {
        Path motoServer = findOnPath(COMMAND).orElseThrow(MissingException::new);
        Path python = python(motoServer);
        stopStale(dataDir);
        try {
            Path script = dataDir.resolve(DIR).resolve(SCRIPT);
            DataFiles.writeAtomically(script, script());
            if (LegacyDump.present(dataDir)) {
                // A snapshot beside an old dump is from a migration cut short: the migration starts over.
                Files.deleteIfExists(snapshotFile(dataDir));
            }
            int port = freePort();
            long intervalMillis = Math.max(0, saveInterval.toMillis());
            ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--snapshot", snapshotFile(dataDir).toString(),
                    "--save-interval", String.valueOf(intervalMillis / 1000.0));
            builder.redirectErrorStream(true);
            // moto stamps S3 event times with its local clock and no zone; S3 sends UTC.
            builder.environment().put("TZ", "UTC");
            builder.redirectOutput(dataDir.resolve(LOG_FILE).toFile());
            // Standard input stays a pipe only this JVM holds: when it closes, however this JVM ended, the
            // emulator saves and exits.
            Process process = builder.start();
            Files.writeString(dataDir.resolve(PID_FILE), String.valueOf(process.pid()), StandardCharsets.UTF_8);
            return new Emulator(process, port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + COMMAND, e);
        }
    }

    /** Where the emulator's data is kept: moto's DynamoDB and S3 state, pickled. */
    public static Path snapshotFile(Path dataDir) {
        return dataDir.resolve(DIR).resolve(SNAPSHOT);
    }

    /** Discards the kept data, an old dump's included (for --reset). */
    public static void discardKeptData(Path dataDir) throws IOException {
        Files.deleteIfExists(snapshotFile(dataDir));
        LegacyDump.remove(dataDir);
    }

    /**
     * Saves the emulator's data now if anything changed since its last save (it also saves every few
     * seconds while running, and when it stops); answers whether it wrote. An emulator the stack did not
     * start keeps its data itself, or not: nothing is saved.
     */
    public boolean saveSnapshot() {
        if (process == null) {
            return false;
        }
        HttpRequest save = HttpRequest.newBuilder(endpoint().resolve(CONTROL_PATH)).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(save, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The emulator could not save its data: " + body.path("error").asText());
            }
            return body.path("saved").asBoolean();
        } catch (IOException e) {
            throw new UncheckedIOException("The emulator did not answer a save", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the emulator saved its data", e);
        }
    }

    private static String script() throws IOException {
        try (InputStream in = Emulator.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The Python that runs moto: the one named by moto_server's first line ({@code #!/path/python}), which has
     * moto installed; else python3 on the PATH (moto_server may be a wrapper, a pyenv shim say).
     */
    static Path python(Path motoServer) {
        try (BufferedReader in = Files.newBufferedReader(motoServer, StandardCharsets.ISO_8859_1)) {
            String first = Optional.ofNullable(in.readLine()).orElse("");
            if (first.startsWith("#!")) {
                String[] words = first.substring(2).trim().split("\\s+");
                Path named = Path.of(words[0]);
                if (named.getFileName() != null && named.getFileName().toString().equals("env") && words.length > 1) {
                    named = findOnPath(words[1]).orElse(named);
                }
                if (named.getFileName() != null && named.getFileName().toString().startsWith("python")
                        && Files.isExecutable(named)) {
                    return named;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a script: look on the PATH
        }
        return findOnPath("python3").or(() -> findOnPath("python")).orElseThrow(MissingException::new);
    }

    public URI endpoint() {
        return external != null ? external : URI.create("http://127.0.0.1:" + port);
    }

    /** The id of the emulator's process the stack started, or -1 for an attached emulator. */
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
                if (process.exitValue() == EXIT_UNREADABLE) {
                    throw new IllegalStateException("The data kept in " + dataDir + " cannot be loaded: "
                            + logTail(1).replaceFirst("^\\S+ snapshot: ", ""));
                }
                throw new IllegalStateException(COMMAND + " exited with code " + process.exitValue() + ": "
                        + logTail(15));
            }
            try {
                http.send(ping, HttpResponse.BodyHandlers.discarding());
                reportLoaded(http);
                return;
            } catch (IOException e) {
                sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + COMMAND, e);
            }
        }
        throw new IllegalStateException(COMMAND + " did not answer within " + timeout.toSeconds() + " s: "
                + logTail(15));
    }

    private void reportLoaded(HttpClient http) throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        HttpRequest status = HttpRequest.newBuilder(endpoint().resolve(CONTROL_PATH)).timeout(Duration.ofSeconds(5))
                .GET().build();
        JsonNode body = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
        long bytes = body.path("loadedBytes").asLong();
        if (bytes > 0) {
            Console.info(String.format(Locale.ROOT, "kept data loaded: %.2f MB in %.1f s", bytes / 1e6,
                    body.path("loadSeconds").asDouble()));
        }
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
            // Only when not yet on: a start that changes nothing leaves the emulator nothing to save.
            if (b.versioned() && client.getBucketVersioning(r -> r.bucket(b.name())).status()
                    != BucketVersioningStatus.ENABLED) {
                client.putBucketVersioning(r -> r.bucket(b.name())
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
        }
    }

    /** Creates the template's SNS topics (CreateTopic answers the existing topic of the same name). */
    public void createTopics(List<TemplateModel.Topic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (SnsClient client = SnsClient.builder().endpointOverride(endpoint()).region(Region.of(TemplateModel.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (TemplateModel.Topic t : topics) {
                client.createTopic(r -> r.name(t.name()));
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

    /** Stops the emulator, which saves its data first; nothing is left running. */
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
        // SIGTERM: it saves what changed since its last save, then exits.
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Console.warn(COMMAND + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s and was killed;"
                        + " changes since its last save are lost");
                destroyTree(process.toHandle(), Duration.ZERO);
            } else if (process.exitValue() != 0) {
                Console.warn(COMMAND + " could not save its data on stopping (exit code " + process.exitValue()
                        + "): see " + dataDir.resolve(LOG_FILE));
            } else {
                Console.info("data saved in " + snapshotFile(dataDir));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(process.toHandle(), Duration.ZERO);
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
                        destroyTree(p, STOP_TIMEOUT);
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            Console.warn("ignoring an unreadable " + PID_FILE);
        }
    }

    /** Asks the process and its descendants to stop, then forces those that do not within the grace period. */
    static void destroyTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
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

    private String logTail(int count) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(LOG_FILE), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
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
