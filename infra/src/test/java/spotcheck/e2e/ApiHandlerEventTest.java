package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import spotcheck.handlers.ApiHandler;
import spotcheck.core.Log;
import spotcheck.api.Router;
import spotcheck.handlers.Routes;

/**
 * The API function given API Gateway payload-2.0 events as JSON files (loaded the way the
 * Lambda runtime deserialises them), writing to the emulator's tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiHandlerEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static ApiHandler handler;

    @BeforeAll
    static void handler() {
        handler = new ApiHandler(new Router(Routes.table(Stack.services())));
        Log.redirect(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreLog() {
        Log.redirect(System.out);
    }

    private static APIGatewayV2HTTPResponse invoke(String file) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + file);
        return handler.handleRequest(event, null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    @Test
    @Order(1)
    void healthNeedsNoToken() throws Exception {
        APIGatewayV2HTTPResponse r = invoke("get-health.json");
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(body(r).get("status").asText()).isEqualTo("ok");
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8")
                .containsEntry("X-Request-Id", "Ab1cDeFgHiJkLmN=");
    }

    @Test
    @Order(2)
    void anAdminCreatesOrganisationsFromPlainAndBase64Bodies() {
        assertThat(invoke("post-org-bureau.json").getStatusCode()).isIn(201, 409);
        assertThat(invoke("post-org-department.json").getStatusCode()).isIn(201, 409);
    }

    @Test
    @Order(3)
    void anOperatorCreatesAnItemAndACountyReadsIt() throws Exception {
        APIGatewayV2HTTPResponse created = invoke("post-item-operator.json");
        assertThat(created.getStatusCode()).as(created.getBody()).isIn(201, 409);
        APIGatewayV2HTTPResponse read = invoke("get-item-county.json");
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(body(read).get("name").asText()).isEqualTo("林木采伐监督检查");
        assertThat(body(read).get("department").asText()).isEqualTo("evt-resources");
    }

    @Test
    @Order(4)
    void aStaleVersionIs409AndACountyMayNotCreateItems() throws Exception {
        APIGatewayV2HTTPResponse stale = invoke("put-item-stale.json");
        assertThat(stale.getStatusCode()).isEqualTo(409);
        assertThat(body(stale).at("/error/code").asText()).isEqualTo("conflict");
        APIGatewayV2HTTPResponse forbidden = invoke("post-item-county-forbidden.json");
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(body(forbidden).at("/error/message").asText()).contains("admin, operator");
    }

    @Test
    @Order(5)
    void workingDaysFromQueryParameters() throws Exception {
        APIGatewayV2HTTPResponse r = invoke("get-working-days.json");
        assertThat(body(r).get("date").asText()).isEqualTo("2023-10-31");
    }

    @Test
    @Order(6)
    void logsAreJsonLinesWithTheRequestIdAndNoPersonalData() throws Exception {
        String[] lines = LOG.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.has("time") && entry.has("level") && entry.has("event")).as(line).isTrue();
        }
        assertThat(LOG.toString(StandardCharsets.UTF_8))
                .contains("\"requestId\":\"Cd2eFgHiJkLmNoP=\"", "\"route\":\"POST /items\"")
                .doesNotContain("资源科科员").doesNotContain("林木采伐").doesNotContain("Bearer");
    }
}
