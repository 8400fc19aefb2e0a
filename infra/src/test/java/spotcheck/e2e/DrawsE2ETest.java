package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.core.Json;
import spotcheck.draw.Candidates;
import spotcheck.draw.DrawRecord;
import spotcheck.draw.Verification;

/**
 * Draws through the running stack: a stratified plan and a joint plan (with the police bureau as an external
 * agency) approved and drawn, their public records and candidate lists fetched without a token, verified by the
 * server and recomputed here from the two downloaded documents alone; a tampered record differs where it was
 * changed; a second draw answers 409 and of concurrent draws exactly one wins; each drawn target has its task.
 */
class DrawsE2ETest extends WorldTest {
    static String police;
    static String itemA;
    static String itemPolice;
    static List<String> forestInspectors = new ArrayList<>();
    static List<String> policeInspectors = new ArrayList<>();
    static final int YEAR = 2027;

    @BeforeAll
    static void rosters() {
        police = "police-" + w.suffix;
        w.createOrg(police, "河源市公安局", "agency", null, null);
        itemA = w.newItem(w.deptA, "林木采伐监督检查");
        itemPolice = w.newItem(police, "爆破作业单位抽查");
        for (String risk : List.of("A", "B", "C", "D")) {
            PlansE2ETest.targets(8, w.county, risk, List.of(itemA));
        }
        PlansE2ETest.targets(10, w.county, "B", List.of(itemA, itemPolice));
        for (int i = 0; i < 4; i++) {
            forestInspectors.add(inspector(w.deptA, itemA));
        }
        for (int i = 0; i < 2; i++) {
            policeInspectors.add(inspector(police, itemPolice));
        }
    }

    static String inspector(String org, String item) {
        Map<String, Object> body = World.inspector(org, w.newCertificateNo());
        body.put("qualifiedItems", List.of(item));
        return PlansE2ETest.ok(api.post("/inspectors", w.adminToken, Api.json(body)), 201).get("inspectorId")
                .asText();
    }

    static String approvedPlan(Map<String, Object> body) {
        String id = PlansE2ETest.create(w.operatorA, body);
        PlansE2ETest.ok(api.post("/plans/" + id + "/approve", w.operatorA, "{\"version\":1}"), 200);
        return id;
    }

    static Map<String, Object> stratified(String name) {
        Map<String, Object> body = World.targetedPlan(YEAR, name, w.deptA, List.of(itemA), w.county);
        body.put("quota", Map.of("A", "0.2", "B", "0.2", "C", "0.3", "D", 2));
        body.put("excludeDrawnThisYear", false);
        return body;
    }

