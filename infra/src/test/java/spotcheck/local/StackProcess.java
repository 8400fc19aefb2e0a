package spotcheck.local;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local stack as a user runs it: its own JVM ({@code java ... spotcheck.local.LocalStack}, or
 * {@code java -jar spotcheck-local.jar}), ready when it prints its READY line, stopped with a signal.
 * Its log goes to a file. Closing kills whatever is still running of it.
 */
public final class StackProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY api=(\\S+) aws=(\\S+) bucket=(\\S+)");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final URI api;
    private final URI aws;
    private final Duration startup;

    private StackProcess(Process process, URI api, URI aws, Duration startup) {
        this.process = process;
        this.api = api;
        this.aws = aws;
        this.startup = startup;
    }

    /** The stack from this JVM's class path. */
    public static List<String> fromClassPath() {
        return List.of(java(), "-cp", System.getProperty("java.class.path"), LocalStack.class.getName());
    }

    /** The stack from its jar, as the README runs it. */
    public static List<String> fromJar(Path jar) {
        return List.of(java(), "-jar", jar.toString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code launcher} with these stack options and waits for its READY line. {@code ownProcessGroup} runs
     * it in a process group of its own (with {@code setsid}), as a shell runs a foreground command, so that
     * {@link #interruptGroup()} is a terminal's Ctrl-C.
     */
    public static StackProcess start(List<String> launcher, boolean ownProcessGroup, Path log, String... options)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (ownProcessGroup) {
            command.add("setsid");
        }
        command.addAll(launcher);
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = null;
        }
        Matcher ready = READY.matcher(line == null ? "" : line);
        if (!ready.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("The stack did not report READY (its first line: " + line + "); its log is "
                    + log);
        }
        return new StackProcess(process, URI.create(ready.group(1)), URI.create(ready.group(2)),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether {@code setsid} is there to give the stack a process group of its own. */
    public static boolean canRunInOwnProcessGroup() {
        return Emulator.findOnPath("setsid").isPresent() && Emulator.findOnPath("kill").isPresent();
    }

    public URI api() {
        return api;
    }

    public URI aws() {
        return aws;
    }

    /** From the start to the READY line. */
    public Duration startup() {
        return startup;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** An SDK client for the stack's emulator. */
    public DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(aws).region(Region.of(TemplateModel.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulator.ACCESS_KEY,
                        Emulator.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build()).build();
    }

    /** SIGTERM to the stack's JVM, as {@code kill PID} or a service manager sends it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL to the stack's JVM: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGINT to the stack's whole process group, as Ctrl-C in a terminal (needs {@code ownProcessGroup}). */
    public void interruptGroup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT -" + process.pid() + " failed");
        }
    }

    /** Waits for the JVM to exit; answers how long it took, or null if it did not within the timeout. */
    public Duration awaitExit(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
