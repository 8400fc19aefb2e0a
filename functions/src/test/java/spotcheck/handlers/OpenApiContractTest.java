package spotcheck.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.api.Route;
import spotcheck.store.Tables;

/** The route table and the OpenAPI document that API Gateway deploys must name the same operations. */
class OpenApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> openApi() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
            return new Yaml().load(in);
        }
    }

    private static Services offlineServices() {
        DynamoDbClient unused = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
        return new Services(unused, new Tables("data", "audit"), Clock.systemUTC(), null, "uploads");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) openApi().get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, ops) -> ((Map<String, Object>) ops).keySet().stream().filter(METHODS::contains)
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        Set<String> routed = Routes.table(offlineServices()).stream().map(Route::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routed).isEqualTo(documented);
    }

    @Test
    @SuppressWarnings("unchecked")
    void publicRoutesAreExactlyTheOnesWithoutSecurityInTheDocument() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) openApi().get("paths");
        Set<String> documentedPublic = new TreeSet<>();
        paths.forEach((path, ops) -> ((Map<String, Object>) ops).forEach((m, op) -> {
            if (METHODS.contains(m) && op instanceof Map<?, ?> o && o.containsKey("security")
                    && ((java.util.List<?>) o.get("security")).isEmpty()) {
                documentedPublic.add(m.toUpperCase() + " " + path);
            }
        }));
        Set<String> routedPublic = Routes.table(offlineServices()).stream().filter(Route::isPublic).map(Route::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routedPublic).isEqualTo(documentedPublic);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsIntegratedWithTheApiFunction() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) openApi().get("paths");
        paths.forEach((path, ops) -> ((Map<String, Object>) ops).forEach((m, op) -> {
            if (METHODS.contains(m)) {
                Map<String, Object> integration = (Map<String, Object>) ((Map<String, Object>) op)
                        .get("x-amazon-apigateway-integration");
                assertThat(integration).as(m + " " + path).isNotNull();
            }
        }));
    }
}
