package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import spotcheck.validation.CreditCode;

/**
 * A small world of organisations for one test class, with ids of its own so that
 * classes sharing the stack never see each other's data, and tokens for each role.
 */
final class World {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private final AtomicInteger serial = new AtomicInteger();

    final String suffix;
    final String bureau;
    final String deptA;
    final String deptB;
    final String county;
    /** A second county, so that county scoping has somewhere to refuse. */
    final String county2;
    final String adminToken;
    final String operatorA;
    final String operatorB;
    final String inspector;
    final String countyStaff;
    final String county2Staff;
    final String auditor;
    final Api api;

    World(Api api) {
        this.api = api;
        suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
        bureau = "bureau-" + suffix;
        deptA = "dept-a-" + suffix;
        deptB = "dept-b-" + suffix;
        county = "county-" + suffix;
        county2 = "county2-" + suffix;
        adminToken = Stack.token("admin-" + suffix, "管理员", bureau, "admin");
        operatorA = Stack.token("op-a-" + suffix, "资源科科员", deptA, "operator");
        operatorB = Stack.token("op-b-" + suffix, "保护科科员", deptB, "operator");
        inspector = Stack.token("insp-" + suffix, "执法人员", deptA, "inspector");
        countyStaff = Stack.token("cty-" + suffix, "县局人员", county, "county");
        county2Staff = Stack.token("cty2-" + suffix, "县局人员", county2, "county");
        auditor = Stack.token("aud-" + suffix, "审计", bureau, "auditor");
        createOrg(bureau, "河源市林业局", "bureau", null, null);
        createOrg(deptA, "资源科", "department", bureau, null);
        createOrg(deptB, "保护科", "department", bureau, null);
        createOrg(county, "东源县林业局", "county", bureau, "441625");
        createOrg(county2, "和平县林业局", "county", bureau, "441624");
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

    /**
     * A valid credit code that no other test class uses (targets of every class share one
     * id space): a Heyuan region code, then characters drawn from this world's suffix.
     */
    String newCreditCode() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((suffix + "/" + serial.incrementAndGet())
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder code = new StringBuilder("91441625");
            for (int i = 0; i < 9; i++) {
                code.append(CODE_CHARS.charAt((hash[i] & 0xff) % CODE_CHARS.length()));
            }
            return code.append(CreditCode.checkCharacter(code.toString())).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid target body; {@code creditCode} may be null. */
    static Map<String, Object> target(String county, String name, String creditCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (creditCode != null) {
            body.put("creditCode", creditCode);
        }
        body.put("name", name);
        body.put("type", "enterprise");
        body.put("county", county);
        body.put("items", List.of());
        body.put("riskClass", "B");
        body.put("legalRep", "张三");
        return body;
    }

    /** Creates a target with a fresh credit code as admin and answers its id. */
    String newTarget(String county) {
        String code = newCreditCode();
        Api.Reply r = api.post("/targets", adminToken, Api.json(target(county, "木材加工厂 " + code, code)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("targetId").asText();
    }

    /** An enforcement certificate number that no other test class uses. */
    String newCertificateNo() {
        return "GD-" + suffix.toUpperCase() + "-" + serial.incrementAndGet();
    }

    /** A valid inspector body. */
    static Map<String, Object> inspector(String org, String certificateNo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "王五");
        body.put("org", org);
        body.put("certificateNo", certificateNo);
        body.put("certificateValidUntil", "2027-12-31");
        body.put("qualifiedItems", List.of());
        body.put("expertise", List.of("林业"));
        return body;
    }

    /** Creates an inspector with a fresh certificate number as admin and answers their id. */
    String newInspector(String org) {
        Api.Reply r = api.post("/inspectors", adminToken, Api.json(inspector(org, newCertificateNo())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("inspectorId").asText();
    }

    /** A valid plan body: random (every county), led by {@code lead}, 3% of the targets under {@code items}. */
    static Map<String, Object> plan(int year, String name, String lead, List<String> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", year);
        body.put("name", name);
        body.put("type", "random");
        body.put("leadDepartment", lead);
        body.put("items", items);
        body.put("quota", Map.of("ALL", "0.03"));
        body.put("inspectorsPerTarget", 2);
        body.put("startDate", year + "-08-01");
        body.put("endDate", year + "-10-31");
        return body;
    }

    /**
     * A valid targeted plan body over one county: its estimate reads that county's pool alone (the emulator
     * reads its whole table for every query, so plans over every county are kept to the tests about them).
     */
    static Map<String, Object> targetedPlan(int year, String name, String lead, List<String> items, String county) {
        Map<String, Object> body = plan(year, name, lead, items);
        body.put("type", "targeted");
        body.put("scope", Map.of("counties", List.of(county)));
        return body;
    }

    /** Creates a draft plan over this world's county as admin and answers its id. */
    String newPlan(int year, String lead, String item) {
        Api.Reply r = api.post("/plans", adminToken, Api.json(targetedPlan(year, "抽查计划 " + serial.incrementAndGet(),
                lead, List.of(item), county)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("planId").asText();
    }

    /** Every entry of a list, following its cursor to the end; asserts no entry comes twice. */
    List<JsonNode> all(String path, String token, String idField) {
        List<JsonNode> found = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            Api.Reply page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=200"
                    + (next == null ? "" : "&next=" + next), token);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("items").forEach(e -> {
                assertThat(ids.add(e.get(idField).asText())).as("listed twice: " + e).isTrue();
                found.add(e);
            });
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            assertThat(++pages).isLessThan(100);
        } while (next != null);
        return found;
    }
}
