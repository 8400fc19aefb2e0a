package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The working-day calendar through the running stack. The calendar is shared by every
 * test class, so each test that writes uses a year no other test reads.
 */
class CalendarE2ETest extends WorldTest {
    private Api.Reply add(String from, String days) {
        return api.get("/calendar/working-days/add?from=" + from + "&days=" + days, w.inspector);
    }

    @Test
    void twentyWorkingDaysAfter27September2023Is31October() {
        Api.Reply r = add("2023-09-27", "20");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"date\":\"2023-10-31\"}");
        assertThat(add("2025-12-20", "20").json().get("date").asText()).isEqualTo("2026-01-19");
    }

    @Test
    void missingOrBadParametersAreNamed() {
        Api.Reply both = api.get("/calendar/working-days/add", w.inspector);
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactly("from", "days");
        for (String from : new String[] {"2023-02-30", "2023/09/27", "20230927"}) {
            assertThat(add(from, "1").json().at("/error/details/0/field").asText()).as(from).isEqualTo("from");
        }
        for (String days : new String[] {"-1", "367", "1.5", "ten"}) {
            assertThat(add("2023-09-27", days).json().at("/error/details/0/field").asText()).as(days)
                    .isEqualTo("days");
        }
    }

    @Test
    void aDateInAnUnconfiguredYearIs422NamingTheYear() {
        Api.Reply r = add("2099-12-20", "20");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("calendar_missing");
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("No working-day calendar for 2099: an administrator must add it (PUT /calendar/2099)");
    }

    @Test
    void readsTheOfficialCalendar() {
        JsonNode y = api.get("/calendar/2023", w.countyStaff).json();
        assertThat(y.get("source").asText()).isEqualTo("official");
        assertThat(y.get("version").asLong()).isZero();
        assertThat(y.get("holidays")).extracting(JsonNode::asText).contains("2023-01-01", "2023-10-06")
                .doesNotContain("2022-12-31");
        assertThat(y.get("workingDays")).extracting(JsonNode::asText)
                .containsExactly("2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
                        "2023-10-07", "2023-10-08");
        Api.Reply unknown = api.get("/calendar/2095", w.countyStaff);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).contains("2095");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999", "2101", "23", "20233", "abcd"})
    void theYearMustBeFourDigitsFrom2000To2100(String year) {
        Api.Reply r = api.get("/calendar/" + year, w.countyStaff);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("year");
    }

    @Test
    void anAdminAddsANewYearThenUpdatesItWithItsVersion() {
        Api.Reply created = api.put("/calendar/2097", w.adminToken, "{\"holidays\":[\"2097-01-01\"],\"workingDays\":[]}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.text()).isEqualTo("{\"year\":2097,\"holidays\":[\"2097-01-01\"],\"workingDays\":[],"
                + "\"source\":\"configured\",\"version\":1}");
        // 2096 is not configured, so a deadline from 2097-12-20 needs 2098: not asserted; within 2097 it works
        assertThat(add("2097-01-01", "1").json().get("date").asText()).isEqualTo("2097-01-02");

        Api.Reply updated = api.put("/calendar/2097", w.adminToken,
                "{\"holidays\":[\"2097-01-01\",\"2097-01-02\"],\"workingDays\":[],\"version\":1}");
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(add("2097-01-01", "1").json().get("date").asText()).isEqualTo("2097-01-03");

        JsonNode audit = api.get("/audit?entity=calendar/2097", w.auditor).json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("create", "update");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("admin-" + w.suffix);
    }

    @Test
    void aStaleVersionIs409AndChangesNothing() {
        assertThat(api.put("/calendar/2096", w.adminToken, "{\"holidays\":[],\"workingDays\":[],\"version\":0}")
                .status()).isEqualTo(200);
        assertThat(api.put("/calendar/2096", w.adminToken,
                "{\"holidays\":[\"2096-01-01\"],\"workingDays\":[],\"version\":0}").status()).isEqualTo(409);
        assertThat(api.put("/calendar/2096", w.adminToken,
                "{\"holidays\":[\"2096-01-01\"],\"workingDays\":[],\"version\":7}").status()).isEqualTo(409);
        JsonNode y = api.get("/calendar/2096", w.adminToken).json();
        assertThat(y.get("holidays")).isEmpty();
        assertThat(y.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aStoredYearWinsOverTheOfficialOne() {
        // 2025 as published, plus 2025-10-09 made a day off
        Api.Reply stored = api.put("/calendar/2025", w.adminToken, "{\"holidays\":[\"2025-01-01\",\"2025-01-28\","
                + "\"2025-01-29\",\"2025-01-30\",\"2025-01-31\",\"2025-02-01\",\"2025-02-02\",\"2025-02-03\","
                + "\"2025-02-04\",\"2025-10-01\",\"2025-10-02\",\"2025-10-03\",\"2025-10-04\",\"2025-10-05\","
                + "\"2025-10-06\",\"2025-10-07\",\"2025-10-08\",\"2025-10-09\"],"
                + "\"workingDays\":[\"2025-01-26\",\"2025-02-08\",\"2025-09-28\",\"2025-10-11\"],\"version\":0}");
        assertThat(stored.status()).as(stored.text()).isEqualTo(200);
        assertThat(add("2025-09-30", "1").json().get("date").asText()).isEqualTo("2025-10-10");
        assertThat(add("2025-10-08", "1").json().get("date").asText()).isEqualTo("2025-10-10");
        assertThat(api.get("/calendar/2025", w.inspector).json().get("source").asText()).isEqualTo("configured");
    }

    @Test
    void everyBadDateIsListedAndNothingIsStored() {
        // wrong year, not a date, both a holiday and a working day (a Saturday), a Tuesday as a 调休 day
        Api.Reply r = api.put("/calendar/2094", w.adminToken, "{\"holidays\":[\"2093-12-31\",\"2094-01-02\","
                + "\"2094-02-29\"],\"workingDays\":[\"2094-01-02\",\"2094-01-05\"]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .contains("holidays[0]", "holidays[2]", "workingDays[1]")
                .containsAnyOf("holidays[1]", "workingDays[0]");
        assertThat(api.get("/calendar/2094", w.adminToken).status()).isEqualTo(404);
        Api.Reply extra = api.put("/calendar/2094", w.adminToken, "{\"holidays\":[],\"workingDays\":[],\"x\":1}");
        assertThat(extra.json().at("/error/details/0/field").asText()).isEqualTo("x");
        assertThat(api.put("/calendar/2094", w.adminToken, "{not json").status()).isEqualTo(400);
    }
}
