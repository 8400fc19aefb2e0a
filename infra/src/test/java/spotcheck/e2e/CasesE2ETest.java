package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.cases.Case;
import spotcheck.cases.PenaltyPublications;
import spotcheck.core.Page;
import spotcheck.handlers.Services;

/**
 * Follow-up cases through the stack: each kind recorded and read back, the closing rule's 422, a penalty's
 * publication due date on the official calendar and its place in the byDue index until published, a raised risk class
 * seen at {@code GET /targets/{id}} and in a new plan's estimate, and another county's case answering 404.
 * Tasks with results are written straight through the store.
 */
class CasesE2ETest extends WorldTest {
    static String item;

    private static Services services;

    /** The functions' wiring over the emulator, for what the publication batch reads (made once). */
    static synchronized Services services() {
        if (services == null) {
            services = Stack.services();
        }
        return services;
    }

    @BeforeAll
    static void item() {
        item = w.newItem(w.deptA, "后续处置事项 " + w.suffix);
    }

    static String target(String county) {
        return target(county, item);
    }

    static String target(String county, String itemId) {
        Map<String, Object> body = World.target(county, "木材加工厂 处置 " + w.suffix, w.newCreditCode());
        body.put("items", List.of(itemId));
        body.put("address", "东源县仙塘镇工业园1号");
        body.put("contactPhone", "13912345678");
        Api.Reply r = api.post("/targets", w.adminToken, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("targetId").asText();
    }

    static Map<String, Object> body(String taskId, String kind) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("taskId", taskId);
        b.put("kind", kind);
        b.put("decisionDate", "2026-09-30");
        b.put("summary", "现场检查发现问题，依法处置");
        switch (kind) {
            case "transfer" -> b.put("toDepartment", w.deptB);
            case "penalty" -> {
                b.put("documentNo", "河林罚〔2026〕" + w.suffix + "号");
                b.put("penaltyType", "罚款");
                b.put("penaltyContent", "罚款人民币五千元");
            }
            default -> { }
        }
        return b;
    }

