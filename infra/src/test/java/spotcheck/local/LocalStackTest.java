package spotcheck.local;

import spotcheck.local.gateway.JwtIssuer;
import spotcheck.local.gateway.JwtIssuerTest;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModelTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack, started in this JVM on free ports with the repository's template. */
class LocalStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir)
                .template(TemplateModelTest.REAL_TEMPLATE).snapshotInterval(java.time.Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static LocalInvoker as(String... roles) {
        return stack.invoker(stack.token("u-" + roles[0], "测试用户", "hy-forestry", roles));
    }

    @Test
    void healthNeedsNoToken() {
        LocalInvoker.Response r = stack.invoker(null).get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(JSON.createObjectNode().put("status", "ok"));
    }

    @Test
    void theAuditTrailNeedsATokenAndAnOversightRole() {
        LocalInvoker.Response anonymous = stack.invoker(null).get("/audit?entity=x");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

        LocalInvoker.Response auditor = as("auditor").get("/audit?entity=x");
        assertThat(auditor.status()).as(auditor.body()).isEqualTo(200);
        assertThat(auditor.json().path("items").isArray()).isTrue();

        LocalInvoker.Response inspector = as("inspector").get("/audit?entity=x");
        assertThat(inspector.status()).isEqualTo(403);
        assertThat(inspector.json().path("error").path("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void badTokensAreRefusedByTheFront() throws Exception {
        JwtIssuer issuer = stack.issuer();
        Instant past = Instant.now().minusSeconds(120);
        List<String> bad = List.of(
                issuer.sign(JwtIssuerTest.good(issuer.issuer()).claim("roles", List.of("auditor"))
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build()),
                JwtIssuerTest.forged(issuer, JwtIssuerTest.good(issuer.issuer()).build()),
                issuer.sign(JwtIssuerTest.good(issuer.issuer()).audience("another-app").build()));
        for (String token : bad) {
            LocalInvoker.Response r = stack.invoker(token).get("/audit?entity=x");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
    }

    @Test
    void theTokenEndpointIssuesTokensTheApiAccepts() {
        LocalInvoker anonymous = stack.invoker(null);
        LocalInvoker.Response issued = anonymous.post("/local/token", Map.of("sub", "u9", "name", "李四",
                "org", "hy-forestry", "roles", List.of("auditor")));
        assertThat(issued.status()).isEqualTo(200);
        String token = issued.json().path("token").asText();
        assertThat(stack.invoker(token).get("/audit?entity=x").status()).isEqualTo(200);

        LocalInvoker.Response invalid = anonymous.post("/local/token", Map.of("name", "x", "roles",
                List.of("superuser")));
        assertThat(invalid.status()).isEqualTo(422);
        JsonNode error = invalid.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid");
        assertThat(error.path("message").asText()).isEqualTo("The token request is invalid");
        assertThat(error.path("details")).extracting(d -> d.path("field").asText())
                .containsExactlyInAnyOrder("sub", "roles[0]");

        assertThat(anonymous.post("/local/token", "[1,2").status()).isEqualTo(400);
        assertThat(anonymous.get("/local/.well-known/jwks.json").json().path("keys").size()).isEqualTo(1);
        assertThat(anonymous.get("/local/.well-known/openid-configuration").json().path("issuer").asText())
                .isEqualTo(stack.apiUrl() + "/local");
    }

    @Test
    void unknownPathsAnswerAsApiGatewayDoes() {
        LocalInvoker.Response r = stack.invoker(null).get("/no/such/path");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void writesItsEndpoints() throws Exception {
        JsonNode endpoints = JSON.readTree(Files.readString(dir.resolve(LocalStack.ENDPOINTS_FILE),
                StandardCharsets.UTF_8));
        assertThat(endpoints.path("api").asText()).isEqualTo(stack.apiUrl().toString()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.path("aws").asText()).isEqualTo(stack.awsUrl().toString()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.path("bucket").asText()).isEqualTo("spotcheck-uploads-123456789012-us-east-1").isEqualTo(stack.bucket());
    }

    @Test
    void aSecondStackCannotUseTheSameDataDirectory() {
        assertThatThrownBy(() -> LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir)
                .template(TemplateModelTest.REAL_TEMPLATE))).hasMessageContaining("Another local stack");
    }

    @Test
    void parsesTheCommandLine() {
        assertThat(LocalStack.parse(new String[] {"--help"})).isNull();
        assertThat(LocalStack.parse(new String[] {"--api-port", "3100", "--data-dir=x", "--demo", "--reset"}))
                .extracting("apiPort", "dataDir", "demo", "reset", "awsEndpoint")
                .containsExactly(3100, Path.of("x"), true, true, null);
        assertThat(LocalStack.parse(new String[] {}))
                .extracting("apiPort", "dataDir", "demo", "reset", "awsEndpoint")
                .containsExactly(3000, Path.of(".local"), false, false, null);
        assertThat(LocalStack.parse(new String[] {"--api-port=0", "--data-dir", "d", "--aws-endpoint",
                "http://127.0.0.1:4566"}))
                .extracting("apiPort", "dataDir", "demo", "reset", "awsEndpoint")
                .containsExactly(0, Path.of("d"), false, false, java.net.URI.create("http://127.0.0.1:4566"));
        assertThatThrownBy(() -> LocalStack.parse(new String[] {"--api-port"}))
                .hasMessage("--api-port needs a value");
        assertThatThrownBy(() -> LocalStack.parse(new String[] {"--api-port", "http"}))
                .hasMessage("--api-port needs a port number, not http");
        assertThatThrownBy(() -> LocalStack.parse(new String[] {"--frobnicate"}))
                .hasMessage("Unknown option --frobnicate");
    }
}
