package spotcheck.e2e;

import java.net.URI;
import java.util.function.Supplier;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts LocalStack in Docker for the {@code localstack} Maven profile and answers its endpoint;
 * {@link Stack} then runs the local stack against it instead of moto_server.
 */
public final class LocalStackContainerEndpoint implements Supplier<URI> {
    /** The last image line that runs without an auth token; newer ones need LOCALSTACK_AUTH_TOKEN. */
    private static final String IMAGE = "localstack/localstack:3.8.1";
    private static LocalStackContainer container;

    @Override
    public synchronized URI get() {
        if (container == null) {
            container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.S3);
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
        }
        return container.getEndpoint();
    }
}