    static JsonNode create(String token, Map<String, Object> body) {
        Api.Reply r = api.post("/cases", token, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    @Test
    void eachKindIsRecordedReadBackListedAndAudited() {
        String task = ResultTasks.create(w.deptA, target(w.county), item, "reviewed", "NO_PROBLEM");
        List<String> ids = new ArrayList<>();
        for (String kind : List.of("transfer", "correction", "penalty", "abnormal_list", "blacklist")) {
            JsonNode c = create(w.operatorA, body(task, kind));
            assertThat(c.get("kind").asText()).isEqualTo(kind);
            assertThat(c.get("status").asText()).isEqualTo("open");
            assertThat(c.get("taskId").asText()).isEqualTo(task);
            assertThat(c.get("version").asInt()).isEqualTo(1);
            String id = c.get("caseId").asText();
            ids.add(id);
            Api.Reply read = api.get("/cases/" + id, w.inspector);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(c);
            JsonNode trail = api.get("/audit?entity=case/" + id, w.auditor).json();
            assertThat(trail.at("/items/0/action").asText()).isEqualTo("create");
        }
        assertThat(api.get("/cases/" + ids.get(0), w.adminToken).json().get("toDepartment").asText())
                .isEqualTo(w.deptB);
        assertThat(w.all("/cases?taskId=" + task, w.countyStaff, "caseId")).extracting(n -> n.get("caseId").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(w.all("/cases?taskId=" + task + "&kind=penalty", w.operatorA, "caseId")).hasSize(1);
        assertThat(w.all("/cases?year=2026&kind=blacklist", w.operatorA, "caseId"))
                .extracting(n -> n.get("caseId").asText()).contains(ids.get(4)).doesNotContain(ids.get(3));

        // a transfer to the task's own department, and a result not yet reviewed, answer 422
        Map<String, Object> own = body(task, "transfer");
        own.put("toDepartment", w.deptA);
        Api.Reply refused = api.post("/cases", w.operatorA, Api.json(own));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/message").asText()).isEqualTo("A transfer goes to another"
                + " department than the task's own: '" + w.deptA + "' is one of them");
        String entered = ResultTasks.create(w.deptA, target(w.county), item, "entered", "UNREACHABLE");
        Api.Reply early = api.post("/cases", w.operatorA, Api.json(body(entered, "correction")));
        assertThat(early.status()).as(early.text()).isEqualTo(422);
        assertThat(early.json().at("/error/details/0/field").asText()).isEqualTo("taskId");
        assertThat(early.json().at("/error/details/0/message").asText()).isEqualTo("The result of the task '"
                + entered + "' is entered, not yet reviewed: follow-up is recorded on a reviewed result's findings"
                + " (reviewed, published or exempt)");
    }

    @Test
    void aFindingCallingForAPenaltyIsNotClosedByAnOrderToCorrectAlone() {
        String task = ResultTasks.create(w.deptA, target(w.county), item, "reviewed", "REFUSED_INSPECTION");
        JsonNode correction = create(w.operatorA, body(task, "correction"));
        String id = correction.get("caseId").asText();
        Api.Reply refused = api.post("/cases/" + id + "/close", w.operatorA, "{\"version\":1,\"note\":\"已整改\"}");
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The findings of task '" + task
                + "' call for listing or a penalty (items " + item + "): its follow-up cannot be closed by an order"
                + " to correct alone; record a penalty, abnormal_list or blacklist case first");
        assertThat(api.get("/cases/" + id, w.operatorA).json().get("status").asText()).isEqualTo("open");

        create(w.operatorA, body(task, "penalty"));
        Api.Reply closed = api.post("/cases/" + id + "/close", w.operatorA, "{\"version\":1,\"note\":\"已整改\"}");
        assertThat(closed.status()).as(closed.text()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("closed");
        assertThat(closed.json().get("closeNote").asText()).isEqualTo("已整改");
        assertThat(api.post("/cases/" + id + "/close", w.operatorA, "{\"version\":2}").status()).isEqualTo(409);
        assertThat(api.get("/audit?entity=case/" + id, w.adminToken).json().findValuesAsText("action"))
                .containsExactly("create", "close");
    }

    /** The penalties due through a date, from the byDue index, as the daily publication batch reads them. */
    static List<String> dueThrough(String date) {
        PenaltyPublications publications = services().penaltyPublications;
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            Page<Case> page = publications.due(date, 100, next);
            page.items().forEach(c -> ids.add(c.caseId()));
            next = page.next();
        } while (next != null);
        return ids;
    }

    @Test
    void aPenaltyIsDueSevenWorkingDaysAfterItsDecisionUntilPublished() {
        String task = ResultTasks.create(w.deptA, target(w.county), item, "published", "NO_PROBLEM");
        JsonNode penalty = create(w.countyStaff, body(task, "penalty"));
        String id = penalty.get("caseId").asText();
        // 2026-09-30, then the National Day holiday (10-01..10-07) and the adjusted working Saturday 10-10
        assertThat(penalty.get("publicationDue").asText()).isEqualTo("2026-10-15");
        assertThat(penalty.get("authority").asText()).isEqualTo(w.deptA);
        assertThat(dueThrough("2026-10-14")).doesNotContain(id);
        assertThat(dueThrough("2026-10-15")).contains(id);
        List<PenaltyPublications.PenaltyRow> rows = services().penaltyPublications.publicRows(
                List.of(services().entities.require(Case.KIND, id)));
        assertThat(rows.get(0).cells()).containsExactly(rows.get(0).creditCode(), rows.get(0).name(),
                "河林罚〔2026〕" + w.suffix + "号", "2026-09-30", "罚款", "罚款人民币五千元", "资源科");
        assertThat(rows.toString()).doesNotContain("张三", "13912345678", "仙塘镇");

        Api.Reply published = api.post("/cases/" + id + "/publish", w.operatorA, "{\"version\":1}");
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.json().get("publishedAt").isTextual()).isTrue();
        // published by hand, it still waits for a batch to export it to the city's public credit system
        assertThat(dueThrough("2026-10-15")).contains(id);
        services().penaltyPublications.markExported(PublicationE2ETest.SEEDER, "PUB-2026-10-15", List.of(id));
        assertThat(dueThrough("2026-12-31")).doesNotContain(id);
        assertThat(services().entities.require(Case.KIND, id).publicationBatch()).isEqualTo("PUB-2026-10-15");

        // a year whose calendar nobody has configured is named
        Map<String, Object> old = body(task, "penalty");
        old.put("decisionDate", "2022-12-28");
        Api.Reply missing = api.post("/cases", w.operatorA, Api.json(old));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("calendar_missing");
        assertThat(missing.json().at("/error/message").asText()).isEqualTo("No working-day calendar for 2022: an"
                + " administrator must add it (PUT /calendar/2022)");
    }

