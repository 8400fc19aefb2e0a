package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.core.Json;

/**
 * Voiding a draw and drawing again, and giving unassigned tasks inspectors by hand, through the running stack:
 * a plan whose drawn targets lack inspectors lists them with the draw's reason and gets them assigned (refusals
 * first: a wrong inspector, a stale version, another department); the public record lists the hand assignments
 * and still verifies; a voided draw keeps its public record (why and when, not who), its tasks leave the plan and
 * every list of the year (read by id, they say their draw was voided), the plan is drawn a second time naming it,
 * and that last draw is not voided; replacing inspectors the draw chose needs a reason and is marked in the public
 * record; of two voids at once, one wins.
 */
class VoidAndAssignE2ETest extends WorldTest {
    static final int YEAR = 2028;
    static String item;
    static String lone;

    @BeforeAll
    static void rosters() {
        item = w.newItem(w.deptA, "木材经营加工监督检查");
        PlansE2ETest.targets(4, w.county, "B", List.of(item));
        lone = inspector(w.deptA, item, List.of());
    }

    static String inspector(String org, String qualifiedFor, List<String> conflicts) {
        return inspector(org, qualifiedFor, conflicts, null);
    }

    /** An inspector, linked to a login when {@code accountId} is given. */
    static String inspector(String org, String qualifiedFor, List<String> conflicts, String accountId) {
        Map<String, Object> body = World.inspector(org, w.newCertificateNo());
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        body.put("certificateValidUntil", "2029-12-31");
        body.put("qualifiedItems", List.of(qualifiedFor));
        body.put("conflicts", conflicts);
        return PlansE2ETest.ok(api.post("/inspectors", w.adminToken, Api.json(body)), 201).get("inspectorId")
                .asText();
    }

    /** A plan of the owning department over the county for one item, every target drawn, approved. */
    static String approvedPlan(String name, String forItem, boolean excludeDrawn) {
        Map<String, Object> body = World.targetedPlan(YEAR, name, w.deptA, List.of(forItem), w.county);
        body.put("quota", Map.of("ALL", "1"));
        body.put("excludeDrawnThisYear", excludeDrawn);
        String id = PlansE2ETest.create(w.operatorA, body);
        PlansE2ETest.ok(api.post("/plans/" + id + "/approve", w.operatorA, "{\"version\":1}"), 200);
        return id;
    }

    static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    static JsonNode error(Api.Reply r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r.json().get("error");
    }

    static List<String> actions(String entity) {
        List<String> found = new ArrayList<>();
        PlansE2ETest.ok(api.get("/audit?entity=" + entity, w.auditor), 200).get("items").forEach(a -> found.add(
                a.get("action").asText() + " " + a.get("actor").asText()));
        return found;
    }

