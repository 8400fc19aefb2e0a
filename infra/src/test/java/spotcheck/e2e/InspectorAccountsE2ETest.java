package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login linked to an inspector (accountId, 账号) through the running stack: only administrators link, change or
 * remove it, through the API and through a GBK CSV import (an operator's rows that would are rejected into the
 * error report, the file's other rows imported; an empty cell or a PUT that leaves it out keeps it); and only
 * administrators and the editors of the inspector's organisation read it, in GET /inspectors, GET
 * /inspectors/{id} and the export.
 */
class InspectorAccountsE2ETest extends WorldTest {
    static final String ADMIN_ONLY = "Only an administrator may link a login to an inspector, change or remove it"
            + " (accountId, 账号); leave accountId out, empty or as it is";

    static String login(String name) {
        return "sso|acct-" + w.suffix + "-" + name;
    }

    static JsonNode create(String token, Map<String, Object> body) {
        Api.Reply r = api.post("/inspectors", token, Api.json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    static Map<String, Object> inspector(String org, String accountId) {
        Map<String, Object> body = World.inspector(org, w.newCertificateNo());
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        return body;
    }

    static JsonNode read(String id) {
        Api.Reply r = api.get("/inspectors/" + id, w.adminToken);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static void assertAdminOnly(Api.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asText()).isEqualTo(ADMIN_ONLY);
    }

    static byte[] export(String token, String query) throws Exception {
        HttpResponse<byte[]> r = ImportsThroughTheStackE2ETest.HTTP.send(HttpRequest.newBuilder(
                URI.create(Stack.get().apiUrl() + "/inspectors/export?format=csv&" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The 账号 cells of an export, by 执法证号. */
    static Map<String, String> accounts(byte[] csv) {
        List<List<String>> rows = Uploads.rows(csv, "e.csv");
        int account = rows.get(0).indexOf("账号");
        int certificate = rows.get(0).indexOf("执法证号");
        assertThat(account).isNotNegative();
        Map<String, String> byCertificate = new java.util.TreeMap<>();
        rows.subList(1, rows.size()).forEach(r -> byCertificate.put(r.get(certificate),
                account < r.size() ? r.get(account) : ""));
        return byCertificate;
    }

    @Test
    void onlyAnAdministratorLinksALoginThroughTheApiAndAnOperatorsPutKeepsIt() {
        String linked = login("api");
        JsonNode x = create(w.adminToken, inspector(w.deptA, linked));
        String id = x.get("inspectorId").asText();
        assertThat(x.get("accountId").asText()).isEqualTo(linked);

        // the department's operator reads it, and a PUT of what they read without it keeps it
        ObjectNode asRead = (ObjectNode) api.get("/inspectors/" + id, w.operatorA).json();
        assertThat(asRead.get("accountId").asText()).isEqualTo(linked);
        asRead.remove("accountId");
        asRead.put("certificateValidUntil", "2031-12-31");
        Api.Reply kept = api.put("/inspectors/" + id, w.operatorA, asRead.toString());
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("accountId").asText()).isEqualTo(linked);
        assertThat(read(id).get("accountId").asText()).isEqualTo(linked);
        assertThat(read(id).get("version").asLong()).isEqualTo(2);

        // their own login, to read every task naming the inspector: refused, and nothing changes
        ObjectNode mine = (ObjectNode) read(id).deepCopy();
        mine.put("accountId", "op-a-" + w.suffix);
        assertAdminOnly(api.put("/inspectors/" + id, w.operatorA, mine.toString()));
        mine.put("accountId", "");
        assertThat(api.put("/inspectors/" + id, w.operatorA, mine.toString()).status()).isEqualTo(200);
        assertThat(read(id).get("accountId").asText()).isEqualTo(linked);
        assertThat(read(id).get("version").asLong()).isEqualTo(3);
        assertAdminOnly(api.post("/inspectors", w.operatorA, Api.json(inspector(w.deptA, "op-a-" + w.suffix))));
        assertAdminOnly(api.post("/inspectors", w.countyStaff, Api.json(inspector(w.county, login("county")))));
        String unlinked = create(w.operatorA, inspector(w.deptA, null)).get("inspectorId").asText();
        ObjectNode link = (ObjectNode) read(unlinked).deepCopy();
        link.put("accountId", "op-a-" + w.suffix);
        assertAdminOnly(api.put("/inspectors/" + unlinked, w.operatorA, link.toString()));
        assertThat(read(unlinked).has("accountId")).isFalse();
        assertThat(read(unlinked).get("version").asLong()).isEqualTo(1);

        // an administrator changes it, and, leaving it out of a PUT, removes it
        ObjectNode change = (ObjectNode) read(id).deepCopy();
        change.put("accountId", login("api2"));
        assertThat(api.put("/inspectors/" + id, w.adminToken, change.toString()).json().get("accountId").asText())
                .isEqualTo(login("api2"));
        assertThat(api.put("/inspectors/" + unlinked, w.adminToken, link.toString()).status()).isEqualTo(200);
        assertThat(read(unlinked).get("accountId").asText()).isEqualTo("op-a-" + w.suffix);
        ObjectNode remove = (ObjectNode) read(unlinked).deepCopy();
        remove.remove("accountId");
        assertThat(api.put("/inspectors/" + unlinked, w.adminToken, remove.toString()).json().has("accountId"))
                .isFalse();
    }

    @Test
    void theLinkedLoginIsReadByAdministratorsAndTheEditorsOfItsOrganisationOnly() throws Exception {
        String linked = login("read");
        JsonNode x = create(w.adminToken, inspector(w.deptA, linked));
        String id = x.get("inspectorId").asText();
        String certificate = x.get("certificateNo").asText();
        JsonNode countys = create(w.adminToken, inspector(w.county, login("county-read")));

        for (String editor : List.of(w.adminToken, w.operatorA)) {
            assertThat(api.get("/inspectors/" + id, editor).json().get("accountId").asText()).isEqualTo(linked);
            assertThat(api.get("/inspectors?org=" + w.deptA + "&limit=200", editor).text()).contains(linked);
            assertThat(accounts(export(editor, "org=" + w.deptA))).containsEntry(certificate, linked);
        }
        assertThat(api.get("/inspectors/" + countys.get("inspectorId").asText(), w.countyStaff).json()
                .get("accountId").asText()).isEqualTo(login("county-read"));
        for (String reader : List.of(w.operatorB, w.inspector, w.countyStaff, w.county2Staff, w.auditor)) {
            JsonNode one = api.get("/inspectors/" + id, reader).json();
            assertThat(one.get("inspectorId").asText()).isEqualTo(id);
            assertThat(one.has("accountId")).as(one.toString()).isFalse();
            String list = api.get("/inspectors?org=" + w.deptA + "&limit=200", reader).text();
            assertThat(list).contains(id).doesNotContain("accountId").doesNotContain(linked);
        }
        for (String exporter : List.of(w.operatorB, w.countyStaff, w.auditor)) {
            byte[] file = export(exporter, "org=" + w.deptA);
            Map<String, String> cells = accounts(file);
            assertThat(cells).containsEntry(certificate, "");
            assertThat(cells.values()).containsOnly("");
            assertThat(new String(file, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(linked);
        }
        assertThat(api.get("/public/plans?year=2026", null).text()).doesNotContain(linked);
    }

    @Test
    void anOperatorsGbkImportCannotLinkOrChangeLoginsAndAnAdministratorsCan() throws Exception {
        String a = create(w.adminToken, inspector(w.deptA, login("a"))).get("certificateNo").asText();
        String b = create(w.adminToken, inspector(w.deptA, null)).get("certificateNo").asText();
        String f = create(w.adminToken, inspector(w.deptA, login("f"))).get("certificateNo").asText();
        String g = create(w.adminToken, inspector(w.deptA, login("g"))).get("certificateNo").asText();
        String c = w.newCertificateNo();
        List<String> header = List.of("姓名", "单位/科室", "执法证号", "有效期至", "业务专长", "账号");
        List<List<String>> rows = List.of(header,
                List.of("王五", w.deptA, a, "2027-12-31", "林业", "op-a-" + w.suffix),
                List.of("王五", w.deptA, b, "2027-12-31", "林业", login("b")),
                List.of("李四", w.deptA, c, "2028/12/31", "林业", login("c")),
                List.of("王五", w.deptA, f, "2027-12-31", "林业、湿地", login("f")),
                List.of("王五", w.deptA, g, "2027-12-31", "林业、古树名木", ""));
        String importId = ImportsThroughTheStackE2ETest.upload(w.operatorA, "inspectors", "执法人员名录.csv",
                Uploads.csv(Charset.forName("GBK"), rows));
        JsonNode job = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + importId);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("rows").toString()).isEqualTo("{\"total\":5,\"imported\":2,\"rejected\":3,\"created\":0,"
                + "\"updated\":2,\"unchanged\":0,\"duplicates\":0}");
        List<List<String>> report = ImportsThroughTheStackE2ETest.download(job.get("reportUrl").asText());
        assertThat(report).hasSize(4);
        assertThat(report.subList(1, 4)).extracting(r -> r.get(2), r -> r.get(r.size() - 1)).containsExactly(
                org.assertj.core.groups.Tuple.tuple(a, ADMIN_ONLY), org.assertj.core.groups.Tuple.tuple(b, ADMIN_ONLY),
                org.assertj.core.groups.Tuple.tuple(c, ADMIN_ONLY));
        assertThat(read("INS-" + a).get("accountId").asText()).isEqualTo(login("a"));
        assertThat(read("INS-" + b).has("accountId")).isFalse();
        assertThat(api.get("/inspectors/INS-" + c.toUpperCase(), w.adminToken).status()).isEqualTo(404);
        assertThat(read("INS-" + f).get("expertise").toString()).isEqualTo("[\"林业\",\"湿地\"]");
        assertThat(read("INS-" + f).get("accountId").asText()).isEqualTo(login("f"));
        // an empty cell in a file of someone who may not remove the link keeps it
        assertThat(read("INS-" + g).get("expertise").toString()).isEqualTo("[\"林业\",\"古树名木\"]");
        assertThat(read("INS-" + g).get("accountId").asText()).isEqualTo(login("g"));

        // the same rows from an administrator: every link set as the file says, an empty cell removes one
        List<List<String>> adminRows = List.of(header,
                List.of("王五", w.deptA, a, "2027-12-31", "林业", login("a2")),
                List.of("王五", w.deptA, b, "2027-12-31", "林业", login("b")),
                List.of("李四", w.deptA, c, "2028/12/31", "林业", login("c")),
                List.of("王五", w.deptA, f, "2027-12-31", "林业、湿地", login("f")),
                List.of("王五", w.deptA, g, "2027-12-31", "林业、古树名木", ""));
        JsonNode adminJob = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + ImportsThroughTheStackE2ETest
                .upload(w.adminToken, "inspectors", "执法人员名录.csv", Uploads.csv(Charset.forName("GBK"),
                        adminRows)));
        assertThat(adminJob.get("rows").toString()).as(adminJob.toString()).isEqualTo("{\"total\":5,\"imported\":5,"
                + "\"rejected\":0,\"created\":1,\"updated\":3,\"unchanged\":1,\"duplicates\":0}");
        assertThat(read("INS-" + a).get("accountId").asText()).isEqualTo(login("a2"));
        assertThat(read("INS-" + b).get("accountId").asText()).isEqualTo(login("b"));
        assertThat(read("INS-" + c.toUpperCase()).get("accountId").asText()).isEqualTo(login("c"));
        assertThat(read("INS-" + f).get("accountId").asText()).isEqualTo(login("f"));
        assertThat(read("INS-" + g).has("accountId")).isFalse();
    }
}
