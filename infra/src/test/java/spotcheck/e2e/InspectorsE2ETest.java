package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inspector roster through the running stack: validation, versions, organisation scoping, audit. */
class InspectorsE2ETest extends WorldTest {
    private static String create(String token, Map<String, Object> body) {
        Api.Reply r = api.post("/inspectors", token, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("inspectorId").asText();
    }

    private static ObjectNode read(String id) {
        Api.Reply r = api.get("/inspectors/" + id, w.adminToken);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return (ObjectNode) r.json();
    }

    private static List<String> ids(String query, String token) {
        return w.all("/inspectors?" + query, token, "inspectorId").stream()
                .map(i -> i.get("inspectorId").asText()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anOperatorAddsAnInspectorOfTheirDepartmentAndEveryoneReadsIt() {
        String item = w.newItem(w.deptA, "林木采伐监督检查");
        String cert = w.newCertificateNo();
        Map<String, Object> body = World.inspector(w.deptA, " " + cert.toLowerCase() + " ");
        body.put("certificateValidUntil", "2027年12月31日");
        body.put("qualifiedItems", List.of(item));
        body.put("expertise", List.of("林业", "野生动物保护"));
        Api.Reply created = api.post("/inspectors", w.operatorA, Api.json(body));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("inspectorId").asText();
        assertThat(id).isEqualTo("INS-" + cert);
        assertThat(created.header("location")).isEqualTo("/inspectors/" + id);

        for (String token : List.of(w.inspector, w.auditor, w.countyStaff, w.operatorB)) {
            Api.Reply read = api.get("/inspectors/" + id, token);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            JsonNode i = read.json();
            assertThat(i.get("name").asText()).isEqualTo("王五");
            assertThat(i.get("org").asText()).isEqualTo(w.deptA);
            assertThat(i.get("certificateNo").asText()).isEqualTo(cert);
            assertThat(i.get("certificateValidUntil").asText()).isEqualTo("2027-12-31");
            assertThat(i.get("qualifiedItems")).extracting(JsonNode::asText).containsExactly(item);
            assertThat(i.get("expertise")).extracting(JsonNode::asText).containsExactly("林业", "野生动物保护");
            assertThat(i.get("status").asText()).isEqualTo("active");
            assertThat(i.get("version").asLong()).isEqualTo(1);
        }
        assertThat(api.get("/inspectors/INS-NOBODY-" + w.suffix, w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void aSecondInspectorWithTheSameCertificateIsAConflict() {
        String cert = w.newCertificateNo();
        String id = create(w.adminToken, World.inspector(w.deptA, cert));
        Map<String, Object> again = World.inspector(w.deptB, cert.replace("-", " - ").toLowerCase());
        again.put("name", "赵六");
        Api.Reply r = api.post("/inspectors", w.adminToken, Api.json(again));
        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(read(id).get("name").asText()).isEqualTo("王五");
    }

    @Test
    void invalidInspectorsAre422NamingEveryFieldAndStoreNothing() {
        String cert = w.newCertificateNo();
        Map<String, Object> body = World.inspector("no-such-org", cert);
        body.put("name", " ");
        body.put("certificateValidUntil", "2027-02-30");
        body.put("qualifiedItems", List.of("没有这个事项 " + w.suffix));
        Api.Reply r = api.post("/inspectors", w.adminToken, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.json().at("/error/details")).extracting(d -> d.get("field").asText())
                .containsExactlyInAnyOrder("name", "org", "certificateValidUntil", "qualifiedItems");
        assertThat(api.get("/inspectors/INS-" + cert, w.adminToken).status()).isEqualTo(404);
        assertThat(api.post("/inspectors", w.adminToken, Api.json(Map.of("name", "王五"))).status()).isEqualTo(422);
    }

    @Test
    void updatesNeedTheCurrentVersionAndAStaleOneChangesNothing() {
        String id = w.newInspector(w.deptA);
        ObjectNode i = read(id);
        i.put("certificateValidUntil", "2029/06/30");
        Api.Reply updated = api.put("/inspectors/" + id, w.operatorA, i.toString());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.json().get("certificateValidUntil").asText()).isEqualTo("2029-06-30");

        i.put("name", "a stale edit");   // still carries version 1
        Api.Reply stale = api.put("/inspectors/" + id, w.operatorA, i.toString());
        assertThat(stale.status()).as(stale.text()).isEqualTo(409);
        assertThat(stale.json().at("/error/code").asText()).isEqualTo("conflict");
        ObjectNode now = read(id);
        assertThat(now.get("name").asText()).isEqualTo("王五");
        assertThat(now.get("version").asLong()).isEqualTo(2);

        ObjectNode renamed = read(id);
        renamed.put("inspectorId", "INS-SOMEONE-ELSE");
        assertThat(api.put("/inspectors/" + id, w.adminToken, renamed.toString()).status()).isEqualTo(422);
        ObjectNode noReason = read(id);
        noReason.put("status", "inactive");
        Api.Reply r = api.put("/inspectors/" + id, w.adminToken, noReason.toString());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("statusReason");
        assertThat(read(id).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void deactivatingTwiceIsAConflict() {
        String id = w.newInspector(w.deptA);
        Api.Reply first = api.post("/inspectors/" + id + "/deactivate", w.operatorA,
                "{\"version\":1,\"reason\":\"调离执法岗位\"}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("inactive");
        assertThat(first.json().get("statusReason").asText()).isEqualTo("调离执法岗位");
        Api.Reply second = api.post("/inspectors/" + id + "/deactivate", w.operatorA,
                "{\"version\":2,\"reason\":\"again\"}");
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(read(id).get("status").asText()).isEqualTo("inactive");
        assertThat(read(id).get("version").asLong()).isEqualTo(2);
        assertThat(api.post("/inspectors/" + id + "/deactivate", w.operatorA, "{\"version\":2}").status())
                .isEqualTo(422);

        // a PUT that leaves the status out keeps it: nobody is reinstated by omission
        ObjectNode edit = read(id);
        edit.remove("status");
        edit.remove("statusReason");
        edit.putArray("expertise").add("森林防火");
        Api.Reply kept = api.put("/inspectors/" + id, w.operatorA, edit.toString());
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("status").asText()).isEqualTo("inactive");
        assertThat(kept.json().get("statusReason").asText()).isEqualTo("调离执法岗位");
        ObjectNode reinstate = read(id);
        reinstate.put("status", "active");
        Api.Reply back = api.put("/inspectors/" + id, w.operatorA, reinstate.toString());
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.json().get("status").asText()).isEqualTo("active");
        assertThat(api.get("/audit?entity=inspector/" + id, w.auditor).json().get("items"))
                .extracting(a -> a.get("action").asText()).containsExactly("create", "deactivate", "update", "reinstate");
    }

    @Test
    void anOperatorChangesOnlyTheInspectorsOfTheirOwnDepartment() {
        String id = w.newInspector(w.deptA);
        Api.Reply foreign = api.post("/inspectors", w.operatorB, Api.json(World.inspector(w.deptA,
                w.newCertificateNo())));
        assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
        assertThat(foreign.json().at("/error/code").asText()).isEqualTo("forbidden");

        ObjectNode i = read(id);
        i.put("name", "hijack");
        assertThat(api.put("/inspectors/" + id, w.operatorB, i.toString()).status()).isEqualTo(403);
        assertThat(api.post("/inspectors/" + id + "/deactivate", w.operatorB,
                "{\"version\":1,\"reason\":\"x\"}").status()).isEqualTo(403);
        // nor hand their own inspector to another department
        ObjectNode moved = read(id);
        moved.put("org", w.deptB);
        assertThat(api.put("/inspectors/" + id, w.operatorA, moved.toString()).status()).isEqualTo(403);
        assertThat(read(id).get("version").asLong()).isEqualTo(1);
        assertThat(read(id).get("org").asText()).isEqualTo(w.deptA);

        // a county bureau keeps its own inspectors, and only those
        String countyOwn = create(w.countyStaff, World.inspector(w.county, w.newCertificateNo()));
        assertThat(read(countyOwn).get("org").asText()).isEqualTo(w.county);
        assertThat(api.post("/inspectors", w.countyStaff, Api.json(World.inspector(w.deptA,
                w.newCertificateNo()))).status()).isEqualTo(403);
        assertThat(api.post("/inspectors", w.inspector, Api.json(World.inspector(w.deptA,
                w.newCertificateNo()))).status()).isEqualTo(403);
        assertThat(api.put("/inspectors/" + id, w.adminToken, moved.toString()).status()).isEqualTo(200);
    }

    @Test
    void listsFilterByEveryFieldAndPageWithACursor() {
        // an organisation of this test's own, so that exact answers do not depend on the other tests
        String org = "dept-c-" + w.suffix;
        w.createOrg(org, "防检科", "department", w.bureau, null);
        String item1 = w.newItem(w.deptA, "植物检疫检查");
        String item2 = w.newItem(w.deptA, "人工繁育国家重点保护野生动物监督检查");
        String tag = "松材线虫病 " + w.suffix;
        Map<String, Object> a = World.inspector(org, w.newCertificateNo());
        a.put("qualifiedItems", List.of(item1));
        a.put("expertise", List.of(tag));
        Map<String, Object> b = World.inspector(org, w.newCertificateNo());
        b.put("qualifiedItems", List.of(item1, item2));
        Map<String, Object> c = World.inspector(org, w.newCertificateNo());
        c.put("expertise", List.of("林业", tag));
        String idA = create(w.adminToken, a);
        String idB = create(w.adminToken, b);
        String idC = create(w.adminToken, c);
        String idD = w.newInspector(org);
        String other = w.newInspector(w.deptB);
        assertThat(api.post("/inspectors/" + idD + "/deactivate", w.adminToken,
                "{\"version\":1,\"reason\":\"退休\"}").status()).isEqualTo(200);

        assertThat(ids("org=" + org, w.inspector)).containsExactlyInAnyOrder(idA, idB, idC, idD);
        assertThat(ids("org=" + w.deptB, w.inspector)).contains(other).doesNotContain(idA);
        assertThat(ids("item=" + item1, w.countyStaff)).containsExactlyInAnyOrder(idA, idB);
        assertThat(ids("item=" + item2, w.auditor)).containsExactly(idB);
        assertThat(ids("org=" + org + "&status=inactive", w.adminToken)).containsExactly(idD);
        assertThat(ids("org=" + org + "&status=active", w.adminToken)).containsExactlyInAnyOrder(idA, idB, idC);
        assertThat(ids("expertise=" + enc(tag), w.adminToken)).containsExactlyInAnyOrder(idA, idC);
        assertThat(ids("org=" + org + "&expertise=" + enc("林业"), w.adminToken)).containsExactlyInAnyOrder(idB, idC,
                idD);
        assertThat(ids("org=" + org + "&item=" + item1 + "&expertise=" + enc(tag), w.adminToken))
                .containsExactly(idA);
        assertThat(api.get("/inspectors?status=retired", w.adminToken).status()).isEqualTo(422);

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get("/inspectors?org=" + org + "&limit=2" + (next == null ? "" : "&next=" + next),
                    w.inspector);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(i -> seen.add(i.get("inspectorId").asText()));
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            pages++;
        } while (next != null && pages < 100);
        assertThat(next).isNull();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrder(idA, idB, idC, idD);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyChangeIsAudited() {
        String id = w.newInspector(w.deptA);
        ObjectNode i = read(id);
        i.putArray("expertise").add("林业").add("森林防火");
        assertThat(api.put("/inspectors/" + id, w.operatorA, i.toString()).status()).isEqualTo(200);
        assertThat(api.post("/inspectors/" + id + "/deactivate", w.adminToken,
                "{\"version\":2,\"reason\":\"调离\"}").status()).isEqualTo(200);

        Api.Reply r = api.get("/audit?entity=inspector/" + id, w.auditor);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode audit = r.json().get("items");
        assertThat(audit).extracting(a -> a.get("action").asText()).containsExactly("create", "update", "deactivate");
        assertThat(audit.get(1).get("changedFields")).extracting(JsonNode::asText)
                .containsExactly("expertise", "updatedAt", "version");
        assertThat(audit.get(2).get("changedFields")).extracting(JsonNode::asText)
                .containsExactly("status", "statusReason", "updatedAt", "version");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("op-a-" + w.suffix);
    }
}
