package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A county token is held to its county by its {@code org} claim. Without one it once listed and
 * exported every county's targets; now it is refused, and an org that names no county sees nothing.
 */
class CountyWithoutOrganisationE2ETest extends WorldTest {
    @BeforeAll
    static void targetsInBothCounties() {
        w.newTarget(w.county);
        w.newTarget(w.county2);
    }

    private static void assertForbidden(Api.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(r.text()).doesNotContain(w.county).doesNotContain("木材加工厂");
    }

    @Test
    void aCountyTokenWithoutAnOrgClaimListsAndExportsNothing() {
        String token = Stack.token("cty-none-" + w.suffix, "县局人员", null, "county");
        assertForbidden(api.get("/targets?limit=200", token));
        assertForbidden(api.get("/targets/export?format=csv", token));
        assertForbidden(api.get("/targets/export?format=xlsx", token));
    }

    @Test
    void aCountyTokenWithABlankOrgListsAndExportsNothing() {
        for (String blank : new String[] {"", "   "}) {
            String token = Stack.token("cty-blank-" + w.suffix, "县局人员", blank, "county");
            assertForbidden(api.get("/targets?limit=200", token));
            assertForbidden(api.get("/targets/export?format=csv", token));
        }
    }

    @Test
    void aCountyTokenOfAnUnknownOrgSeesNoRows() {
        String token = Stack.token("cty-unknown-" + w.suffix, "县局人员", "nowhere-" + w.suffix, "county");
        Api.Reply list = api.get("/targets?limit=200", token);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().get("items").size()).isZero();
        assertThat(list.json().has("next")).isFalse();

        Api.Reply csv = api.get("/targets/export?format=csv", token);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        String header = api.get("/imports/templates/targets?format=csv", w.adminToken).text().strip();
        assertThat(csv.text().strip().lines().toList()).hasSize(1);
        assertThat(csv.text().strip().lines().findFirst().orElseThrow()).startsWith(header.lines().findFirst()
                .orElseThrow());
    }
}