    @Test
    void aRaisedRiskClassIsSeenByTheTargetAndANewPlansEstimate() {
        // an item of this test alone, so that the county's pool under it holds these two targets only
        String own = w.newItem(w.deptA, "分级事项 " + w.suffix);
        String raised = target(w.county, own);
        target(w.county, own);
        String task = ResultTasks.create(w.deptA, raised, own, "reviewed", "REFUSED_INSPECTION");
        Map<String, Object> listing = body(task, "abnormal_list");
        listing.put("raiseRiskClass", "C");
        JsonNode c = create(w.operatorA, listing);
        assertThat(c.at("/riskRaise/from").asText()).isEqualTo("B");
        assertThat(c.at("/riskRaise/to").asText()).isEqualTo("C");
        JsonNode target = api.get("/targets/" + raised, w.countyStaff).json();
        assertThat(target.get("riskClass").asText()).isEqualTo("C");
        assertThat(target.get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/audit?entity=target/" + raised, w.adminToken).json().findValuesAsText("action"))
                .containsExactly("create", "raise-risk-class:" + c.get("caseId").asText());

        // a plan made now counts the target in stratum C
        Map<String, Object> plan = World.targetedPlan(2026, "分级抽查 " + w.suffix, w.deptA, List.of(own), w.county);
        plan.put("quota", Map.of("A", "0.1", "B", "0.5", "C", "1", "D", "1"));
        Api.Reply made = api.post("/plans", w.adminToken, Api.json(plan));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        JsonNode strata = api.get("/plans/" + made.json().get("planId").asText() + "/estimate", w.adminToken).json()
                .at("/estimate/strata");
        Map<String, Long> candidates = new LinkedHashMap<>();
        strata.forEach(s -> candidates.put(s.get("stratum").asText(), s.get("candidates").asLong()));
        assertThat(candidates).containsEntry("B", 1L).containsEntry("C", 1L);

        // only raised
        Map<String, Object> lower = body(task, "correction");
        lower.put("raiseRiskClass", "B");
        Api.Reply refused = api.post("/cases", w.operatorA, Api.json(lower));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/message").asText()).isEqualTo("The target '" + raised
                + "' is of risk class C: a finding can only raise it (A→B→C→D)");
    }

    @Test
    void anotherCountysCaseIsOneThatDoesNotExist() {
        String task = ResultTasks.create(w.deptA, target(w.county), item, "reviewed", "NO_PROBLEM");
        String id = create(w.countyStaff, body(task, "correction")).get("caseId").asText();
        Api.Reply other = api.get("/cases/" + id, w.county2Staff);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().at("/error/message").asText()).isEqualTo("No case with id '" + id + "'");
        assertThat(api.get("/cases?taskId=" + task, w.county2Staff).status()).isEqualTo(404);
        assertThat(api.post("/cases", w.county2Staff, Api.json(body(task, "correction"))).status()).isEqualTo(404);
        assertThat(api.put("/cases/" + id, w.county2Staff, "{\"summary\":\"改\",\"version\":1}").status())
                .isEqualTo(404);
        assertThat(w.all("/cases?year=2026", w.county2Staff, "caseId")).extracting(n -> n.get("caseId").asText())
                .doesNotContain(id);
        // another department's operator finds nothing either; the task's county changes it
        assertThat(api.get("/cases/" + id, w.operatorB).status()).isEqualTo(404);
        Api.Reply changed = api.put("/cases/" + id, w.countyStaff, "{\"summary\":\"已责令限期整改\",\"version\":1}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("summary").asText()).isEqualTo("已责令限期整改");
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
    }
}
