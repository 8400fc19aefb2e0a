package spotcheck.e2e;

import spotcheck.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import spotcheck.handlers.Services;
import spotcheck.store.S3Files;
import spotcheck.store.Dynamo;
import spotcheck.store.Tables;

/**
 * One local stack for every end-to-end test class of the run: started on first use on
 * free ports with an empty data directory, closed when the test JVM exits. Classes keep
 * out of each other's way with ids of their own ({@link World}).
 */
final class Stack {
    private static LocalStack stack;

    private Stack() { }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                stack = LocalStack.start(new LocalStack.Options()
                        .apiPort(0)
                        .dataDir(Files.createTempDirectory("spotcheck-e2e"))
                        .reset(true)
                        // A throwaway data directory: saved once, on close, not every few seconds.
                        .snapshotInterval(Duration.ZERO)
                        .awsEndpoint(externalEmulator()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-close"));
        }
        return stack;
    }

    /**
     * Under the {@code localstack} Maven profile, LocalStack in Docker (its starter is compiled
     * only in that profile, hence the lookup by name); otherwise null, and the stack starts moto.
     */
    @SuppressWarnings("unchecked")
    private static URI externalEmulator() {
        if (!"localstack".equals(System.getProperty("spotcheck.emulator"))) {
            return null;
        }
        try {
            return ((Supplier<URI>) Class.forName("spotcheck.e2e.LocalStackContainerEndpoint")
                    .getDeclaredConstructor().newInstance()).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The localstack profile's container starter is missing", e);
        }
    }

    static Api api() {
        return new Api(get().apiUrl().toString().replaceAll("/$", ""));
    }

    static String token(String sub, String name, String org, String... roles) {
        return get().token(sub, name, org, roles);
    }

    /** The functions' wiring against the emulator, for tests that call a handler directly. */
    static Services services() {
        LocalStack s = get();
        return new Services(Dynamo.client(), new Tables(s.tableName("DataTable"), s.tableName("AuditTable")),
                Clock.systemUTC(), S3Files.fromEnvironment(), s.bucket());
    }
}
