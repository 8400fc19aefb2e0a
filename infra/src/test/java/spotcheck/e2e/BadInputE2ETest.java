package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input gets a clear error in the contract's shape, never a stack trace, and changes nothing. */
class BadInputE2ETest extends WorldTest {
    private static void assertError(Api.Reply r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).isNotBlank();
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("spotcheck.");
        assertThat(r.header("content-type")).startsWith("application/json");
    }

    private int itemCount() {
        return api.get("/items?department=" + w.deptA + "&limit=200", w.adminToken).json().get("items").size();
    }

    @Test
    void malformedJsonIs400() {
        int before = itemCount();
        assertError(api.post("/items", w.adminToken, "{\"name\": \"林木"), 400, "malformed_request");
        assertError(api.post("/items", w.adminToken, "not json at all"), 400, "malformed_request");
        assertError(api.post("/items", w.adminToken, ""), 400, "malformed_request");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownFieldsAre422NamingTheField() {
        int before = itemCount();
        var wrongType = api.post("/items", w.adminToken, "{\"name\": 42, \"department\": \"" + w.deptA + "\"}");
        assertError(wrongType, 422, "invalid");
        assertThat(wrongType.json().at("/error/details/0/field").asText()).isEqualTo("name");

        var body = World.item(w.deptA, "x");
        body.put("colour", "red");
        var unknown = api.post("/items", w.adminToken, Api.json(body));
        assertError(unknown, 422, "invalid");
        assertThat(unknown.json().at("/error/details/0/field").asText()).isEqualTo("colour");

        assertError(api.post("/items", w.adminToken, "{\"methods\": \"on_site\"}"), 422, "invalid");
        assertError(api.post("/items", w.adminToken, "[]"), 422, "invalid");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIs413() {
        String huge = "{\"name\":\"" + "林".repeat(100_000) + "\"}";   // 300 KB of UTF-8
        assertError(api.post("/items", w.adminToken, huge), 413, "payload_too_large");
    }

    @Test
    void badQueryParametersAndCursorsAreClientErrors() {
        assertError(api.get("/items?limit=0", w.adminToken), 422, "invalid");
        assertError(api.get("/items?limit=abc", w.adminToken), 422, "invalid");
        assertError(api.get("/items?status=deleted", w.adminToken), 422, "invalid");
        assertError(api.get("/items?next=forged", w.adminToken), 400, "malformed_request");
        assertError(api.get("/audit", w.auditor), 422, "invalid");
        // a real cursor of one list is refused by another
        String itemId = w.newItem(w.deptA, "cursor test");
        for (int i = 0; i < 3; i++) {
            w.newItem(w.deptA, "cursor test " + i);
        }
        String itemsCursor = api.get("/items?limit=1", w.adminToken).json().get("next").asText();
        assertError(api.get("/audit?entity=item/" + itemId + "&next=" + itemsCursor, w.auditor), 400,
                "malformed_request");
        assertError(api.get("/items/" + itemId + "/history?next=" + itemsCursor, w.auditor), 400,
                "malformed_request");
        assertError(api.get("/orgs?next=" + itemsCursor, w.auditor), 400, "malformed_request");
    }

    @Test
    void unknownResourcesAre404() {
        assertError(api.get("/items/NO-SUCH-ITEM", w.adminToken), 404, "not_found");
        assertError(api.get("/orgs/no-such-org", w.adminToken), 404, "not_found");
        assertThat(api.get("/no/such/route", w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = w.adminToken.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "x." + parts[2];
        assertThat(api.get("/items", tampered).status()).isEqualTo(401);
        assertThat(api.get("/items", "not-a-jwt").status()).isEqualTo(401);
    }
}
