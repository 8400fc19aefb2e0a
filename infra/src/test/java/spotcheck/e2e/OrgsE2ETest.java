package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrgsE2ETest extends WorldTest {
    @Test
    void organisationsAreCreatedOnceReadUpdatedAndListedByKind() {
        JsonNode county = api.get("/orgs/" + w.county, w.countyStaff).json();
        assertThat(county.get("name").asText()).isEqualTo("东源县林业局");
        assertThat(county.get("divisionCode").asText()).isEqualTo("441625");
        assertThat(county.get("status").asText()).isEqualTo("active");

        Api.Reply again = api.post("/orgs", w.adminToken, Api.json(Map.of("orgId", w.county, "name", "重复",
                "kind", "county")));
        assertThat(again.status()).isEqualTo(409);

        ObjectNode changed = (ObjectNode) county;
        changed.put("name", "东源县林业局（更名）");
        Api.Reply updated = api.put("/orgs/" + w.county, w.adminToken, changed.toString());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(api.put("/orgs/" + w.county, w.adminToken, changed.toString()).status()).isEqualTo(409);

        boolean found = false;
        String next = null;
        do {
            JsonNode page = api.get("/orgs?kind=county&limit=50" + (next == null ? "" : "&next=" + next),
                    w.inspector).json();
            for (JsonNode org : page.get("items")) {
                assertThat(org.get("kind").asText()).isEqualTo("county");
                found |= org.get("orgId").asText().equals(w.county);
            }
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (next != null);
        assertThat(found).isTrue();
    }

    @Test
    void invalidOrganisationsAreRejected() {
        Api.Reply r = api.post("/orgs", w.adminToken, Api.json(Map.of("orgId", "Bad Id!", "name", "",
                "kind", "ministry", "divisionCode", "12")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactlyInAnyOrder("orgId", "name", "kind", "divisionCode");
        Api.Reply orphan = api.post("/orgs", w.adminToken, Api.json(Map.of("orgId", "orphan-" + w.suffix,
                "name", "孤儿", "kind", "department", "parentId", "nobody-" + w.suffix)));
        assertThat(orphan.status()).isEqualTo(422);
        assertThat(api.get("/orgs/orphan-" + w.suffix, w.adminToken).status()).isEqualTo(404);

        // the bureau may not become a child of its own department
        ObjectNode bureau = (ObjectNode) api.get("/orgs/" + w.bureau, w.adminToken).json();
        bureau.put("parentId", w.deptA);
        Api.Reply circle = api.put("/orgs/" + w.bureau, w.adminToken, bureau.toString());
        assertThat(circle.status()).isEqualTo(422);
        assertThat(circle.json().at("/error/details/0/field").asText()).isEqualTo("parentId");
    }
}
