package spotcheck.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS with the origins the deployer named (CorsAllowedOrigins): a named origin gets the CORS
 * headers, any other origin none, as API Gateway answers.
 */
class CorsNamedOriginsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NAMED = "https://spotcheck.hy.example.gov.cn";

    @TempDir
    static Path dir;
    static FrontUnderTest front;

    @BeforeAll
    static void start() throws Exception {
        front = new FrontUnderTest(dir, Map.of("Origins", NAMED));
    }

    @AfterAll
    static void stop() {
        front.close();
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(front.url() + "/echo/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String origin) throws Exception {
        String token = front.token("hy-forestry-resources", "admin");
        return HTTP.send(HttpRequest.newBuilder(URI.create(front.url() + "/echo/1"))
                .header("Origin", origin).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNamedOriginGetsTheCorsHeaders() throws Exception {
        HttpResponse<String> pre = preflight(NAMED);
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("access-control-allow-origin")).hasValue(NAMED);
        assertThat(pre.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");

        HttpResponse<String> r = get(NAMED);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue(NAMED);
    }

    @Test
    void anyOtherOriginGetsNone() throws Exception {
        HttpResponse<String> pre = preflight("https://evil.example.com");
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(pre.headers().firstValue("access-control-allow-methods")).isEmpty();

        HttpResponse<String> r = get("https://evil.example.com");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
}
