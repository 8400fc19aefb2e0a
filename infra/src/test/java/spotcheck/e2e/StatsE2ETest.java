package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /stats} through the stack: a county account's figures are exact (its county is this class's own), the
 * floor is met once a draw reaches 3%, the city-wide answer holds the county's row, a drawn target deregistered
 * since stays in scope, and a bad year answers 422.
 */
class StatsE2ETest extends WorldTest {
    /** A year no other test class draws in. */
    private static final int YEAR = 2033;

    @Test
    void aCountysCoverageCountsItsDrawnTargetsAgainstTheFloor() {
        String item = w.newItem(w.deptA, "统计事项 " + w.suffix);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> target = World.target(w.county, "统计对象 " + i, w.newCreditCode());
            target.put("items", List.of(item));
            assertThat(api.post("/targets", w.adminToken, Api.json(target)).status()).isEqualTo(201);
        }
        // one target of the county under no item: in scope, never drawn
        w.newTarget(w.county);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> inspector = World.inspector(w.deptA, w.newCertificateNo());
            inspector.put("qualifiedItems", List.of(item));
            inspector.put("certificateValidUntil", "2035-12-31");
            assertThat(api.post("/inspectors", w.adminToken, Api.json(inspector)).status()).isEqualTo(201);
        }

        JsonNode before = stats(w.countyStaff).json();
        assertThat(before.get("county").asText()).isEqualTo(w.county);
        assertThat(before.get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":0,\"required\":1,\"ratio\":\"0.0000\",\"meetsFloor\":false}");

        Map<String, Object> plan = World.targetedPlan(YEAR, "统计计划 " + w.suffix, w.deptA, List.of(item), w.county);
        plan.put("quota", Map.of("ALL", "0.2"));
        String planId = api.post("/plans", w.adminToken, Api.json(plan)).json().get("planId").asText();
        assertThat(api.post("/plans/" + planId + "/approve", w.adminToken, "{\"version\":1}").status())
                .isEqualTo(200);
        assertThat(api.post("/plans/" + planId + "/draw", w.adminToken, "").status()).isEqualTo(201);

        JsonNode after = stats(w.countyStaff).json();
        // ceil(10 × 0.2) = 2 drawn of 11 in scope
        assertThat(after.get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        assertThat(after.get("byCounty")).hasSize(1);
        assertThat(after.at("/byCounty/0/county").asText()).isEqualTo(w.county);
        assertThat(after.at("/byCounty/0/name").asText()).isEqualTo("东源县林业局");
        assertThat(after.at("/byCounty/0/drawn").asLong()).isEqualTo(2);
        assertThat(after.get("byItem")).isEmpty();
        assertThat(after.get("byDepartment")).isEmpty();
        assertThat(after.get("tasks").toString()).isEqualTo("{\"total\":2,\"assigned\":2,\"unassigned\":0}");
        assertThat(after.get("problemDriven").toString()).isEqualTo("{\"tasks\":0}");
        assertThat(after.has("completionRate")).isTrue();
        assertThat(after.get("completionRate").isNull()).isTrue();
        assertThat(after.get("onTimePublicationRate").isNull()).isTrue();

        // another county's account sees its own (empty) county
        JsonNode other = stats(w.county2Staff).json();
        assertThat(other.get("overall").toString()).isEqualTo(
                "{\"inScope\":0,\"drawn\":0,\"required\":0,\"ratio\":null,\"meetsFloor\":true}");

        // the city-wide answer holds the same row for the county, and the item's figures
        JsonNode city = stats(w.auditor).json();
        assertThat(city.get("county").isNull()).isTrue();
        JsonNode row = find(city.get("byCounty"), "county", w.county);
        assertThat(row.toString()).isEqualTo("{\"county\":\"" + w.county + "\",\"name\":\"东源县林业局\","
                + "\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode itemRow = find(city.get("byItem"), "itemId", item);
        assertThat(itemRow.get("inScope").asLong()).isEqualTo(10);
        assertThat(itemRow.get("drawn").asLong()).isEqualTo(2);
        assertThat(itemRow.get("ratio").asText()).isEqualTo("0.2000");
        JsonNode department = find(city.get("byDepartment"), "department", w.deptA);
        assertThat(department.get("name").asText()).isEqualTo("资源科");
        assertThat(department.get("drawn").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(city.at("/read/queries").asInt()).isPositive();

        // a drawn target deregistered since stays in scope where it counts as drawn: the figures do not move
        String drawnTarget = api.get("/tasks?planId=" + planId + "&year=" + YEAR, w.adminToken).json()
                .at("/items/0/targetId").asText();
        long version = api.get("/targets/" + drawnTarget, w.adminToken).json().get("version").asLong();
        assertThat(api.post("/targets/" + drawnTarget + "/deactivate", w.adminToken, "{\"version\":" + version
                + ",\"reason\":\"已注销\"}").status()).isEqualTo(200);
        assertThat(stats(w.countyStaff).json().get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode later = stats(w.auditor).json();
        assertThat(find(later.get("byCounty"), "county", w.county).toString()).isEqualTo("{\"county\":\""
                + w.county + "\",\"name\":\"东源县林业局\",\"inScope\":11,\"drawn\":2,\"required\":1,"
                + "\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode laterItem = find(later.get("byItem"), "itemId", item);
        assertThat(laterItem.get("inScope").asLong()).isEqualTo(10);
        assertThat(laterItem.get("drawn").asLong()).isEqualTo(2);
    }

    @Test
    void aYearThatIsNoYearAnswers422() {
        for (String bad : List.of("", "?year=", "?year=26", "?year=1999", "?year=2101", "?year=二〇二六")) {
            Api.Reply r = api.get("/stats" + bad, w.adminToken);
            assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(422);
            assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("year");
        }
    }

    private static Api.Reply stats(String token) {
        Api.Reply r = api.get("/stats?year=" + YEAR, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in " + rows);
    }
}
