package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.handlers.ApiHandler;
import spotcheck.core.Log;
import spotcheck.api.Router;
import spotcheck.handlers.Routes;

/**
 * The API function given API Gateway payload-2.0 events as JSON files (loaded the way the
 * Lambda runtime deserialises them), writing to the emulator's tables. Each test gives the
 * events' organisations and items ids of its own, so each runs alone and in any order.
 */
class ApiHandlerEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static ApiHandler handler;

    /** This test's own ids in place of the events' evt-bureau, evt-resources and EVT-ITEM-n. */
    private final String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();

    @BeforeAll
    static void handler() {
        handler = new ApiHandler(new Router(Routes.table(Stack.services())));
        Log.redirect(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreLog() {
        Log.redirect(System.out);
    }

    private String own(String text) {
        return text.replace("evt-bureau", "evt-bureau-" + suffix).replace("evt-resources", "evt-resources-" + suffix)
                .replaceAll("EVT-ITEM-([0-9])", "EVT-ITEM-$1-" + suffix.toUpperCase());
    }

    /** The event file with this test's ids, in the body (plain or base64), path, parameters and claims. */
    private APIGatewayV2HTTPResponse invoke(String file) {
        try (InputStream in = ApiHandlerEventTest.class.getClassLoader().getResourceAsStream("events/" + file)) {
            ObjectNode event = (ObjectNode) JSON.readTree(in);
            JsonNode body = event.get("body");
            if (body != null && body.isTextual() && event.path("isBase64Encoded").asBoolean()) {
                String decoded = new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8);
                event.put("body", Base64.getEncoder().encodeToString(own(decoded).getBytes(StandardCharsets.UTF_8)));
            }
            Path copy = Files.createTempFile("event-", ".json");
            try {
                Files.writeString(copy, own(JSON.writeValueAsString(event)));
                APIGatewayV2HTTPEvent loaded = EventLoader.loadApiGatewayHttpEvent(copy.toString());
                return handler.handleRequest(loaded, null);
            } finally {
                Files.delete(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    private void createOrganisations() {
        APIGatewayV2HTTPResponse bureau = invoke("post-org-bureau.json");
        assertThat(bureau.getStatusCode()).as(bureau.getBody()).isEqualTo(201);
        APIGatewayV2HTTPResponse department = invoke("post-org-department.json");
        assertThat(department.getStatusCode()).as(department.getBody()).isEqualTo(201);
    }

    private void createItem() {
        createOrganisations();
        APIGatewayV2HTTPResponse created = invoke("post-item-operator.json");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        APIGatewayV2HTTPResponse r = invoke("get-health.json");
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(body(r).get("status").asText()).isEqualTo("ok");
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8")
                .containsEntry("X-Request-Id", "Ab1cDeFgHiJkLmN=");
    }

    @Test
    void anAdminCreatesOrganisationsFromPlainAndBase64Bodies() throws Exception {
        createOrganisations();
        APIGatewayV2HTTPResponse again = invoke("post-org-bureau.json");
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(body(again).at("/error/code").asText()).isEqualTo("conflict");
    }

    @Test
    void anOperatorCreatesAnItemAndACountyReadsIt() throws Exception {
        createItem();
        APIGatewayV2HTTPResponse read = invoke("get-item-county.json");
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(body(read).get("itemId").asText()).isEqualTo("EVT-ITEM-1-" + suffix.toUpperCase());
        assertThat(body(read).get("name").asText()).isEqualTo("林木采伐监督检查");
        assertThat(body(read).get("department").asText()).isEqualTo("evt-resources-" + suffix);
        assertThat(body(read).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleVersionIs409AndACountyMayNotCreateItems() throws Exception {
        createItem();
        APIGatewayV2HTTPResponse stale = invoke("put-item-stale.json");
        assertThat(stale.getStatusCode()).isEqualTo(409);
        assertThat(body(stale).at("/error/code").asText()).isEqualTo("conflict");
        APIGatewayV2HTTPResponse forbidden = invoke("post-item-county-forbidden.json");
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(body(forbidden).at("/error/message").asText()).contains("admin, operator");
    }

    @Test
    void workingDaysFromQueryParameters() throws Exception {
        APIGatewayV2HTTPResponse r = invoke("get-working-days.json");
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(body(r).get("date").asText()).isEqualTo("2023-10-31");
    }

    @Test
    void logsAreJsonLinesWithTheRequestIdAndNoPersonalData() throws Exception {
        int from;
        synchronized (LOG) {
            from = LOG.size();
        }
        createItem();
        String log = new String(LOG.toByteArray(), from, LOG.size() - from, StandardCharsets.UTF_8);
        String[] lines = log.split("\n");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.has("time") && entry.has("level") && entry.has("event")).as(line).isTrue();
        }
        assertThat(log).contains("\"requestId\":\"Cd2eFgHiJkLmNoP=\"", "\"route\":\"POST /items\"")
                .doesNotContain("资源科科员").doesNotContain("林木采伐").doesNotContain("Bearer");
    }
}
