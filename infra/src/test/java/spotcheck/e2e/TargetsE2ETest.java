package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The target roster through the running stack: validation, versions, county scoping, masking, audit. */
class TargetsE2ETest extends WorldTest {
    private static final String ADDRESS = "广东省河源市东源县仙塘镇工业园8号";

    private static String create(String token, Map<String, Object> body) {
        Api.Reply r = api.post("/targets", token, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("targetId").asText();
    }

    private static ObjectNode read(String id) {
        Api.Reply r = api.get("/targets/" + id, w.adminToken);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return (ObjectNode) r.json();
    }

    private static List<String> ids(String query, String token) {
        return w.all(query.isEmpty() ? "/targets" : "/targets?" + query, token, "targetId").stream().map(t -> t.get("targetId").asText()).toList();
    }

    @Test
    void aCountyAccountAddsATargetThatIsReadByItsCreditCode() {
        String code = w.newCreditCode();
        Map<String, Object> body = World.target(w.county, "东源县仙塘木材加工厂", code.toLowerCase());
        Api.Reply created = api.post("/targets", w.countyStaff, Api.json(body));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("targetId").asText()).isEqualTo(code);
        assertThat(created.header("location")).isEqualTo("/targets/" + code);

        Api.Reply read = api.get("/targets/" + code, w.inspector);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        JsonNode t = read.json();
        assertThat(t.get("creditCode").asText()).isEqualTo(code);
        assertThat(t.get("name").asText()).isEqualTo("东源县仙塘木材加工厂");
        assertThat(t.get("county").asText()).isEqualTo(w.county);
        assertThat(t.get("type").asText()).isEqualTo("enterprise");
        assertThat(t.get("riskClass").asText()).isEqualTo("B");
        assertThat(t.get("status").asText()).isEqualTo("active");
        assertThat(t.get("reviewFlags")).isEmpty();
        assertThat(t.get("version").asLong()).isEqualTo(1);
        assertThat(api.get("/targets/" + w.newCreditCode(), w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void aCodeFailingItsChecksumIsKeptAndFlaggedForReview() {
        String valid = w.newCreditCode();
        String failing = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        Api.Reply r = api.post("/targets", w.adminToken, Api.json(World.target(w.county2, "早期登记的合作社", failing)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("targetId").asText()).isEqualTo(failing);
        assertThat(r.json().get("reviewFlags")).extracting(JsonNode::asText).containsExactly("credit_code_checksum");
        assertThat(ids("county=" + w.county2 + "&flag=credit_code_checksum", w.adminToken)).containsExactly(failing);
    }

    @Test
    void malformedCodesAndIdNumbersAre422NamingTheFieldAndStoreNothing() {
        int before = ids("county=" + w.county2, w.adminToken).size();
        Api.Reply badCode = api.post("/targets", w.adminToken,
                Api.json(World.target(w.county2, "厂", "91441625OA4W00001X")));
        assertThat(badCode.status()).as(badCode.text()).isEqualTo(422);
        assertThat(badCode.json().at("/error/code").asText()).isEqualTo("invalid");
        assertThat(badCode.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactly("creditCode");
        assertThat(badCode.json().at("/error/details/0/message").asText()).contains("'O'");
        assertThat(api.get("/targets/91441625OA4W00001X", w.adminToken).status()).isEqualTo(404);

        String code = w.newCreditCode();
        Map<String, Object> badId = World.target(w.county2, "李四果园", code);
        badId.put("idNumber", "360426199102300071");
        Api.Reply r = api.post("/targets", w.adminToken, Api.json(badId));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.json().at("/error/details")).extracting(d -> d.get("field").asText()).containsExactly("idNumber");
        assertThat(api.get("/targets/" + code, w.adminToken).status()).isEqualTo(404);

        // every problem in one answer
        Map<String, Object> many = World.target("no-such-county", " ", "9144162");
        many.put("type", "company");
        many.put("riskClass", "E");
        many.put("contactPhone", "call me");
        Api.Reply all = api.post("/targets", w.adminToken, Api.json(many));
        assertThat(all.status()).isEqualTo(422);
        assertThat(all.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactlyInAnyOrder("creditCode", "name", "type", "county", "riskClass", "contactPhone");
        assertThat(ids("county=" + w.county2, w.adminToken)).hasSize(before);
    }

    @Test
    void updatesNeedTheCurrentVersionAndCannotChangeTheCreditCode() {
        String id = w.newTarget(w.county);
        ObjectNode t = read(id);
        t.put("riskClass", "C");
        Api.Reply updated = api.put("/targets/" + id, w.countyStaff, t.toString());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("riskClass").asText()).isEqualTo("C");

        t.put("riskClass", "D");   // still carries version 1
        Api.Reply stale = api.put("/targets/" + id, w.adminToken, t.toString());
        assertThat(stale.status()).as(stale.text()).isEqualTo(409);
        assertThat(stale.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(read(id).get("riskClass").asText()).isEqualTo("C");
        assertThat(read(id).get("version").asLong()).isEqualTo(2);

        ObjectNode recoded = read(id);
        recoded.put("creditCode", w.newCreditCode());
        Api.Reply changed = api.put("/targets/" + id, w.adminToken, recoded.toString());
        assertThat(changed.status()).as(changed.text()).isEqualTo(422);
        assertThat(changed.json().at("/error/details/0/field").asText()).isEqualTo("creditCode");
        assertThat(read(id).get("creditCode").asText()).isEqualTo(id);
        assertThat(read(id).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void deactivatingKeepsTheTargetAndASecondDeactivationIsAConflict() {
        String id = w.newTarget(w.county);
        Api.Reply first = api.post("/targets/" + id + "/deactivate", w.countyStaff,
                "{\"version\":1,\"reason\":\"2024年已注销\"}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("deregistered");
        assertThat(first.json().get("statusReason").asText()).isEqualTo("2024年已注销");
        assertThat(first.json().get("version").asLong()).isEqualTo(2);

        Api.Reply second = api.post("/targets/" + id + "/deactivate", w.countyStaff,
                "{\"version\":2,\"reason\":\"again\"}");
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(second.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(read(id).get("status").asText()).isEqualTo("deregistered");
        assertThat(read(id).get("version").asLong()).isEqualTo(2);
        assertThat(ids("county=" + w.county + "&status=deregistered", w.adminToken)).contains(id);
        assertThat(ids("county=" + w.county + "&status=active", w.adminToken)).doesNotContain(id);

        // a PUT that leaves the status out keeps it: nothing is reinstated by omission
        ObjectNode edit = read(id);
        edit.remove("status");
        edit.remove("statusReason");
        edit.put("legalRep", "李四");
        Api.Reply kept = api.put("/targets/" + id, w.countyStaff, edit.toString());
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("status").asText()).isEqualTo("deregistered");
        assertThat(kept.json().get("statusReason").asText()).isEqualTo("2024年已注销");
        ObjectNode reinstate = read(id);
        reinstate.put("status", "active");
        Api.Reply back = api.put("/targets/" + id, w.countyStaff, reinstate.toString());
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.json().get("status").asText()).isEqualTo("active");
        assertThat(back.json().has("statusReason")).isFalse();
        ObjectNode noReason = read(id);
        noReason.put("status", "deregistered");
        Api.Reply refused = api.put("/targets/" + id, w.countyStaff, noReason.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/field").asText()).isEqualTo("statusReason");
        assertThat(api.get("/audit?entity=target/" + id, w.adminToken).json().get("items"))
                .extracting(a -> a.get("action").asText()).containsExactly("create", "deactivate", "update", "reinstate");
    }

    @Test
    void aDuplicateIsAConflict() {
        String code = w.newCreditCode();
        create(w.adminToken, World.target(w.county, "仙塘木材加工厂", code));
        Api.Reply again = api.post("/targets", w.countyStaff, Api.json(World.target(w.county, "另一个名称", code)));
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(read(code).get("name").asText()).isEqualTo("仙塘木材加工厂");

        // without a credit code the same name in the same county is the same target, however spaced
        String name = "李四果园 " + w.suffix;
        String id = create(w.adminToken, World.target(w.county, name, null));
        assertThat(id).startsWith("T-");
        Api.Reply spaced = api.post("/targets", w.adminToken,
                Api.json(World.target(w.county, " " + name.replace(" ", "\u3000 "), null)));
        assertThat(spaced.status()).as(spaced.text()).isEqualTo(409);
        // in another county it is another target
        assertThat(create(w.adminToken, World.target(w.county2, name, null))).isNotEqualTo(id);
    }

    @Test
    void itemsMayBeNamedUnlessTheNameIsShared() {
        String unique = "野生植物采集收购出售检查 " + w.suffix;
        String itemId = w.newItem(w.deptA, unique);
        Map<String, Object> body = World.target(w.county, "仙塘苗圃", w.newCreditCode());
        body.put("items", List.of(unique, itemId));
        String id = create(w.adminToken, body);
        assertThat(read(id).get("items")).extracting(JsonNode::asText).containsExactly(itemId);

        String shared = "植物检疫检查 " + w.suffix;
        w.newItem(w.deptA, shared);
        w.newItem(w.deptB, shared);
        Map<String, Object> ambiguous = World.target(w.county, "仙塘苗圃二", w.newCreditCode());
        ambiguous.put("items", List.of(shared));
        Api.Reply r = api.post("/targets", w.adminToken, Api.json(ambiguous));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("items");
    }

    @Test
    void listsFilterByEveryFieldAndPageWithACursor() {
        // a county of this test's own, so that exact answers do not depend on the other tests
        String county = "county3-" + w.suffix;
        w.createOrg(county, "龙川县林业局", "county", w.bureau, "441622");
        String item1 = w.newItem(w.deptA, "林木采伐监督检查");
        String item2 = w.newItem(w.deptA, "木材经营加工抽查");
        Map<String, Object> a = World.target(county, "甲厂", w.newCreditCode());
        a.put("items", List.of(item1));
        a.put("riskClass", "A");
        Map<String, Object> b = World.target(county, "乙个体户", w.newCreditCode());
        b.put("type", "individual");
        b.put("items", List.of(item1, item2));
        b.put("riskClass", "D");
        Map<String, Object> c = World.target(county, "丙项目", null);
        c.put("type", "project");
        c.put("riskClass", "D");
        String idA = create(w.adminToken, a);
        String idB = create(w.adminToken, b);
        String idC = create(w.adminToken, c);
        String other = w.newTarget(w.county);
        String code = w.newCreditCode();
        String flagged = create(w.adminToken, World.target(county, "丁厂",
                code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0')));
        String gone = w.newTarget(county);
        assertThat(api.post("/targets/" + gone + "/deactivate", w.adminToken,
                "{\"version\":1,\"reason\":\"已注销\"}").status()).isEqualTo(200);

        assertThat(ids("county=" + county, w.adminToken)).contains(idA, idB, idC, flagged, gone)
                .doesNotContain(other);
        assertThat(ids("county=" + county + "&item=" + item1, w.inspector)).containsExactlyInAnyOrder(idA, idB);
        assertThat(ids("item=" + item2, w.auditor)).containsExactly(idB);
        assertThat(ids("county=" + county + "&type=individual", w.adminToken)).containsExactly(idB);
        assertThat(ids("county=" + county + "&type=project", w.adminToken)).containsExactly(idC);
        assertThat(ids("county=" + county + "&riskClass=D", w.adminToken)).containsExactlyInAnyOrder(idB, idC);
        assertThat(ids("county=" + county + "&riskClass=D&type=project", w.adminToken)).containsExactly(idC);
        assertThat(ids("county=" + county + "&status=deregistered", w.adminToken)).containsExactly(gone);
        assertThat(ids("county=" + county + "&flag=credit_code_checksum", w.adminToken)).contains(flagged)
                .doesNotContain(idA, idB, idC, gone);
        assertThat(api.get("/targets?riskClass=E", w.adminToken).status()).isEqualTo(422);
        assertThat(api.get("/targets?type=company", w.adminToken).status()).isEqualTo(422);
        assertThat(api.get("/targets?status=closed", w.adminToken).status()).isEqualTo(422);

        // two at a time, following the cursor until it ends: every target once
        List<String> all = ids("county=" + county, w.adminToken);
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get("/targets?county=" + county + "&limit=2"
                    + (next == null ? "" : "&next=" + next), w.operatorA);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(t -> seen.add(t.get("targetId").asText()));
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            pages++;
        } while (next != null && pages < 100);
        assertThat(next).isNull();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCountyAccountSeesAndChangesOnlyItsOwnCounty() {
        String mine = w.newTarget(w.county);
        String theirs = w.newTarget(w.county2);

        List<JsonNode> listed = w.all("/targets", w.countyStaff, "targetId");
        assertThat(listed).extracting(t -> t.get("county").asText()).containsOnly(w.county);
        assertThat(listed).extracting(t -> t.get("targetId").asText()).contains(mine).doesNotContain(theirs);
        assertThat(ids("county=" + w.county, w.countyStaff)).contains(mine);
        assertThat(ids("", w.county2Staff)).contains(theirs).doesNotContain(mine);

        assertThat(api.get("/targets/" + mine, w.countyStaff).status()).isEqualTo(200);
        Api.Reply hidden = api.get("/targets/" + theirs, w.countyStaff);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(api.get("/targets?county=" + w.county2, w.countyStaff).status()).isEqualTo(403);

        Api.Reply elsewhere = api.post("/targets", w.countyStaff,
                Api.json(World.target(w.county2, "越界的厂", w.newCreditCode())));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(403);

        ObjectNode t = read(theirs);
        t.put("riskClass", "A");
        // another county's target is, to a county account, a target that does not exist
        assertThat(api.put("/targets/" + theirs, w.countyStaff, t.toString()).status()).isEqualTo(404);
        assertThat(api.post("/targets/" + theirs + "/deactivate", w.countyStaff,
                "{\"version\":1,\"reason\":\"x\"}").status()).isEqualTo(404);
        ObjectNode moved = read(mine);
        moved.put("county", w.county2);
        assertThat(api.put("/targets/" + mine, w.countyStaff, moved.toString()).status()).isEqualTo(403);
        assertThat(read(theirs).get("version").asLong()).isEqualTo(1);
        assertThat(read(mine).get("county").asText()).isEqualTo(w.county);

        // the bureau moves a target between counties
        assertThat(api.put("/targets/" + mine, w.operatorB, moved.toString()).status()).isEqualTo(200);
        assertThat(api.get("/targets/" + mine, w.countyStaff).status()).isEqualTo(404);
        assertThat(api.get("/targets/" + mine, w.county2Staff).status()).isEqualTo(200);
    }

    @Test
    void privateFieldsAreMaskedForInspectorsAndAuditors() {
        Map<String, Object> body = World.target(w.county, "李四果园（个体）", w.newCreditCode());
        body.put("type", "individual");
        body.put("legalRep", "李四");
        body.put("address", ADDRESS);
        body.put("contactPhone", "138 0013 8000");
        body.put("idNumber", "360426199101010071");
        String id = create(w.countyStaff, body);

        for (String token : List.of(w.inspector, w.auditor)) {
            JsonNode t = api.get("/targets/" + id, token).json();
            assertMasked(t);
            JsonNode listed = w.all("/targets?county=" + w.county, token, "targetId").stream()
                    .filter(e -> e.get("targetId").asText().equals(id)).findFirst().orElseThrow();
            assertMasked(listed);
        }
        for (String token : List.of(w.adminToken, w.operatorA, w.operatorB, w.countyStaff)) {
            JsonNode t = api.get("/targets/" + id, token).json();
            assertThat(t.get("address").asText()).isEqualTo(ADDRESS);
            assertThat(t.get("contactPhone").asText()).isEqualTo("13800138000");
            assertThat(t.get("idNumber").asText()).isEqualTo("360426199101010071");
            JsonNode listed = w.all("/targets?county=" + w.county, token, "targetId").stream()
                    .filter(e -> e.get("targetId").asText().equals(id)).findFirst().orElseThrow();
            assertThat(listed.get("idNumber").asText()).isEqualTo("360426199101010071");
        }
    }

    private static void assertMasked(JsonNode t) {
        assertThat(t.get("address").asText()).isEqualTo("广东省河源市****");
        assertThat(t.get("contactPhone").asText()).isEqualTo("138****8000");
        assertThat(t.get("idNumber").asText()).isEqualTo("3604**********0071");
        assertThat(t.get("legalRep").asText()).isEqualTo("李四");
        assertThat(t.get("name").asText()).isEqualTo("李四果园（个体）");
    }

    @Test
    void everyChangeIsAudited() {
        String id = w.newTarget(w.county);
        ObjectNode t = read(id);
        t.put("riskClass", "C");
        t.put("address", "东源县仙塘镇");
        assertThat(api.put("/targets/" + id, w.operatorA, t.toString()).status()).isEqualTo(200);
        assertThat(api.post("/targets/" + id + "/deactivate", w.countyStaff,
                "{\"version\":2,\"reason\":\"已注销\"}").status()).isEqualTo(200);

        Api.Reply r = api.get("/audit?entity=target/" + id, w.adminToken);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode audit = r.json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("create", "update", "deactivate");
        assertThat(audit).extracting(a -> a.get("version").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(audit.get(1).get("changedFields")).extracting(JsonNode::asText)
                .containsExactly("address", "riskClass", "updatedAt", "version");
        assertThat(audit.get(2).get("changedFields")).extracting(JsonNode::asText)
                .containsExactly("status", "statusReason", "updatedAt", "version");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("op-a-" + w.suffix);
        assertThat(audit.get(2).get("actor").asText()).isEqualTo("cty-" + w.suffix);
        assertThat(audit.get(2).get("beforeDigest").asText()).isEqualTo(audit.get(1).get("afterDigest").asText());
        // the trail names fields, never their private values
        assertThat(r.text()).doesNotContain("仙塘镇");
    }
}
