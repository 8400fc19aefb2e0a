package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spotcheck.api.ApiException;
import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.api.Json;
import spotcheck.api.Principal;
import spotcheck.api.Role;
import spotcheck.audit.AuditTrail;
import spotcheck.store.Tables;

/** The HTTP operations over an in-memory table: parameters, sources, versions and audit. */
class CalendarOperationsTest {
    private static final Principal ADMIN = new Principal("admin-1", "Admin", "BUREAU", Set.of(Role.ADMIN));

    private final InMemoryDynamo dynamo = new InMemoryDynamo();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);
    private final Tables tables = new Tables("data", "audit");
    private final CalendarService service = new CalendarService(new CalendarRepository(dynamo, tables),
            OfficialCalendars.load(), new AuditTrail(dynamo, tables, clock), clock);
    private final CalendarOperations operations = new CalendarOperations(service);

    private static ApiRequest query(Map<String, String> query) {
        return new ApiRequest("GET /calendar/working-days/add", Map.of(), query, Map.of(), new byte[0], ADMIN, "r-1");
    }

    private static ApiRequest year(String year) {
        return new ApiRequest("GET /calendar/{year}", Map.of("year", year), Map.of(), Map.of(), new byte[0], ADMIN,
                "r-1");
    }

    private static ApiRequest put(String year, String body) {
        return new ApiRequest("PUT /calendar/{year}", Map.of("year", year), Map.of(), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), ADMIN, "r-2");
    }

    private static String json(ApiResponse response) {
        return Json.writeString(response.body());
    }

    private static ApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void addsWorkingDays() {
        ApiResponse response = operations.addWorkingDays(query(Map.of("from", "2023-09-27", "days", "20")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("{\"date\":\"2023-10-31\"}");
    }

    @Test
    void missingOrBadParametersAreNamed() {
        ApiException both = failure(() -> operations.addWorkingDays(query(Map.of())));
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.details()).extracting(ApiException.Detail::field).containsExactly("from", "days");
        for (String from : new String[] {"2023-02-30", "2023/09/27", "20230927", "+2023-09-27"}) {
            assertThat(failure(() -> operations.addWorkingDays(query(Map.of("from", from, "days", "1")))).details())
                    .extracting(ApiException.Detail::field).as(from).containsExactly("from");
        }
        for (String days : new String[] {"-1", "367", "1.5", "ten", "1000"}) {
            assertThat(failure(() -> operations.addWorkingDays(query(Map.of("from", "2023-09-27", "days", days))))
                    .details()).extracting(ApiException.Detail::field).as(days).containsExactly("days");
        }
    }

    @Test
    void anUnconfiguredYearIsA422NamingIt() {
        ApiException e = failure(() -> operations.addWorkingDays(query(Map.of("from", "2026-12-20", "days", "20"))));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("calendar_missing");
        assertThat(e.getMessage()).isEqualTo(
                "No working-day calendar for 2027: an administrator must add it (PUT /calendar/2027)");
    }

    @Test
    void readsTheOfficialCalendar() {
        String body = json(operations.get(year("2023")));
        assertThat(body).startsWith("{\"year\":2023,\"holidays\":[\"2023-01-01\",\"2023-01-02\",\"2023-01-21\"")
                .contains("\"workingDays\":[\"2023-01-28\",\"2023-01-29\",\"2023-04-23\"")
                .endsWith("\"source\":\"official\",\"version\":0}");
    }

    @Test
    void anUnknownYearIs404NamingIt() {
        ApiException e = failure(() -> operations.get(year("2027")));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("2027");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999", "2101", "23", "20233", "abcd", "+202"})
    void theYearMustBeFourDigitsFrom2000To2100(String year) {
        ApiException e = failure(() -> operations.get(year(year)));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.details()).extracting(ApiException.Detail::field).containsExactly("year");
    }

    @Test
    void anAdminAddsANewYearAndThenUpdatesItWithItsVersion() {
        ApiResponse created = operations.put(put("2027",
                "{\"holidays\":[\"2027-01-01\"],\"workingDays\":[]}"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(json(created)).isEqualTo("{\"year\":2027,\"holidays\":[\"2027-01-01\"],\"workingDays\":[],"
                + "\"source\":\"configured\",\"version\":1}");
        assertThat(json(operations.get(year("2027")))).contains("\"source\":\"configured\"", "\"version\":1");
        assertThat(json(operations.addWorkingDays(query(Map.of("from", "2026-12-20", "days", "20")))))
                .isEqualTo("{\"date\":\"2027-01-18\"}");

        ApiResponse updated = operations.put(put("2027",
                "{\"holidays\":[\"2027-01-01\",\"2027-02-05\"],\"workingDays\":[\"2027-02-06\"],\"version\":1}"));
        assertThat(json(updated)).contains("\"version\":2");

        assertThat(dynamo.audit).hasSize(2);
        assertThat(dynamo.audit.get(0).get("entity").s()).isEqualTo("calendar/2027");
        assertThat(dynamo.audit.get(0).get("action").s()).isEqualTo("create");
        assertThat(dynamo.audit.get(1).get("action").s()).isEqualTo("update");
        assertThat(dynamo.audit.get(1).get("version").n()).isEqualTo("2");
        assertThat(dynamo.audit.get(1).get("actor").s()).isEqualTo("admin-1");
    }

    @Test
    void aStaleVersionIs409AndChangesNothing() {
        operations.put(put("2027", "{\"holidays\":[],\"workingDays\":[],\"version\":0}"));
        ApiException stale = failure(() -> operations.put(put("2027",
                "{\"holidays\":[\"2027-01-01\"],\"workingDays\":[],\"version\":0}")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(failure(() -> operations.put(put("2027",
                "{\"holidays\":[\"2027-01-01\"],\"workingDays\":[],\"version\":7}"))).status()).isEqualTo(409);
        assertThat(json(operations.get(year("2027")))).contains("\"holidays\":[]", "\"version\":1");
        assertThat(dynamo.audit).hasSize(1);
    }

    @Test
    void aStoredYearWinsOverTheOfficialOne() {
        // the official 2023 has version 0; storing it makes 2023-10-09 a day off
        operations.put(put("2023", "{\"holidays\":[\"2023-09-29\",\"2023-09-30\",\"2023-10-01\",\"2023-10-02\","
                + "\"2023-10-03\",\"2023-10-04\",\"2023-10-05\",\"2023-10-06\",\"2023-10-09\"],"
                + "\"workingDays\":[\"2023-10-07\",\"2023-10-08\"],\"version\":0}"));
        assertThat(json(operations.addWorkingDays(query(Map.of("from", "2023-09-27", "days", "20")))))
                .isEqualTo("{\"date\":\"2023-11-01\"}");
        assertThat(dynamo.audit.get(0).get("action").s()).isEqualTo("create");
        assertThat(dynamo.audit.get(0).get("beforeDigest")).as("the official calendar it replaced").isNotNull();
    }

    @Test
    void everyBadDateIsListed() {
        ApiException e = failure(() -> operations.put(put("2023",
                "{\"holidays\":[\"2022-12-31\",\"2023-01-01\",\"2023-02-29\"],"
                        + "\"workingDays\":[\"2023-01-01\",\"2023-01-03\"]}")));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.details()).extracting(ApiException.Detail::field)
                .containsExactlyInAnyOrder("holidays[0]", "holidays[2]", "workingDays[0]", "workingDays[1]");
        assertThat(e.details().get(0).message()).contains("2022");
        assertThat(dynamo.data).isEmpty();
    }

    @Test
    void theBodyIsStrict() {
        assertThat(failure(() -> operations.put(put("2027", "{\"holidays\":[],\"workingDays\":[],\"extra\":1}")))
                .details()).extracting(ApiException.Detail::field).containsExactly("extra");
        assertThat(failure(() -> operations.put(put("2027", "{\"holidays\":[]}"))).details())
                .extracting(ApiException.Detail::field).containsExactly("workingDays");
        assertThat(failure(() -> operations.put(put("2027", "{\"holidays\":[],\"workingDays\":[],\"version\":-1}")))
                .details()).extracting(ApiException.Detail::field).containsExactly("version");
        assertThat(failure(() -> operations.put(put("2027", "{\"holidays\":[1],\"workingDays\":[]}"))).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> operations.put(put("2027", "{not json"))).isInstanceOf(ApiException.class)
                .extracting(x -> ((ApiException) x).status()).isEqualTo(400);
        assertThat(dynamo.data).isEmpty();
    }
}
