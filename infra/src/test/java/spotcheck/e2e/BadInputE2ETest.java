package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input gets a clear error in the contract's shape, never a stack trace, and changes nothing. */
class BadInputE2ETest extends WorldTest {
    /**
     * The exact error: status, code and message, and the one field it names in its details
     * (none when {@code field} is null).
     */
    private static void assertError(Api.Reply r, int status, String code, String field, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(r.json().at("/error/message").asText()).isEqualTo(message);
        if (field == null) {
            assertThat(r.json().at("/error/details").size()).as(r.text()).isZero();
        } else {
            assertThat(r.json().at("/error/details").size()).as(r.text()).isEqualTo(1);
            assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo(field);
        }
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("spotcheck.");
        assertThat(r.header("content-type")).startsWith("application/json");
    }

    private int itemCount() {
        return api.get("/items?department=" + w.deptA + "&limit=200", w.adminToken).json().get("items").size();
    }

    @Test
    void malformedJsonIs400() {
        int before = itemCount();
        assertError(api.post("/items", w.adminToken, "{\"name\": \"林木"), 400, "malformed_request", null,
                "The request body is not valid JSON (line 1, column 17)");
        assertError(api.post("/items", w.adminToken, "not json at all"), 400, "malformed_request", null,
                "The request body is not valid JSON (line 1, column 1)");
        assertError(api.post("/items", w.adminToken, ""), 400, "malformed_request", null,
                "The request body is empty; a JSON object is expected");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void wrongTypesAndUnknownFieldsAre422NamingTheField() {
        int before = itemCount();
        var wrongType = api.post("/items", w.adminToken, "{\"name\": 42, \"department\": \"" + w.deptA + "\"}");
        assertError(wrongType, 422, "invalid", "name", "Field 'name' has the wrong type: a string is expected");
        assertThat(wrongType.json().at("/error/details/0/message").asText())
                .isEqualTo("Field 'name' has the wrong type: a string is expected");

        var body = World.item(w.deptA, "x");
        body.put("colour", "red");
        var unknown = api.post("/items", w.adminToken, Api.json(body));
        assertError(unknown, 422, "invalid", "colour", "Unknown field 'colour'");
        assertThat(unknown.json().at("/error/details/0/message").asText()).isEqualTo("Unknown field 'colour'");

        assertError(api.post("/items", w.adminToken, "{\"methods\": \"on_site\"}"), 422, "invalid", "methods",
                "Field 'methods' has the wrong type: an array is expected");
        assertError(api.post("/items", w.adminToken, "[]"), 422, "invalid", "", "The body must be a JSON object");
        assertThat(itemCount()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIs413() {
        String huge = "{\"name\":\"" + "林".repeat(100_000) + "\"}";   // 300 KB of UTF-8
        assertError(api.post("/items", w.adminToken, huge), 413, "payload_too_large", null,
                "The request body is larger than 256 KiB");
    }

    @Test
    void badQueryParametersAndCursorsAreClientErrors() {
        assertError(api.get("/items?limit=0", w.adminToken), 422, "invalid", "limit",
                "limit must be a whole number from 1 to 200");
        assertError(api.get("/items?limit=abc", w.adminToken), 422, "invalid", "limit",
                "limit must be a whole number from 1 to 200");
        var badStatus = api.get("/items?status=deleted", w.adminToken);
        assertError(badStatus, 422, "invalid", "status", "The filter is not valid: 1 problem");
        assertThat(badStatus.json().at("/error/details/0/message").asText())
                .isEqualTo("'deleted' is not a valid status; use one of active, retired");
        assertError(api.get("/items?next=forged", w.adminToken), 400, "malformed_request", null,
                "The 'next' cursor is not one this API issued");
        assertError(api.get("/audit", w.auditor), 422, "invalid", "entity", "Query parameter 'entity' is required");
        // a real cursor of one list is refused by another
        String itemId = w.newItem(w.deptA, "cursor test");
        for (int i = 0; i < 3; i++) {
            w.newItem(w.deptA, "cursor test " + i);
        }
        String itemsCursor = api.get("/items?limit=1", w.adminToken).json().get("next").asText();
        assertError(api.get("/audit?entity=item/" + itemId + "&next=" + itemsCursor, w.auditor), 400,
                "malformed_request", null, "The 'next' cursor is not one this list issued");
        assertError(api.get("/items/" + itemId + "/history?next=" + itemsCursor, w.auditor), 400,
                "malformed_request", null, "The 'next' cursor is not one this list issued");
        assertError(api.get("/orgs?next=" + itemsCursor, w.auditor), 400, "malformed_request", null,
                "The 'next' cursor belongs to another list");
    }

    @Test
    void unknownResourcesAre404() {
        assertError(api.get("/items/NO-SUCH-ITEM", w.adminToken), 404, "not_found", null,
                "No item with id 'NO-SUCH-ITEM'");
        assertError(api.get("/orgs/no-such-org", w.adminToken), 404, "not_found", null, "No org with id 'no-such-org'");
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
