package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies that once answered 500 or were stored altered: each is now a 400 that writes nothing. */
class HostileBodiesE2ETest extends WorldTest {
    private static void assertMalformed(Api.Reply r, String messageStart) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.json().at("/error/code").asText()).isEqualTo("malformed_request");
        assertThat(r.json().at("/error/message").asText()).startsWith(messageStart);
    }

    private int itemCount() {
        return api.get("/items?department=" + w.deptA + "&limit=200", w.adminToken).json().get("items").size();
    }

    private String validItemWithName(String jsonEscapedName) {
        return Api.json(World.item(w.deptA, "NAME")).replace("\"NAME\"", "\"" + jsonEscapedName + "\"");
    }

    @Test
    void aLoneSurrogateInANameIs400NamingTheField() {
        int before = itemCount();
        Api.Reply r = api.post("/items", w.adminToken, validItemWithName("\\ud800x"));
        assertMalformed(r, "Field 'name' is not valid Unicode text");
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("name");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndNotStoredWithReplacementCharacters() {
        int before = itemCount();
        byte[] latin1 = validItemWithName("Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertMalformed(api.sendBytes("POST", "/items", w.adminToken, latin1, "application/json"),
                "The request body is not valid UTF-8");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void jsonNestedTenThousandDeepIs400() {
        int before = itemCount();
        assertMalformed(api.post("/items", w.adminToken, "[".repeat(10_000) + "]".repeat(10_000)),
                "The request body passes a limit of the JSON reader");
        assertMalformed(api.post("/items", w.adminToken, "{\"name\":" + "{\"a\":".repeat(10_000) + "1"
                + "}".repeat(10_001)), "The request body passes a limit of the JSON reader");
        assertThat(itemCount()).isEqualTo(before);
    }
}
