package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inspectors linked to logins and the tasks those logins find, through the running stack: a link made by the API
 * and by a GBK CSV import (账号), a login linked twice refused (409; a rejected row), "my tasks" after a real draw
 * against the plan's tasks naming the inspector, a login linked to nobody, a police officer of a joint plan reading
 * their task though their station may not read the plan; problem-driven tasks made, listed, refused (422, 404, 409),
 * read by the staff of their target's county and left in the next draw's candidates.
 */
class PeopleAndTasksE2ETest extends WorldTest {
    /** The stack's clock is the system's: the current year, as the functions take it. */
    static final int YEAR = Clock.systemUTC().instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
    static String police;
    static String itemA;
    static String itemPolice;
    static String itemProblem;
    /** Each test its own items, so that one test's targets and inspectors are not another's candidates. */
    static String itemJoint;
    static String itemLinked;

    @BeforeAll
    static void rosters() {
        police = "police-" + w.suffix;
        w.createOrg(police, "河源市公安局" + w.suffix, "agency", null, null);
        itemA = w.newItem(w.deptA, "林木采伐监督检查");
        itemPolice = w.newItem(police, "爆破作业单位抽查");
        itemProblem = w.newItem(w.deptA, "木材经营加工抽查");
        itemJoint = w.newItem(w.deptA, "野生动物保护监督检查");
        itemLinked = w.newItem(w.deptA, "林木种苗质量抽查");
    }

    static String account(String name) {
        return "sso|" + w.suffix + "-" + name;
    }

    static JsonNode linkedInspector(String org, String item, String accountId) {
        Map<String, Object> body = World.inspector(org, w.newCertificateNo());
        body.put("qualifiedItems", List.of(item));
        body.put("accountId", accountId);
        return PlansE2ETest.ok(api.post("/inspectors", w.adminToken, Api.json(body)), 201);
    }

    static String inspectorToken(String accountId, String org) {
        return Stack.token(accountId, "执法人员", org, "inspector");
    }