    @Test
    void unassignedTasksAreListedWithTheirReasonAndGivenInspectorsByHand() {
        String plan = approvedPlan("2028年木材经营加工抽查", item, false);
        JsonNode drawn = PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        String drawId = drawn.at("/draw/drawId").asText();
        assertThat(drawn.at("/draw/unassigned").asInt()).isEqualTo(4);

        JsonNode unassigned = PlansE2ETest.ok(api.get("/tasks?planId=" + plan + "&status=unassigned", w.operatorA),
                200).get("items");
        assertThat(unassigned).hasSize(4);
        unassigned.forEach(t -> {
            assertThat(t.get("status").asText()).isEqualTo("unassigned");
            assertThat(t.get("unassigned").asText()).isEqualTo("2 inspectors are needed but only 1 passed the"
                    + " plan's checks");
        });
        assertThat(PlansE2ETest.ok(api.get("/tasks?planId=" + plan + "&status=assigned", w.operatorA), 200)
                .get("items")).isEmpty();
        assertThat(error(api.get("/tasks?planId=" + plan + "&status=done", w.operatorA), 422).at("/details/0/field")
                .asText()).isEqualTo("status");

        JsonNode task = unassigned.get(0);
        String taskId = task.get("taskId").asText();
        String target = task.get("targetId").asText();
        String second = inspector(w.deptA, item, List.of());
        String otherDepartment = inspector(w.deptB, item, List.of());
        String conflicted = inspector(w.deptA, item, List.of(target));
        String path = "/tasks/" + taskId + "/inspectors";

        JsonNode wrong = error(api.put(path, w.operatorA, Api.json(Map.of("inspectors", List.of(lone,
                otherDepartment, conflicted), "version", 1))), 422);
        assertThat(wrong.get("details")).isEqualTo(tree(List.of(
                Map.of("field", "inspectors[1]", "message", "'" + otherDepartment + "' is of '" + w.deptB
                        + "', not of the task's departments (" + w.deptA + ")"),
                Map.of("field", "inspectors[2]", "message", "'" + conflicted + "' has a conflict of interest with"
                        + " the target '" + target + "' (回避)"))));
        Map<String, Object> good = Map.of("inspectors", List.of(lone, second), "version", 1, "reason", "临时调配");
        assertThat(error(api.put(path, w.operatorA, Api.json(Map.of("inspectors", List.of(lone, second),
                "version", 7))), 409).get("message").asText()).isEqualTo("The task '" + taskId + "' was changed by"
                + " someone else; read it again and retry (current version 1)");
        assertThat(error(api.put(path, w.operatorB, Api.json(good)), 404).get("code").asText())
                .isEqualTo("not_found");
        assertThat(error(api.put(path, w.inspector, Api.json(good)), 403).get("code").asText())
                .isEqualTo("forbidden");
        assertThat(PlansE2ETest.ok(api.get("/tasks/" + taskId, w.adminToken), 200).get("version").asInt())
                .isEqualTo(1);

        JsonNode assigned = PlansE2ETest.ok(api.put(path, w.operatorA, Api.json(good)), 200);
        assertThat(assigned.get("status").asText()).isEqualTo("assigned");
        assertThat(assigned.get("manual").asBoolean()).isTrue();
        assertThat(assigned.get("inspectors")).isEqualTo(tree(List.of(lone, second)));
        assertThat(assigned.get("assignmentNote").asText()).isEqualTo("临时调配");
        // sent again (a retry after a lost answer): the same task, nothing written twice
        assertThat(PlansE2ETest.ok(api.put(path, w.operatorA, Api.json(good)), 200)).isEqualTo(assigned);
        assertThat(actions("task/" + taskId)).containsExactly("assign op-a-" + w.suffix);
        assertThat(PlansE2ETest.ok(api.get("/tasks?planId=" + plan + "&status=unassigned", w.operatorA), 200)
                .get("items")).hasSize(3);

        JsonNode record = PlansE2ETest.ok(api.get("/public/draws/" + drawId, null), 200);
        assertThat(record.get("manual")).isEqualTo(tree(List.of(Map.of("targetId", target,
                "inspectors", List.of(lone, second), "at", assigned.get("updatedAt").asText()))));
        assertThat(record.get("targets")).isEqualTo(drawn.at("/record/targets"));
        assertThat(record.toString()).doesNotContain("王五").doesNotContain("临时调配").doesNotContain("op-a-");
        assertThat(PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/verify", null), 200).get("verified")
                .asBoolean()).isTrue();
    }

