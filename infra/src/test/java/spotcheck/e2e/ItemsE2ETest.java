package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inspection-item list through the running stack: HTTP → API Gateway event → handler → DynamoDB. */
class ItemsE2ETest extends WorldTest {
    @Test
    void anOperatorCreatesAnItemOfTheirDepartmentAndReadsItBack() {
        Map<String, Object> body = World.item(w.deptA, "林木采伐监督检查");
        Api.Reply created = api.post("/items", w.operatorA, Api.json(body));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("itemId").asText();
        assertThat(id).startsWith("ITEM-");
        assertThat(created.header("location")).isEqualTo("/items/" + id);

        Api.Reply read = api.get("/items/" + id, w.inspector);
        assertThat(read.status()).isEqualTo(200);
        JsonNode item = read.json();
        assertThat(item.get("name").asText()).isEqualTo("林木采伐监督检查");
        assertThat(item.get("department").asText()).isEqualTo(w.deptA);
        assertThat(item.get("status").asText()).isEqualTo("active");
        assertThat(item.get("version").asLong()).isEqualTo(1);
        assertThat(item.get("methods")).extracting(JsonNode::asText).containsExactly("on_site", "written");
        assertThat(read.header("x-request-id")).matches("[A-Za-z0-9+/]{15}=").isEqualTo(read.header("apigw-requestid"));
    }

    @Test
    void updatesNeedTheCurrentVersionAndAStaleOneChangesNothing() {
        String id = w.newItem(w.deptA, "植物检疫检查");
        ObjectNode item = (ObjectNode) api.get("/items/" + id, w.operatorA).json();
        item.put("name", "植物检疫检查（松材线虫病）");
        Api.Reply updated = api.put("/items/" + id, w.operatorA, item.toString());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);

