package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spotcheck.validation.CreditCode;

/**
 * An export, fed unchanged to the import through the running stack, changes nothing: every row
 * unchanged, none rejected, created or updated, and every entity keeps its version. The entities
 * fill every column, with values a spreadsheet would take for formulas (ASCII and full-width),
 * private fields, items, risk classes, statuses with reasons, conflicts, expertise and linked logins.
 */
class ExportReimportE2ETest extends WorldTest {
    static String county;
    static String org;
    static List<String> targetIds;
    static List<String> inspectorIds;

    @BeforeAll
    static void setUp() {
        county = "cty-rt-" + w.suffix;
        w.createOrg(county, "连平县林业局" + w.suffix, "county", w.bureau, "441623");
        org = "dept-rt-" + w.suffix;
        w.createOrg(org, "防火科" + w.suffix, "department", w.bureau, null);
        String item1 = w.newItem(w.deptA, "林木采伐监督检查");
        String item2 = w.newItem(w.deptB, "=植物检疫检查");

        String code1 = w.newCreditCode();
        String code2 = w.newCreditCode();
        String flagged = code2.substring(0, 17) + (code2.charAt(17) == '0' ? '1' : '0');
        String t1 = createTarget(target(code1, "=东源县仙塘木材加工厂", "enterprise", List.of(item1, item2), "C",
                "@张三", "-河源市东源县仙塘镇", "+8613800138000", "360426199101010071"));
        String t2 = createTarget(target(flagged, "＝仙塘苗圃", "individual", List.of(), "A", "＋李四", "＠仙塘镇",
                "13800138000", null));
        deactivate("/targets/" + t2, "2026年3月注销登记");
        String t3 = createTarget(target(null, "+蓝口镇苗木产品", "product", List.of(item1), "D", "－王二", "'=不是公式",
                null, null));
        String t4 = createTarget(target(w.newCreditCode(), "'东源县义合苗圃", "other", List.of(item2), "B", null, null,
                null, null));
        targetIds = List.of(t1, t2, t3, t4);

        Map<String, Object> linked = inspector("=王五", List.of(item1, item2), List.of("-森林资源", "林业有害生物"),
                List.of(t1, t3));
        // a login as an identity provider may issue it, starting like a formula
        linked.put("accountId", "=sso|wang5-" + w.suffix);
        String i1 = createInspector(linked);
        String i2 = createInspector(inspector("＋赵六", List.of(), List.of("'=野生动物", "＠湿地"), List.of()));
        deactivate("/inspectors/" + i2, "调离：2026年6月调往省林业局");
        Map<String, Object> linked3 = inspector("＠孙七", List.of(item2), List.of("＝古树名木"), List.of(t2));
        linked3.put("accountId", "+8613800138000-" + w.suffix);
        String i3 = createInspector(linked3);
        inspectorIds = List.of(i1, i2, i3);
        assertThat(CreditCode.check(flagged).verdict()).isEqualTo(CreditCode.Verdict.CHECKSUM_MISMATCH);
    }

    static Map<String, Object> target(String creditCode, String name, String type, List<String> items, String risk,
                                      String legalRep, String address, String phone, String idNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creditCode", creditCode);
        body.put("name", name);
        body.put("type", type);
        body.put("county", county);
        body.put("items", items);
        body.put("riskClass", risk);
        body.put("legalRep", legalRep);
        body.put("address", address);
        body.put("contactPhone", phone);
        body.put("idNumber", idNumber);
        return body;
    }