    @Test
    void stratifiedAndJointPlansAreDrawnPublishedAndReproduced() {
        String stratified = approvedPlan(stratified("2027年东源县林木采伐分级抽查"));
        Map<String, Object> jointBody = World.targetedPlan(YEAR, "2027年林业公安联合抽查", w.deptA,
                List.of(itemA, itemPolice), w.county);
        jointBody.put("departments", List.of(w.deptA, police));
        jointBody.put("joint", true);
        jointBody.put("quota", Map.of("ALL", "0.3"));
        jointBody.put("excludeDrawnThisYear", false);
        String joint = approvedPlan(jointBody);

        JsonNode first = PlansE2ETest.ok(api.post("/plans/" + stratified + "/draw", w.operatorA,
                "{\"witness\":\"20270801-0930\"}"), 201);
        JsonNode second = PlansE2ETest.ok(api.post("/plans/" + joint + "/draw", w.operatorA, ""), 201);

        for (JsonNode drawn : List.of(first, second)) {
            String drawId = drawn.at("/draw/drawId").asText();
            assertThat(drawn.at("/draw/status").asText()).isEqualTo("succeeded");
            JsonNode record = PlansE2ETest.ok(api.get("/public/draws/" + drawId, null), 200);
            assertThat(record).isEqualTo(drawn.get("record"));
            JsonNode candidates = PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/candidates", null), 200);
            String text = candidates.toString();
            for (String privateField : PlansE2ETest.PRIVATE) {
                assertThat(text).doesNotContain(privateField);
            }
            assertThat(PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/verify", null), 200).toString())
                    .isEqualTo("{\"verified\":true,\"summary\":\"verified: " + record.get("targets").size()
                            + " targets, " + 2 * record.get("targets").size() + " inspector assignments reproduced\","
                            + "\"differences\":[]}");
            // recomputed here from the two downloaded documents alone
            DrawRecord parsed = Json.MAPPER.convertValue(record, DrawRecord.class);
            Candidates list = Json.MAPPER.convertValue(candidates, Candidates.class);
            assertThat(Verification.verify(parsed, list).verified()).isTrue();
            // a record whose first target's inspectors were swapped differs exactly there
            ObjectNode tampered = record.deepCopy();
            ArrayNode inspectors = (ArrayNode) tampered.at("/targets/0/inspectors");
            JsonNode a = inspectors.get(0);
            inspectors.set(0, inspectors.get(1));
            inspectors.set(1, a);
            Verification.Report report = Verification.verify(Json.MAPPER.convertValue(tampered, DrawRecord.class),
                    list);
            assertThat(report.differences()).extracting(Verification.Difference::kind)
                    .containsExactly(Verification.Kind.INSPECTORS);
            assertThat(report.differences().get(0).subject()).isEqualTo(record.at("/targets/0/id").asText());

            JsonNode tasks = PlansE2ETest.ok(api.get("/tasks?planId=" + record.get("planId").asText(), w.operatorA),
                    200);
            Set<String> taskTargets = new HashSet<>();
            tasks.get("items").forEach(t -> taskTargets.add(t.get("targetId").asText()));
            Set<String> drawnTargets = new HashSet<>();
            record.get("targets").forEach(t -> drawnTargets.add(t.get("id").asText()));
            assertThat(taskTargets).isEqualTo(drawnTargets);
            String taskId = tasks.at("/items/0/taskId").asText();
            assertThat(PlansE2ETest.ok(api.get("/tasks/" + taskId, w.inspector), 200).get("drawId").asText())
                    .isEqualTo(drawId);
        }
        JsonNode record = second.get("record");
        assertThat(record.get("departments").toString()).contains(police);
        record.get("targets").forEach(t -> {
            assertThat(t.get("inspectors")).hasSize(2);
            List<String> chosen = List.of(t.at("/inspectors/0").asText(), t.at("/inspectors/1").asText());
            assertThat(chosen).anyMatch(forestInspectors::contains).anyMatch(policeInspectors::contains);
        });
        assertThat(first.at("/record/witness").asText()).isEqualTo("20270801-0930");
        assertThat(PlansE2ETest.ok(api.get("/plans/" + stratified, w.operatorA), 200).get("status").asText())
                .isEqualTo("drawn");

        Api.Reply again = api.post("/plans/" + stratified + "/draw", w.operatorA, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/error/message").asText()).isEqualTo("The plan '" + stratified
                + "' has been drawn already: a plan is drawn once (void its draw to draw it again)");
    }

    @Test
    void ofConcurrentDrawsOfOnePlanExactlyOneWins() throws Exception {
        String plan = approvedPlan(stratified("并发抽取"));
        int n = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return api.post("/plans/" + plan + "/draw", w.adminToken, "");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Api.Reply> c : calls) {
            statuses.add(c.get().status());
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(PlansE2ETest.ok(api.get("/plans/" + plan, w.adminToken), 200).get("status").asText())
                .isEqualTo("drawn");
    }

    @Test
    void aDrawNobodyMadeIsNotPublished() {
        assertThat(api.get("/public/draws/DRW-2027-NONE-1", null).status()).isEqualTo(404);
        assertThat(api.get("/draws/DRW-2027-NONE-1", w.adminToken).status()).isEqualTo(404);
    }
}
