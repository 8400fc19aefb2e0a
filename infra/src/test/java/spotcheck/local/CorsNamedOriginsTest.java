package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    static ApiGatewayFront front;
    static JwtIssuer issuer;
    static final Map<String, FunctionHost> HOSTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        TemplateModel model = TemplateModel.load(TemplateModelTest.testTemplate(), TemplateModel.DEFAULT_PREFIX,
                Map.of("Origins", NAMED));
        front = ApiGatewayFront.bind(0);
        issuer = JwtIssuer.open(dir, front.url() + "/local");
        model.functions().forEach(f -> HOSTS.put(f.logicalId(), new FunctionHost(f,
                CorsNamedOriginsTest.class.getClassLoader())));
        front.serve(model.httpApis(), HOSTS, issuer);
        front.start();
    }

    @AfterAll
    static void stop() {
        front.close();
        HOSTS.values().forEach(FunctionHost::close);
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(front.url() + "/echo/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String origin) throws Exception {
        String token = issuer.token("u1", "张三", "hy-forestry-resources", List.of("admin"), JwtIssuer.DEFAULT_TTL);
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