        item.put("name", "a stale edit");   // still carries version 1
        Api.Reply stale = api.put("/items/" + id, w.operatorA, item.toString());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().at("/error/code").asText()).isEqualTo("conflict");
        JsonNode now = api.get("/items/" + id, w.operatorA).json();
        assertThat(now.get("name").asText()).isEqualTo("植物检疫检查（松材线虫病）");
        assertThat(now.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void retiringKeepsTheItemAndEveryVersionInHistory() {
        String id = w.newItem(w.deptA, "木材运输证核查");
        ObjectNode item = (ObjectNode) api.get("/items/" + id, w.adminToken).json();
        item.put("content", "检查运输木材是否持有木材运输证（修订）");
        assertThat(api.put("/items/" + id, w.adminToken, item.toString()).status()).isEqualTo(200);
        Api.Reply retired = api.post("/items/" + id + "/retire", w.operatorA,
                "{\"version\":2,\"reason\":\"2019年修订的森林法取消木材运输许可\"}");
        assertThat(retired.status()).as(retired.text()).isEqualTo(200);
        assertThat(retired.json().get("status").asText()).isEqualTo("retired");
        assertThat(api.post("/items/" + id + "/retire", w.operatorA, "{\"version\":3,\"reason\":\"again\"}").status())
                .isEqualTo(409);

        JsonNode history = api.get("/items/" + id + "/history", w.countyStaff).json().get("items");
        assertThat(history).hasSize(3);
        assertThat(history).extracting(h -> h.get("action").asText()).containsExactly("create", "update", "retire");
        assertThat(history.get(0).at("/item/content").asText()).isEqualTo("检查林木采伐许可证持证情况");
        assertThat(history.get(2).at("/item/retiredReason").asText()).contains("取消木材运输许可");
        assertThat(api.get("/items/" + id, w.inspector).json().get("status").asText()).isEqualTo("retired");

        JsonNode audit = api.get("/audit?entity=item/" + id, w.auditor).json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("create", "update", "retire");
        assertThat(audit.get(1).get("changedFields")).extracting(JsonNode::asText)
                .containsExactly("content", "updatedAt", "version");
        assertThat(audit.get(0).get("beforeDigest")).isNull();
        assertThat(audit.get(1).get("beforeDigest").asText()).isEqualTo(audit.get(0).get("afterDigest").asText());
        assertThat(audit.get(2).get("actor").asText()).isEqualTo("op-a-" + w.suffix);
    }

    @Test
    void retiringThroughPutNeedsAReasonAndIsAuditedAsARetirement() {
        String id = w.newItem(w.deptA, "古树名木保护管理检查");
        ObjectNode item = (ObjectNode) api.get("/items/" + id, w.adminToken).json();
        item.put("status", "retired");
        Api.Reply noReason = api.put("/items/" + id, w.adminToken, item.toString());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().at("/error/details/0/field").asText()).isEqualTo("retiredReason");
        item.put("retiredReason", "并入其他事项");
        assertThat(api.put("/items/" + id, w.adminToken, item.toString()).status()).isEqualTo(200);
        ObjectNode retired = (ObjectNode) api.get("/items/" + id, w.adminToken).json();
        retired.put("status", "active");
        assertThat(api.put("/items/" + id, w.adminToken, retired.toString()).status()).isEqualTo(200);
        JsonNode audit = api.get("/audit?entity=item/" + id, w.auditor).json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("create", "retire", "reinstate");
        assertThat(api.get("/items/" + id, w.adminToken).json().has("retiredReason")).isFalse();
    }

    @Test
    void listsFilterAndPageWithACursor() {
        for (int i = 0; i < 5; i++) {
            w.newItem(w.deptB, "野生植物采集检查 " + i);
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get("/items?department=" + w.deptB + "&limit=2"
                    + (next == null ? "" : "&next=" + next), w.inspector);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(i -> {
                assertThat(i.get("department").asText()).isEqualTo(w.deptB);
                seen.add(i.get("itemId").asText());
            });
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            pages++;
        } while (next != null && pages < 20);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/items?department=" + w.deptB + "&status=retired", w.inspector).json().get("items"))
                .isEmpty();
    }

    @Test
    void invalidItemsAreRejectedWithEveryProblemNamed() {
        Map<String, Object> body = World.item(w.deptA, " ");
        body.put("category", "urgent");
        body.put("methods", List.of());
        Api.Reply r = api.post("/items", w.adminToken, Api.json(body));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactlyInAnyOrder("name", "category", "methods");

        Api.Reply unknownDept = api.post("/items", w.adminToken, Api.json(World.item("no-such-dept", "x")));
        assertThat(unknownDept.status()).isEqualTo(422);
        assertThat(unknownDept.json().at("/error/details/0/field").asText()).isEqualTo("department");
        Api.Reply county = api.post("/items", w.adminToken, Api.json(World.item(w.county, "x")));
        assertThat(county.status()).isEqualTo(422);

        Map<String, Object> withId = World.item(w.deptA, "y");
        withId.put("itemId", "FIXED-" + w.suffix);
        assertThat(api.post("/items", w.adminToken, Api.json(withId)).status()).isEqualTo(201);
        assertThat(api.post("/items", w.adminToken, Api.json(withId)).status()).isEqualTo(409);
        assertThat(api.get("/items/NOPE-" + w.suffix, w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void anOperatorCannotTouchAnotherDepartmentsItems() {
        String id = w.newItem(w.deptA, "建设项目使用林地监督检查");
        assertThat(api.post("/items", w.operatorB, Api.json(World.item(w.deptA, "x"))).status()).isEqualTo(403);
        ObjectNode item = (ObjectNode) api.get("/items/" + id, w.operatorB).json();
        item.put("name", "hijack");
        assertThat(api.put("/items/" + id, w.operatorB, item.toString()).status()).isEqualTo(403);
        // nor hand their own item to another department
        ObjectNode mine = (ObjectNode) api.get("/items/" + id, w.operatorA).json();
        mine.put("department", w.deptB);
        assertThat(api.put("/items/" + id, w.operatorA, mine.toString()).status()).isEqualTo(403);
        assertThat(api.get("/items/" + id, w.adminToken).json().get("version").asLong()).isEqualTo(1);
    }
}
