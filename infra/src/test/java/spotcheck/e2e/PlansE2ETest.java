package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import spotcheck.store.Attrs;
import spotcheck.store.Dynamo;
import spotcheck.store.Tables;

/**
 * Plans through the running stack: drafted, estimated from the candidate pool and approved (with the annual
 * floor), seen by county staff as their scope allows, answering 404 outside the caller's scope, published
 * without a token, and downloaded as the annual plan's table. The pool index is read raw from the emulator:
 * active targets only, nothing private. Each test plans for a year of its own, as the floor counts by year.
 */
class PlansE2ETest extends WorldTest {
    static String police;
    static String itemA;
    static String itemB;
    static String itemPolice;
    static String poolCounty;
    static String poolItem;
    static final List<String> PRIVATE = List.of("legalRep", "address", "contactPhone", "idNumber");

    @BeforeAll
    static void rosters() {
        police = "police-" + w.suffix;
        w.createOrg(police, "河源市公安局", "agency", null, null);
        poolCounty = "county3-" + w.suffix;
        w.createOrg(poolCounty, "连平县林业局", "county", w.bureau, "441623");
        itemA = w.newItem(w.deptA, "林木采伐监督检查");
        itemB = w.newItem(w.deptB, "野生植物采集收购出售检查");
        itemPolice = w.newItem(police, "爆破作业单位抽查");
        poolItem = w.newItem(w.deptA, "木材经营加工抽查");
        targets(20, w.county, "A", List.of(itemA));
        targets(10, w.county, "C", List.of(itemA, itemB));
        targets(2, w.county, "D", List.of(itemA, itemPolice));
        targets(5, w.county2, "B", List.of(itemA));
        targets(4, w.county2, "B", List.of(itemB));
    }

