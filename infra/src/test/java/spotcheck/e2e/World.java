package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small world of organisations for one test class, with ids of its own so that
 * classes sharing the stack never see each other's data, and tokens for each role.
 */
final class World {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String suffix;
    final String bureau;
    final String deptA;
    final String deptB;
    final String county;
    final String adminToken;
    final String operatorA;
    final String operatorB;
    final String inspector;
    final String countyStaff;
    final String auditor;
    final Api api;

    World(Api api) {
        this.api = api;
        suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
        bureau = "bureau-" + suffix;
        deptA = "dept-a-" + suffix;
        deptB = "dept-b-" + suffix;
        county = "county-" + suffix;
        adminToken = Stack.token("admin-" + suffix, "管理员", bureau, "admin");
        operatorA = Stack.token("op-a-" + suffix, "资源科科员", deptA, "operator");
        operatorB = Stack.token("op-b-" + suffix, "保护科科员", deptB, "operator");
        inspector = Stack.token("insp-" + suffix, "执法人员", deptA, "inspector");
        countyStaff = Stack.token("cty-" + suffix, "县局人员", county, "county");
        auditor = Stack.token("aud-" + suffix, "审计", bureau, "auditor");
        createOrg(bureau, "河源市林业局", "bureau", null, null);
        createOrg(deptA, "资源科", "department", bureau, null);
        createOrg(deptB, "保护科", "department", bureau, null);
        createOrg(county, "东源县林业局", "county", bureau, "441625");
    }

    void createOrg(String id, String name, String kind, String parent, String division) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orgId", id);
        body.put("name", name);
        body.put("kind", kind);
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (division != null) {
            body.put("divisionCode", division);
        }
        Api.Reply r = api.post("/orgs", adminToken, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    /** A valid item body for a department. */
    static Map<String, Object> item(String department, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("department", department);
        body.put("category", "key");
        body.put("legalBasis", "《中华人民共和国森林法》第五十六条");
        body.put("content", "检查林木采伐许可证持证情况");
        body.put("methods", List.of("on_site", "written"));
        body.put("targetTypes", List.of("enterprise", "individual"));
        return body;
    }

    /** Creates an item as admin and answers its id. */
    String newItem(String department, String name) {
        Api.Reply r = api.post("/items", adminToken, Api.json(item(department, name)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("itemId").asText();
    }
}