    @Test
    void aVoidedDrawIsDrawnAgainOnceAndStaysPublishedWithoutItsVoider() {
        // an item of its own: the other tests' draws do not exclude its targets
        String felling = w.newItem(w.deptA, "林木采伐限额监督检查");
        PlansE2ETest.targets(3, w.county, "C", List.of(felling));
        String login = "sso|" + w.suffix + "-felling";
        inspector(w.deptA, felling, List.of(), login);
        inspector(w.deptA, felling, List.of());
        String me = Stack.token(login, "执法人员", w.deptA, "inspector");
        String mine = "/tasks?assignee=me&year=" + YEAR;
        String plan = approvedPlan("2028年林木采伐限额抽查", felling, true);
        JsonNode first = PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        String firstId = first.at("/draw/drawId").asText();
        List<JsonNode> firstTasks = w.all("/tasks?planId=" + plan, w.operatorA, "taskId");
        assertThat(w.all(mine, me, "taskId")).isEqualTo(firstTasks).hasSize(3);
        long version = first.at("/draw/version").asLong();
        String path = "/draws/" + firstId + "/void";

        assertThat(error(api.post(path, w.operatorA, "{\"reason\":\"有误\",\"version\":" + version + "}"), 422)
                .get("details")).isEqualTo(tree(List.of(Map.of("field", "reason", "message",
                "reason is shorter than 4 characters"))));
        assertThat(error(api.post(path, w.operatorA, "{\"version\":" + version + "}"), 422).at("/details/0/field")
                .asText()).isEqualTo("reason");
        assertThat(api.post(path, w.operatorA, "{\"reason\":").status()).isEqualTo(400);
        String body = "{\"reason\":\"名录未及时更新，抽取对象有误\",\"version\":" + version + "}";
        assertThat(error(api.post(path, w.operatorB, body), 404).get("code").asText()).isEqualTo("not_found");
        assertThat(error(api.post(path, w.inspector, body), 403).get("code").asText()).isEqualTo("forbidden");
        assertThat(error(api.post(path, w.operatorA, "{\"reason\":\"名录未及时更新，抽取对象有误\",\"version\":"
                + (version + 3) + "}"), 409).get("message").asText()).startsWith("The draw '" + firstId
                + "' was changed by someone else");

        JsonNode voided = PlansE2ETest.ok(api.post(path, w.operatorA, body), 200);
        assertThat(voided.at("/draw/voided/reason").asText()).isEqualTo("名录未及时更新，抽取对象有误");
        assertThat(PlansE2ETest.ok(api.get("/plans/" + plan, w.operatorA), 200).get("status").asText())
                .isEqualTo("approved");
        assertThat(PlansE2ETest.ok(api.get("/tasks?planId=" + plan, w.operatorA), 200).get("items")).isEmpty();
        // nobody is sent to its targets: its tasks are in no list of the year, and read by id say so
        assertThat(w.all(mine, me, "taskId")).isEmpty();
        assertThat(w.all("/tasks?kind=random&year=" + YEAR, w.operatorA, "taskId")).doesNotContainAnyElementsOf(
                firstTasks);
        JsonNode kept = PlansE2ETest.ok(api.get("/tasks/" + firstTasks.get(0).get("taskId").asText(), me), 200);
        assertThat(kept.get("drawVoided").asBoolean()).isTrue();
        JsonNode withoutMark = ((ObjectNode) kept.deepCopy()).without("drawVoided");
        assertThat(withoutMark).isEqualTo(firstTasks.get(0));
        JsonNode published = PlansE2ETest.ok(api.get("/public/draws/" + firstId, null), 200);
        assertThat(published.get("void")).isEqualTo(tree(Map.of("reason", "名录未及时更新，抽取对象有误",
                "at", voided.at("/draw/voided/at").asText())));
        assertThat(published.toString()).doesNotContain("op-a-").doesNotContain("\"by\"");
        assertThat(PlansE2ETest.ok(api.get("/public/draws/" + firstId + "/verify", null), 200).get("verified")
                .asBoolean()).isTrue();
        assertThat(error(api.post(path, w.operatorA, "{\"reason\":\"另一个理由\",\"version\":" + (version + 1) + "}"),
                409).get("message").asText()).startsWith("The draw '" + firstId + "' was voided already");

        // drawn again: round 2 names the voided draw, and the targets it drew are candidates again
        JsonNode again = PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        String secondId = again.at("/draw/drawId").asText();
        assertThat(secondId).isEqualTo(firstId.substring(0, firstId.length() - 1) + "2");
        assertThat(again.at("/record/voided")).isEqualTo(tree(List.of(Map.of("drawId", firstId,
                "reason", "名录未及时更新，抽取对象有误", "at", voided.at("/draw/voided/at").asText()))));
        // neither the voided draw's targets nor its inspectors' visits are held against the new draw
        assertThat(first.at("/record/targets")).hasSize(3);
        assertThat(again.at("/record/targets")).hasSize(3);
        again.at("/record/targets").forEach(t -> assertThat(t.get("inspectors")).hasSize(2));
        Set<String> tasksNow = new HashSet<>();
        PlansE2ETest.ok(api.get("/tasks?planId=" + plan, w.operatorA), 200).get("items").forEach(t -> tasksNow.add(
                t.get("drawId").asText()));
        assertThat(tasksNow).containsExactly(secondId);

        List<JsonNode> secondTasks = w.all("/tasks?planId=" + plan, w.operatorA, "taskId");
        assertThat(w.all(mine, me, "taskId")).isEqualTo(secondTasks).hasSize(3);
        assertThat(PlansE2ETest.ok(api.get("/tasks/" + secondTasks.get(0).get("taskId").asText(), me), 200))
                .isEqualTo(secondTasks.get(0));

        // the second draw is the plan's last: voiding it would leave the plan approved and never drawable
        assertThat(error(api.post("/draws/" + secondId + "/void", w.adminToken, "{\"reason\":\"第二次抽取亦有误\","
                + "\"version\":" + again.at("/draw/version").asLong() + "}"), 409).get("message").asText())
                .isEqualTo("The draw '" + secondId + "' is the plan's draw of round 2, its last: a plan is drawn at"
                        + " most 2 times, so this draw is not voided (the plan could never be drawn again)");
        assertThat(PlansE2ETest.ok(api.get("/plans/" + plan, w.operatorA), 200).get("status").asText())
                .isEqualTo("drawn");
        assertThat(error(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 409).get("message").asText())
                .isEqualTo("The plan '" + plan + "' has been drawn already: a plan is drawn once (void its draw to"
                        + " draw it again)");

        // replacing inspectors the draw chose needs a reason, which is kept on the task and not published
        JsonNode drawnTask = secondTasks.get(0);
        String replacePath = "/tasks/" + drawnTask.get("taskId").asText() + "/inspectors";
        String third = inspector(w.deptA, felling, List.of());
        String fourth = inspector(w.deptA, felling, List.of());
        Map<String, Object> replacing = new HashMap<>(Map.of("inspectors", List.of(third, fourth),
                "version", drawnTask.get("version").asLong()));
        assertThat(error(api.put(replacePath, w.operatorA, Api.json(replacing)), 422).get("details"))
                .isEqualTo(tree(List.of(Map.of("field", "reason", "message", "reason is required to replace the"
                        + " inspectors the draw chose: say why (4 to 500 characters)"))));
        replacing.put("reason", "原检查人员李四回避");
        JsonNode replaced = PlansE2ETest.ok(api.put(replacePath, w.operatorA, Api.json(replacing)), 200);
        assertThat(replaced.get("inspectors")).isEqualTo(tree(List.of(third, fourth)));
        assertThat(replaced.get("assignmentNote").asText()).isEqualTo("原检查人员李四回避");
        JsonNode record = PlansE2ETest.ok(api.get("/public/draws/" + secondId, null), 200);
        assertThat(record.get("manual")).isEqualTo(tree(List.of(Map.of("targetId",
                drawnTask.get("targetId").asText(), "inspectors", List.of(third, fourth), "at",
                replaced.get("updatedAt").asText(), "replacedDrawn", true))));
        assertThat(record.toString()).doesNotContain("李四");

        List<String> planTrail = actions("plan/" + plan);
        assertThat(planTrail.stream().map(a -> a.split(" ")[0]).toList()).containsExactly("create", "approve", "draw",
                "void", "draw");
        assertThat(planTrail.get(3)).isEqualTo("void op-a-" + w.suffix);
        assertThat(actions("draw/" + firstId)).contains("void op-a-" + w.suffix);
    }

    @Test
    void ofTwoVoidsAtOnceOneWins() throws Exception {
        String plan = approvedPlan("2028年并发作废", item, false);
        JsonNode drawn = PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.adminToken, ""), 201);
        String drawId = drawn.at("/draw/drawId").asText();
        long version = drawn.at("/draw/version").asLong();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Reply>> calls = new ArrayList<>();
        for (String reason : List.of("第一个作废理由", "第二个作废理由")) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return api.post("/draws/" + drawId + "/void", w.adminToken, "{\"reason\":\"" + reason
                        + "\",\"version\":" + version + "}");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Api.Reply> c : calls) {
            statuses.add(c.get().status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(PlansE2ETest.ok(api.get("/plans/" + plan, w.adminToken), 200).get("status").asText())
                .isEqualTo("approved");
        assertThat(actions("plan/" + plan).stream().filter(a -> a.startsWith("void "))).hasSize(1);
    }
}