    static List<String> targets(int n, String county, String riskClass, List<String> items) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = w.newCreditCode();
            Map<String, Object> body = World.target(county, "木材加工厂 " + code, code);
            body.put("riskClass", riskClass);
            body.put("items", items);
            body.put("address", "河源市东源县仙塘镇工业园" + code.substring(10) + "号");
            body.put("contactPhone", "13800138000");
            Api.Reply r = api.post("/targets", w.adminToken, Api.json(body));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            ids.add(code);
        }
        return ids;
    }

    static JsonNode ok(Api.Reply r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r.json();
    }

    static String create(String token, Map<String, Object> body) {
        return ok(api.post("/plans", token, Api.json(body)), 201).get("planId").asText();
    }

    static Map<String, Object> targeted(int year, String name, List<String> counties, Map<String, Object> quota) {
        Map<String, Object> body = World.plan(year, name, w.deptA, List.of(itemA));
        body.put("type", "targeted");
        body.put("scope", Map.of("counties", counties));
        body.put("quota", quota);
        return body;
    }

    /** Active targets in the whole roster, counted from the table itself rather than through the pool index. */
    static long activeTargets() {
        DynamoDbClient dynamo = Dynamo.client();
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(Stack.get().tableName("DataTable"))
                    .select(Select.COUNT).filterExpression("entityKind = :k AND sk = :s AND #st = :a")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":k", Attrs.s("TGT"), ":s", Attrs.s("#"), ":a",
                            Attrs.s("active"))).exclusiveStartKey(start).build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Test
    void aPlanIsDraftedEstimatedAndApprovedEachStepAudited() {
        Api.Reply created = api.post("/plans", w.operatorA, Api.json(targeted(2023, "2023年东源县林木采伐监督检查",
                List.of(w.county), Map.of("A", "0.1", "C", "0.25", "D", 1, "B", "0.5"))));
        JsonNode draft = ok(created, 201);
        String id = draft.get("planId").asText();
        assertThat(id).matches("PLAN-2023-[0-9A-Z]{8}");
        assertThat(created.header("location")).isEqualTo("/plans/" + id);
        assertThat(draft.get("status").asText()).isEqualTo("draft");
        assertThat(draft.get("version").asLong()).isEqualTo(1);
        assertThat(draft.get("departments").toString()).isEqualTo("[\"" + w.deptA + "\"]");
        assertThat(draft.get("quota").toString()).isEqualTo("{\"A\":\"0.1\",\"B\":\"0.5\",\"C\":\"0.25\",\"D\":1}");
        assertThat(draft.get("excludeDrawnThisYear").asBoolean()).isTrue();

        JsonNode estimate = ok(api.get("/plans/" + id + "/estimate", w.operatorA), 200);
        assertThat(estimate.at("/estimate/strata").toString()).isEqualTo("["
                + "{\"stratum\":\"A\",\"ratio\":\"0.1\",\"candidates\":20,\"expected\":2},"
                + "{\"stratum\":\"B\",\"ratio\":\"0.5\",\"candidates\":0,\"expected\":0},"
                + "{\"stratum\":\"C\",\"ratio\":\"0.25\",\"candidates\":10,\"expected\":3},"
                + "{\"stratum\":\"D\",\"count\":1,\"candidates\":2,\"expected\":1}]");
        assertThat(estimate.at("/estimate/candidates").asLong()).isEqualTo(32);
        assertThat(estimate.at("/estimate/expected").asLong()).isEqualTo(6);
        assertThat(estimate.at("/read/indexItems").asLong()).isEqualTo(32);
        assertThat(estimate.at("/read/queries").asLong()).isEqualTo(1);

        JsonNode approval = ok(api.post("/plans/" + id + "/approve", w.operatorA, "{\"version\":1}"), 200);
        assertThat(approval.at("/plan/status").asText()).isEqualTo("approved");
        assertThat(approval.at("/plan/version").asLong()).isEqualTo(2);
        assertThat(approval.at("/plan/estimate/expected").asLong()).isEqualTo(6);
        long active = activeTargets();
        long required = BigDecimal.valueOf(active).multiply(new BigDecimal("0.03")).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        assertThat(approval.get("annualFloor").toString()).isEqualTo("{\"year\":2023,\"ratio\":\"0.03\","
                + "\"activeTargets\":" + active + ",\"required\":" + required + ",\"expected\":6,\"approvedPlans\":1}");
        if (6 < required) {
            assertThat(approval.get("warnings").toString()).isEqualTo("[{\"code\":\"below_annual_floor\",\"message\":"
                    + "\"The 2023 plans approved so far are expected to draw 6 targets, fewer than 3% of the " + active
                    + " active targets of the roster (" + required + ")\"}]");
        } else {
            assertThat(approval.get("warnings")).isEmpty();
        }

        ObjectNode read = (ObjectNode) ok(api.get("/plans/" + id, w.adminToken), 200);
        read.put("name", "改名");
        assertThat(api.put("/plans/" + id, w.operatorA, read.toString()).text()).isEqualTo("{\"error\":{\"code\":"
                + "\"conflict\",\"message\":\"The plan '" + id + "' is approved: only a draft plan can be changed\","
                + "\"details\":[]}}");
        JsonNode trail = ok(api.get("/audit?entity=plan/" + id, w.adminToken), 200);
        List<String> moves = new ArrayList<>();
        trail.get("items").forEach(a -> moves.add(a.get("action").asText() + " " + a.get("actor").asText() + " v"
                + a.get("version").asLong()));
        assertThat(moves).containsExactly("create op-a-" + w.suffix + " v1", "approve op-a-" + w.suffix + " v2");
    }

    @Test
    void countyStaffSeeThePlansWhoseScopeTakesInTheirCounty() {
        String everywhere = create(w.operatorA, World.plan(2024, "2024年全市林木采伐抽查", w.deptA, List.of(itemA)));
        String ours = create(w.operatorA, targeted(2024, "东源县定向抽查", List.of(w.county), Map.of("ALL", "0.2")));
        String theirs = create(w.operatorA, targeted(2024, "和平县定向抽查", List.of(w.county2), Map.of("ALL", "0.2")));
        Function<String, Set<String>> listed = token -> {
            Set<String> ids = new HashSet<>();
            w.all("/plans?year=2024", token, "planId").forEach(p -> ids.add(p.get("planId").asText()));
            return ids;
        };
        assertThat(listed.apply(w.countyStaff)).containsExactlyInAnyOrder(everywhere, ours);
        assertThat(listed.apply(w.county2Staff)).containsExactlyInAnyOrder(everywhere, theirs);
        assertThat(listed.apply(w.operatorA)).containsExactlyInAnyOrder(everywhere, ours, theirs);
        assertThat(listed.apply(w.operatorB)).isEmpty();
        ok(api.get("/plans/" + ours, w.countyStaff), 200);
        String missing = "PLAN-2024-NONE" + w.suffix.toUpperCase();
        Api.Reply hidden = api.get("/plans/" + theirs, w.countyStaff);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.text().replace(theirs, missing)).isEqualTo(api.get("/plans/" + missing, w.countyStaff).text());
        // the estimate of theirs counts the other county's targets: 5 under the item
        JsonNode estimate = ok(api.get("/plans/" + theirs + "/estimate", w.county2Staff), 200);
        assertThat(estimate.at("/estimate/candidates").asLong()).isEqualTo(5);
        assertThat(estimate.at("/estimate/expected").asLong()).isEqualTo(1);
    }

    @Test
    void aPlanOutsideTheCallersScopeAnswersExactlyAsAMissingOne() {
        String theirs = create(w.operatorA, targeted(2026, "东源县定向抽查", List.of(w.county), Map.of("ALL", "0.2")));
        String missing = "PLAN-2026-NONE" + w.suffix.toUpperCase();
        ObjectNode read = (ObjectNode) ok(api.get("/plans/" + theirs, w.adminToken), 200);
        Map<String, Function<String, Api.Reply>> calls = new LinkedHashMap<>();
        calls.put("GET", id -> api.get("/plans/" + id, w.operatorB));
        calls.put("PUT", id -> api.put("/plans/" + id, w.operatorB, read.deepCopy().put("planId", id)
                .put("name", "别人的计划").toString()));
        calls.put("PUT with an invalid body", id -> api.put("/plans/" + id, w.operatorB, "{\"version\":1}"));
        calls.put("POST approve", id -> api.post("/plans/" + id + "/approve", w.operatorB, "{\"version\":1}"));
        calls.put("GET estimate", id -> api.get("/plans/" + id + "/estimate", w.operatorB));
        calls.put("GET as the other county", id -> api.get("/plans/" + id, w.county2Staff));
        calls.forEach((name, call) -> {
            Api.Reply hidden = call.apply(theirs);
            Api.Reply absent = call.apply(missing);
            assertThat(hidden.status()).as(name + ": " + hidden.text()).isEqualTo(404);
            assertThat(hidden.text().replace(theirs, missing)).as(name).isEqualTo(absent.text())
                    .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"No plan with id '" + missing
                            + "'\",\"details\":[]}}");
        });
        JsonNode stored = ok(api.get("/plans/" + theirs, w.adminToken), 200);
        assertThat(stored.get("version").asLong()).isEqualTo(1);
        assertThat(stored.get("status").asText()).isEqualTo("draft");
    }

    @Test
    void thePublicSeesTheApprovedPlansOfAYearWithoutAToken() {
        Map<String, Object> joint = World.plan(2025, "2025年爆破作业单位联合抽查", police, List.of(itemPolice, itemA));
        joint.put("departments", List.of(w.deptA));
        joint.put("quota", Map.of("ALL", 1));
        String approved = create(w.adminToken, joint);
        ok(api.post("/plans/" + approved + "/approve", w.adminToken, "{\"version\":1}"), 200);
        String draft = create(w.operatorA, World.plan(2025, "2025年草稿", w.deptA, List.of(itemA)));

        Api.Reply r = api.get("/public/plans?year=2025", null);
        JsonNode page = ok(r, 200);
        assertThat(page.get("items")).hasSize(1);
        JsonNode p = page.get("items").get(0);
        List<String> fields = new ArrayList<>();
        p.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("planId", "year", "name", "level", "type", "leadDepartment",
                "cooperatingDepartments", "joint", "items", "counties", "targetTypes", "riskClasses", "quota", "expected",
                "inspectorsPerTarget", "startDate", "endDate", "status");
        assertThat(p.get("planId").asText()).isEqualTo(approved);
        assertThat(p.get("leadDepartment").toString()).isEqualTo("{\"id\":\"" + police + "\",\"name\":\"河源市公安局\"}");
        assertThat(p.get("cooperatingDepartments").toString()).isEqualTo("[{\"id\":\"" + w.deptA
                + "\",\"name\":\"资源科\"}]");
        assertThat(p.get("joint").asBoolean()).isTrue();
        assertThat(p.at("/items/0/name").asText()).isEqualTo("爆破作业单位抽查");
        assertThat(p.at("/items/0/legalBasis").asText()).isEqualTo("《中华人民共和国森林法》第五十六条");
        assertThat(p.get("quota").toString()).isEqualTo("{\"ALL\":1}");
        assertThat(p.get("expected").asLong()).isEqualTo(1);
        // nothing of a person: no account, no target
        assertThat(r.text()).doesNotContain("admin-" + w.suffix, "13800138000",
                "仙塘镇工业园", "张三", "createdAt", "version", draft);
        assertThat(ok(api.get("/public/plans", null), 422).at("/error/details/0/field").asText()).isEqualTo("year");
    }

    @Test
    void theAnnualPlanDownloadsAsTheTableABureauAttaches() throws Exception {
        Map<String, Object> body = targeted(2027, "2027年林木采伐监督检查", List.of(w.county, w.county2),
                Map.of("A", "0.05", "B", "0.2", "C", "0.3", "D", 1));
        body.put("departments", List.of(w.deptB));
        body.put("items", List.of(itemA, itemB));
        String first = create(w.operatorA, body);
        String second = create(w.operatorA, World.plan(2027, "=2027年全市抽查", w.deptA, List.of(itemA)));
        HttpResponse<byte[]> r = ImportsThroughTheStackE2ETest.HTTP.send(HttpRequest.newBuilder(URI.create(
                Stack.get().apiUrl() + "/plans/export?year=2027")).header("Authorization", "Bearer " + w.adminToken)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<List<String>> rows = Uploads.rows(r.body(), "annual.xlsx");
        assertThat(rows.get(0)).containsExactly("序号", "计划编号", "抽查任务名称", "计划类别", "抽查类型", "抽查事项",
                "检查对象范围", "检查对象数", "抽查比例", "预计抽查数量", "抽查时间", "牵头部门", "配合部门", "每户检查人员数", "状态");
        List<List<String>> plans = rows.subList(1, rows.size()).stream()
                .sorted(java.util.Comparator.comparing(row -> row.get(2).equals("2027年林木采伐监督检查") ? 0 : 1))
                .toList();
        assertThat(plans).hasSize(2);
        // under either item in the two counties: A 20, C 10, D 2 in the first, B 5 + 4 in the second;
        // drawn: A ceil(1.0) 1, B ceil(1.8) 2, C 3, D 1
        assertThat(plans.get(0).subList(1, 15)).containsExactly(first, "2027年林木采伐监督检查", "年度计划", "定向",
                "林木采伐监督检查、野生植物采集收购出售检查", "东源县林业局、和平县林业局纳入抽查事项的检查对象", "41",
                "A类 5%；B类 20%；C类 30%；D类 1户", "7", "2027-08-01至2027-10-31", "资源科", "保护科", "2", "草稿");
        // the 37 targets under the item in every county, 3% of them rounded up
        assertThat(plans.get(1).subList(1, 15)).containsExactly(second, "'=2027年全市抽查", "年度计划", "不定向",
                "林木采伐监督检查", "全市纳入抽查事项的检查对象", "37", "3%", "2", "2027-08-01至2027-10-31", "资源科", "",
                "2", "草稿");
        // county staff get the plans they may read: the second, over every county, and the first, theirs too
        Api.Reply csv = api.get("/plans/export?year=2027&format=csv", w.county2Staff);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).contains(first, second);
        assertThat(api.get("/plans/export?year=2027&format=csv", w.operatorB).text()).contains(first)
                .doesNotContain(second);
    }

    @Test
    void thePoolHoldsActiveTargetsOnlyAndNothingPrivate() {
        List<String> ids = targets(3, poolCounty, "B", List.of(poolItem));
        String plan = create(w.operatorA, World.targetedPlan(2028, "连平县木材经营加工抽查", w.deptA, List.of(poolItem),
                poolCounty));
        assertThat(ok(api.get("/plans/" + plan + "/estimate", w.operatorA), 200).at("/estimate/candidates").asLong())
                .isEqualTo(3);
        List<Map<String, AttributeValue>> pool = pool(poolCounty);
        assertThat(pool).hasSize(3);
        Set<String> allowed = Set.of("pk", "sk", "poolKey", "entitySort", "targetId", "county", "type", "items",
                "riskClass");
        for (Map<String, AttributeValue> item : pool) {
            assertThat(item.keySet()).isSubsetOf(allowed).doesNotContainAnyElementsOf(PRIVATE)
                    .doesNotContain("name", "creditCode");
        }
        ok(api.post("/targets/" + ids.get(1) + "/deactivate", w.adminToken, "{\"version\":1,\"reason\":\"已注销\"}"),
                200);
        assertThat(pool(poolCounty)).extracting(i -> i.get("targetId").s()).containsExactlyInAnyOrder(ids.get(0),
                ids.get(2));
        assertThat(ok(api.get("/plans/" + plan + "/estimate", w.operatorA), 200).at("/estimate/candidates").asLong())
                .isEqualTo(2);
    }

    /** The pool's items of a county, read straight from the index as DynamoDB keeps them. */
    private static List<Map<String, AttributeValue>> pool(String county) {
        return Dynamo.client().query(QueryRequest.builder().tableName(Stack.get().tableName("DataTable"))
                .indexName(Tables.BY_POOL_INDEX).keyConditionExpression("poolKey = :p")
                .expressionAttributeValues(Map.of(":p", Attrs.s("POOL#" + county))).build()).items();
    }
}
