package spotcheck.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bodies built to break the reader: each is a 400 in the API's error shape, never a 500 or a write. */
class HostileJsonTest {
    record Sample(String name, Long version, List<String> tags) { }

    private static ApiException failure(String json) {
        try {
            Json.read(json.getBytes(StandardCharsets.UTF_8), Sample.class);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json.substring(0, Math.min(json.length(), 80)));
    }

    private static void assertMalformed(ApiException e, String field) {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("malformed_request");
        if (field != null) {
            assertThat(e.details()).extracting(ApiException.Detail::field).containsExactly(field);
        }
    }

    @Test
    void nestingTenThousandDeepIs400() {
        assertMalformed(failure("[".repeat(10_000) + "]".repeat(10_000)), null);
        assertMalformed(failure("{\"name\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001)), null);
        assertMalformed(failure("[".repeat(10_000)), null);
    }

    @Test
    void nestingPastTheLimitIs400AndWithinItIsRead() {
        assertMalformed(failure("{\"tags\":" + "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH)
                + "}"), null);
        assertThat(failure("{\"tags\":[[]]}").status()).isEqualTo(422);   // deep enough to read, wrong type
    }

    @Test
    void aHugeNumberIs400() {
        assertMalformed(failure("{\"version\":" + "9".repeat(Json.MAX_NUMBER_LENGTH + 1) + "}"), null);
        assertMalformed(failure("{\"version\":1e" + "9".repeat(Json.MAX_NUMBER_LENGTH + 1) + "}"), null);
    }

    @Test
    void aLoneSurrogateIs400NamingTheField() {
        assertMalformed(failure("{\"name\":\"\\ud800x\"}"), "name");
        assertMalformed(failure("{\"name\":\"\\udc00\"}"), "name");
        assertMalformed(failure("{\"name\":\"\\ude00\\ud83d\"}"), "name");   // a pair the wrong way round
        assertMalformed(failure("{\"tags\":[\"a\",\"\\ud800\"]}"), "tags[1]");
        // in a name, Jackson's reader refuses it itself, at its line and column
        assertMalformed(failure("{\"tags\":{\"\\ud800\":\"a\"}}"), null);
        assertMalformed(failure("{\"\\udbff\":\"a\"}"), null);
    }

    @Test
    void aSurrogatePairIsOneCharacter() {
        assertThat(Json.read("{\"name\":\"\\ud83d\\ude00林\"}".getBytes(StandardCharsets.UTF_8), Sample.class).name())
                .isEqualTo("\uD83D\uDE00林");
    }

    // ---- through the handler --------------------------------------------------------------------

    private final AtomicInteger ran = new AtomicInteger();
    private final ApiHandler handler = new ApiHandler(new Router(List.of(Route.of("POST", "/things", Access.ANY_ROLE,
            r -> {
                r.body(Map.class);
                ran.incrementAndGet();
                return ApiResponse.created(Map.of(), "/things/1");
            }))));

    private APIGatewayV2HTTPResponse post(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /things").withRawPath("/things").withBody(body).withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST")
                                .withPath("/things").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "u-1", "roles", "[admin]", "org", "hy")).build())
                                .build())
                        .build())
                .build();
        return handler.handleRequest(event, null);
    }

    private void assertRefused(APIGatewayV2HTTPResponse r, String message) {
        assertThat(r.getStatusCode()).isEqualTo(400);
        Map<?, ?> error = (Map<?, ?>) Json.read(r.getBody().getBytes(StandardCharsets.UTF_8), Map.class).get("error");
        assertThat(error.get("code")).isEqualTo("malformed_request");
        assertThat((String) error.get("message")).startsWith(message);
        assertThat(error.get("details")).isEqualTo(List.of());
        assertThat(ran).hasValue(0);
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndNeverReadWithReplacementCharacters() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(post(Base64.getEncoder().encodeToString(latin1), true),
                "The request body is not valid UTF-8 (byte 13)");
        // a surrogate encoded in three bytes (CESU-8) is no UTF-8 either
        byte[] cesu = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertRefused(post(Base64.getEncoder().encodeToString(cesu), true), "The request body is not valid UTF-8");
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xE6, (byte) 0xA3};
        assertRefused(post(Base64.getEncoder().encodeToString(truncated), true), "The request body is not valid UTF-8");
    }

    @Test
    void aTextBodyWithAnUnpairedSurrogateIs400() {
        assertRefused(post("{\"name\":\"\uD800x\"}", false), "The request body is not valid Unicode text");
    }

    @Test
    void validUtf8InBase64IsRead() {
        APIGatewayV2HTTPResponse r = post(Base64.getEncoder().encodeToString("{\"name\":\"林\"}"
                .getBytes(StandardCharsets.UTF_8)), true);
        assertThat(r.getStatusCode()).isEqualTo(201);
        assertThat(ran).hasValue(1);
    }
}