    static List<String> ids(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.get("taskId").asText()).toList();
    }

    @Test
    void anInspectorIsLinkedByTheApiAndALinkedLoginIsNotLinkedTwice() {
        String login = account("api");
        JsonNode first = linkedInspector(w.deptA, itemLinked, " " + login + " ");
        assertThat(first.get("accountId").asText()).isEqualTo(login);
        Map<String, Object> second = World.inspector(w.deptA, w.newCertificateNo());
        second.put("accountId", login);
        Api.Reply taken = api.post("/inspectors", w.adminToken, Api.json(second));
        assertThat(taken.status()).as(taken.text()).isEqualTo(409);
        assertThat(taken.json().at("/error/details/0/field").asText()).isEqualTo("accountId");
        assertThat(taken.json().at("/error/message").asText()).isEqualTo("The inspector '"
                + first.get("inspectorId").asText() + "' already has that account linked (accountId)");
        second.put("accountId", "li si");
        Api.Reply invalid = api.post("/inspectors", w.adminToken, Api.json(second));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(422);
        assertThat(invalid.json().at("/error/details/0/field").asText()).isEqualTo("accountId");

        // cleared (by an administrator: only they link and unlink), the login is free for another inspector
        ObjectNode cleared = (ObjectNode) first.deepCopy();
        cleared.putNull("accountId");
        JsonNode after = PlansE2ETest.ok(api.put("/inspectors/" + first.get("inspectorId").asText(), w.adminToken,
                cleared.toString()), 200);
        assertThat(after.path("accountId").isNull() || after.path("accountId").isMissingNode()).isTrue();
        second.put("accountId", login);
        assertThat(PlansE2ETest.ok(api.post("/inspectors", w.adminToken, Api.json(second)), 201).get("accountId")
                .asText()).isEqualTo(login);
        // never in the public documents: not even a field of them
        assertThat(api.get("/public/plans?year=" + YEAR, null).text()).doesNotContain("accountId");
    }

    @Test
    void aGbkImportLinksInspectorsAndRejectsTheRowOfALoginAlreadyLinked() throws Exception {
        String held = account("held");
        String heldBy = linkedInspector(w.deptA, itemLinked, held).get("inspectorId").asText();
        String fresh = account("gbk");
        List<List<String>> rows = List.of(
                List.of("姓名", "单位/科室", "执法证号", "有效期至", "可检查事项", "账号"),
                List.of("李四", w.deptA, w.newCertificateNo(), "2028/12/31", itemLinked, fresh),
                List.of("赵六", w.deptA, w.newCertificateNo(), "2028/12/31", itemLinked, held));
        String importId = ImportsThroughTheStackE2ETest.upload(w.adminToken, "inspectors", "执法人员名录.csv",
                Uploads.csv(Charset.forName("GBK"), rows));
        JsonNode job = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + importId);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.at("/rows/created").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.at("/rows/rejected").asLong()).as(job.toString()).isEqualTo(1);
        List<List<String>> report = ImportsThroughTheStackE2ETest.download(job.get("reportUrl").asText());
        assertThat(report).hasSize(2);
        assertThat(report.get(1).get(0)).isEqualTo("赵六");
        assertThat(report.get(1).get(report.get(1).size() - 1)).isEqualTo("The inspector '" + heldBy
                + "' already has that account linked (accountId)");

        String linkedId = "INS-" + rows.get(1).get(2).toUpperCase();
        assertThat(PlansE2ETest.ok(api.get("/inspectors/" + linkedId, w.adminToken), 200).get("accountId").asText())
                .isEqualTo(fresh);
        // the English header too; a blank cell unlinks
        List<List<String>> unlink = List.of(List.of("姓名", "单位/科室", "执法证号", "有效期至", "accountId"),
                List.of("李四", w.deptA, rows.get(1).get(2), "2028/12/31", ""));
        JsonNode second = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + ImportsThroughTheStackE2ETest
                .upload(w.adminToken, "inspectors", "解除账号.csv", Uploads.csv(Charset.forName("GBK"), unlink)));
        assertThat(second.at("/rows/updated").asLong()).as(second.toString()).isEqualTo(1);
        assertThat(api.get("/inspectors/" + linkedId, w.adminToken).json().path("accountId").isTextual()).isFalse();
    }

    @Test
    void aLoginListsExactlyTheTasksNamingItsInspector() {
        PlansE2ETest.targets(16, w.county, "B", List.of(itemA));
        List<String> crew = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crew.add(linkedInspector(w.deptA, itemA, account("crew-" + i)).get("inspectorId").asText());
        }
        Map<String, Object> body = World.targetedPlan(YEAR, "我的任务抽查", w.deptA, List.of(itemA), w.county);
        body.put("quota", Map.of("ALL", "0.5"));
        body.put("excludeDrawnThisYear", false);
        String plan = DrawsE2ETest.approvedPlan(body);
        PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        List<JsonNode> planTasks = w.all("/tasks?planId=" + plan, w.adminToken, "taskId");
        assertThat(planTasks).hasSize(8);

        for (int i = 0; i < crew.size(); i++) {
            String id = crew.get(i);
            List<String> expected = ids(planTasks.stream().filter(t -> t.get("inspectors").toString()
                    .contains("\"" + id + "\"")).toList());
            assertThat(expected).isNotEmpty();
            String token = inspectorToken(account("crew-" + i), w.deptA);
            assertThat(ids(w.all("/tasks?assignee=me&year=" + YEAR, token, "taskId"))).isEqualTo(expected);
            assertThat(ids(w.all("/tasks?assignee=me", token, "taskId"))).isEqualTo(expected);
            assertThat(ids(w.all("/tasks?planId=" + plan + "&assignee=me", token, "taskId"))).isEqualTo(expected);
            assertThat(ids(w.all("/tasks?assignee=" + id + "&year=" + YEAR, w.operatorA, "taskId")))
                    .isEqualTo(expected);
        }
        assertThat(api.get("/tasks?assignee=" + crew.get(0), w.operatorB).status()).isEqualTo(403);
        // a login linked to no inspector: an empty page
        Api.Reply nobody = api.get("/tasks?assignee=me", inspectorToken(account("nobody"), w.deptA));
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.text()).isEqualTo("{\"items\":[]}");
        Api.Reply bad = api.get("/tasks?assignee=me&year=26&kind=drawn", w.adminToken);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/error/details").size()).isEqualTo(2);
    }

    @Test
    void aPoliceOfficerOfAJointPlanReadsTheirTaskThoughTheirStationMayNotReadThePlan() {
        PlansE2ETest.targets(10, w.county, "B", List.of(itemJoint, itemPolice));
        DrawsE2ETest.inspector(w.deptA, itemJoint);
        DrawsE2ETest.inspector(w.deptA, itemJoint);
        String officer = linkedInspector(police, itemPolice, account("police")).get("inspectorId").asText();
        Map<String, Object> body = World.targetedPlan(YEAR, "林业公安联合抽查", w.deptA, List.of(itemJoint, itemPolice),
                w.county);
        body.put("departments", List.of(w.deptA, police));
        body.put("joint", true);
        body.put("quota", Map.of("ALL", "0.2"));
        body.put("excludeDrawnThisYear", false);
        String plan = DrawsE2ETest.approvedPlan(body);
        PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        List<JsonNode> planTasks = w.all("/tasks?planId=" + plan, w.adminToken, "taskId");
        assertThat(planTasks).hasSize(2).allSatisfy(t -> assertThat(t.get("inspectors").toString()).contains(officer));

        // the officer's token names their station, which the plan does not involve
        String station = "station-" + w.suffix;
        String token = inspectorToken(account("police"), station);
        String colleague = inspectorToken(account("police-2"), station);
        String taskId = planTasks.get(0).get("taskId").asText();
        assertThat(PlansE2ETest.ok(api.get("/tasks/" + taskId, token), 200)).isEqualTo(planTasks.get(0));
        assertThat(api.get("/tasks/" + taskId, colleague).status()).isEqualTo(404);
        assertThat(api.get("/plans/" + plan, token).status()).isEqualTo(404);
        assertThat(api.get("/tasks?planId=" + plan, token).status()).isEqualTo(404);
        assertThat(w.all("/tasks?planId=" + plan + "&assignee=me", token, "taskId")).isEqualTo(planTasks);
    }

    static Map<String, Object> problem(String targetId, String sourceRef, List<String> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetId", targetId);
        body.put("source", "complaint");
        if (sourceRef != null) {
            body.put("sourceRef", sourceRef);
        }
        body.put("items", items);
        body.put("note", "12345热线反映夜间无证采伐");
        return body;
    }

    @Test
    void aProblemDrivenTaskIsMadeListedRefusedAndNotLeftOutOfTheNextDraw() {
        List<String> targets = PlansE2ETest.targets(6, w.county, "C", List.of(itemProblem));
        String target = targets.get(0);
        String ticket = "12345-" + w.suffix;
        Api.Reply made = api.post("/tasks", w.operatorA, Api.json(problem(target, ticket, List.of(itemProblem))));
        JsonNode task = PlansE2ETest.ok(made, 201);
        String taskId = task.get("taskId").asText();
        assertThat(taskId).matches("TSK-" + YEAR + "-P-[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(made.header("location")).isEqualTo("/tasks/" + taskId);
        assertThat(task.get("kind").asText()).isEqualTo("problem");
        assertThat(task.hasNonNull("planId")).isFalse();
        assertThat(task.hasNonNull("drawId")).isFalse();
        assertThat(task.get("year").asInt()).isEqualTo(YEAR);
        assertThat(task.get("status").asText()).isEqualTo("unassigned");
        assertThat(task.get("unassigned").asText()).isEqualTo("a problem-driven task is assigned by hand");
        assertThat(task.get("departments").toString()).isEqualTo("[\"" + w.deptA + "\"]");
        assertThat(task.get("source").asText()).isEqualTo("complaint");
        assertThat(task.get("sourceRef").asText()).isEqualTo(ticket);
        assertThat(PlansE2ETest.ok(api.get("/tasks/" + taskId, w.operatorA), 200)).isEqualTo(task);
        assertThat(api.get("/tasks/" + taskId, w.operatorB).status()).isEqualTo(404);
        assertThat(PlansE2ETest.ok(api.get("/audit?entity=task/" + taskId, w.auditor), 200).at("/items/0/action")
                .asText()).isEqualTo("create");
        assertThat(w.all("/tasks?kind=problem&year=" + YEAR, w.operatorA, "taskId")).contains(task);
        assertThat(w.all("/tasks?kind=problem&year=" + YEAR, w.operatorB, "taskId")).doesNotContain(task);
        assertThat(w.all("/tasks?kind=problem&year=" + (YEAR - 1), w.adminToken, "taskId")).doesNotContain(task);

        // the same ticket for the same target again
        Api.Reply again = api.post("/tasks", w.adminToken, Api.json(withDepartments(problem(target, ticket,
                List.of(itemProblem)))));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        // not naming the task that holds it, which may be another department's
        assertThat(again.json().at("/error/message").asText()).isEqualTo("This source reference is recorded for"
                + " this target already: the complaint '" + ticket + "' for target '" + target + "'");
        assertThat(again.text()).doesNotContain(taskId);
        assertThat(again.json().at("/error/details/0/field").asText()).isEqualTo("sourceRef");
        // 422s, one detail per problem
        Map<String, Object> wrong = problem(target, "x".repeat(101), List.of(itemPolice, "ITEM-NONE"));
        wrong.put("source", "rumour");
        Api.Reply invalid = api.post("/tasks", w.adminToken, Api.json(withDepartments(wrong)));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        invalid.json().at("/error/details").forEach(d -> fields.add(d.get("field").asText()));
        assertThat(fields).containsExactly("source", "sourceRef");
        Api.Reply items = api.post("/tasks", w.adminToken, Api.json(withDepartments(problem(target, null,
                List.of(itemPolice, "ITEM-NONE")))));
        assertThat(items.status()).as(items.text()).isEqualTo(422);
        assertThat(items.json().at("/error/details/0/message").asText()).isEqualTo("The item '" + itemPolice
                + "' belongs to '" + police + "', which is not among the task's departments");
        assertThat(items.json().at("/error/details/1/message").asText()).isEqualTo("No item with id 'ITEM-NONE'");
        assertThat(api.post("/tasks", w.adminToken, Api.json(withDepartments(problem(target, null, List.of()))))
                .status()).isEqualTo(422);
        // another county's staff find no such target; the target's own county may
        Map<String, Object> fromCounty = withDepartments(problem(target, null, List.of(itemProblem)));
        Api.Reply elsewhere = api.post("/tasks", w.county2Staff, Api.json(fromCounty));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(404);
        assertThat(elsewhere.json().at("/error/message").asText()).isEqualTo("No target with id '" + target + "'");
        assertThat(api.post("/tasks", w.adminToken, Api.json(problem("TGT-NONE-" + w.suffix, null,
                List.of(itemProblem)))).status()).isEqualTo(404);
        JsonNode countys = PlansE2ETest.ok(api.post("/tasks", w.countyStaff, Api.json(fromCounty)), 201);
        // which the county then reads and lists by its target; the other county does not
        String countysId = countys.get("taskId").asText();
        assertThat(PlansE2ETest.ok(api.get("/tasks/" + countysId, w.countyStaff), 200)).isEqualTo(countys);
        assertThat(w.all("/tasks?kind=problem&year=" + YEAR, w.countyStaff, "taskId")).contains(countys, task);
        assertThat(api.get("/tasks/" + countysId, w.county2Staff).status()).isEqualTo(404);
        assertThat(w.all("/tasks?kind=problem&year=" + YEAR, w.county2Staff, "taskId"))
                .doesNotContain(countys, task);
        // a county is not among a task's departments: it owns no items
        Map<String, Object> countyNamed = problem(target, null, List.of(itemProblem));
        countyNamed.put("departments", List.of(w.deptA, w.county));
        Api.Reply asDepartment = api.post("/tasks", w.countyStaff, Api.json(countyNamed));
        assertThat(asDepartment.status()).as(asDepartment.text()).isEqualTo(422);
        assertThat(asDepartment.json().at("/error/details/0/field").asText()).isEqualTo("departments[1]");
        assertThat(asDepartment.json().at("/error/details/0/message").asText()).isEqualTo("'" + w.county
                + "' is a county: a task's departments are the departments or agencies whose items it checks");
        // an operator acts for their own department
        assertThat(api.post("/tasks", w.operatorB, Api.json(fromCounty)).status()).isEqualTo(403);

        // the next draw of the year, leaving out targets drawn this year, still counts the target
        DrawsE2ETest.inspector(w.deptA, itemProblem);
        DrawsE2ETest.inspector(w.deptA, itemProblem);
        Map<String, Object> body = World.targetedPlan(YEAR, "问题导向后的抽查", w.deptA, List.of(itemProblem), w.county);
        body.put("quota", Map.of("ALL", "0.5"));
        body.put("excludeDrawnThisYear", true);
        String plan = DrawsE2ETest.approvedPlan(body);
        JsonNode drawn = PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        JsonNode candidates = PlansE2ETest.ok(api.get("/public/draws/" + drawn.at("/draw/drawId").asText()
                + "/candidates", null), 200);
        Set<String> candidateIds = new HashSet<>();
        candidates.get("targets").forEach(t -> candidateIds.add(t.get("id").asText()));
        assertThat(candidateIds).isEqualTo(new HashSet<>(targets));
    }

    /** The body naming the department of the items (an administrator's own organisation is the bureau). */
    static Map<String, Object> withDepartments(Map<String, Object> body) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("departments", List.of(w.deptA));
        return copy;
    }
}