    static String createTarget(Map<String, Object> body) {
        Api.Reply r = api.post("/targets", w.adminToken, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("targetId").asText();
    }

    static Map<String, Object> inspector(String name, List<String> items, List<String> expertise,
                                         List<String> conflicts) {
        Map<String, Object> body = World.inspector(org, w.newCertificateNo());
        body.put("name", name);
        body.put("qualifiedItems", items);
        body.put("expertise", expertise);
        body.put("conflicts", conflicts);
        return body;
    }

    static String createInspector(Map<String, Object> body) {
        Api.Reply r = api.post("/inspectors", w.adminToken, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("inspectorId").asText();
    }

    static void deactivate(String path, String reason) {
        Api.Reply r = api.post(path + "/deactivate", w.adminToken, Api.json(Map.of("version", 1, "reason", reason)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    static byte[] export(String path) throws Exception {
        return export(path, w.adminToken);
    }

    static byte[] export(String path, String token) throws Exception {
        HttpResponse<byte[]> r = ImportsThroughTheStackE2ETest.HTTP.send(HttpRequest.newBuilder(
                URI.create(Stack.get().apiUrl() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static Map<String, JsonNode> read(String path, List<String> ids) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (String id : ids) {
            Api.Reply r = api.get(path + id, w.adminToken);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            found.put(id, r.json());
        }
        return found;
    }

    /** Imports the export as it is, and answers the finished job. */
    static JsonNode reimport(String kind, String fileName, byte[] exported) throws Exception {
        return reimport(kind, fileName, exported, w.adminToken);
    }

    static JsonNode reimport(String kind, String fileName, byte[] exported, String token) throws Exception {
        String importId = ImportsThroughTheStackE2ETest.upload(token, kind, fileName, exported);
        return ImportsThroughTheStackE2ETest.awaitImport("/imports/" + importId);
    }

    static void assertNothingChanged(JsonNode job, int rows) {
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.at("/rows/total").asLong()).as(job.toString()).isEqualTo(rows);
        assertThat(job.at("/rows/rejected").asLong()).as(job.toString()).isZero();
        assertThat(job.at("/rows/created").asLong()).isZero();
        assertThat(job.at("/rows/updated").asLong()).isZero();
        assertThat(job.at("/rows/unchanged").asLong()).isEqualTo(rows);
        assertThat(job.at("/rows/imported").asLong()).isEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void anUnchangedTargetExportImportsAsAllUnchanged(String format) throws Exception {
        Map<String, JsonNode> before = read("/targets/", targetIds);
        byte[] exported = export("/targets/export?format=" + format + "&county=" + county);
        List<List<String>> rows = Uploads.rows(exported, "e." + format);
        assertThat(rows).hasSize(1 + targetIds.size());

        assertNothingChanged(reimport("targets", "检查对象名录." + format, exported), targetIds.size());
        assertThat(read("/targets/", targetIds)).isEqualTo(before);
        // the full-width = is guarded like the ASCII one
        assertThat(rows).anySatisfy(r -> assertThat(r.get(1)).isEqualTo("'＝仙塘苗圃"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void anUnchangedInspectorExportImportsAsAllUnchanged(String format) throws Exception {
        Map<String, JsonNode> before = read("/inspectors/", inspectorIds);
        byte[] exported = export("/inspectors/export?format=" + format + "&org=" + org);
        assertThat(Uploads.rows(exported, "e." + format)).hasSize(1 + inspectorIds.size());

        assertNothingChanged(reimport("inspectors", "执法检查人员名录." + format, exported), inspectorIds.size());
        assertThat(read("/inspectors/", inspectorIds)).isEqualTo(before);
        assertThat(before.get(inspectorIds.get(0)).get("accountId").asText()).isEqualTo("=sso|wang5-" + w.suffix);
    }

    /**
     * A reader who may not see the linked logins (an auditor, another department's operator) exports the 账号 column
     * empty, and the logins nowhere in the file; the inspectors' own department's operator exports them, and their
     * file imports again as all unchanged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void theLinkedLoginsAreExportedOnlyToThoseWhoMaySeeThem(String format) throws Exception {
        Map<String, JsonNode> before = read("/inspectors/", inspectorIds);
        List<String> logins = List.of("sso|wang5-" + w.suffix, "+8613800138000-" + w.suffix);
        for (String reader : List.of(w.auditor, w.operatorA)) {
            byte[] exported = export("/inspectors/export?format=" + format + "&org=" + org, reader);
            List<List<String>> rows = Uploads.rows(exported, "e." + format);
            assertThat(rows).hasSize(1 + inspectorIds.size());
            int account = rows.get(0).indexOf("账号");
            assertThat(account).isNotNegative();
            assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(account < r.size() ? r.get(account)
                    : "").isEmpty());
            assertThat(rows.toString()).doesNotContain(logins.get(0)).doesNotContain(logins.get(1));
        }
        String editor = Stack.token("op-rt-" + w.suffix, "防火科科员", org, "operator");
        byte[] own = export("/inspectors/export?format=" + format + "&org=" + org, editor);
        assertThat(Uploads.rows(own, "e." + format).toString()).contains(logins.get(0), logins.get(1));
        assertNothingChanged(reimport("inspectors", "执法检查人员名录." + format, own, editor), inspectorIds.size());
        assertThat(read("/inspectors/", inspectorIds)).isEqualTo(before);
    }
}
