package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An entity an import created has a trail of its own: the import that created it is its version 1,
 * followed by every later change, whether made through the API or by another import.
 */
class ImportedEntityTrailE2ETest extends WorldTest {
    static String countyName;

    @BeforeAll
    static void setUp() {
        countyName = "留痕县" + w.suffix;
        w.createOrg("cty4-" + w.suffix, countyName, "county", w.bureau, "441623");
    }

    /** A GBK CSV of targets, as Excel on Chinese Windows saves it, uploaded through POST /imports as admin. */
    static String importTargets(String fileName, List<List<String>> rows) throws Exception {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("统一社会信用代码", "名称", "类型", "所属县区", "信用风险等级"));
        all.addAll(rows);
        String id = ImportsThroughTheStackE2ETest.upload(w.adminToken, "targets", fileName,
                Uploads.csv(Charset.forName("GBK"), all));
        JsonNode job = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + id);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        return id;
    }

    static JsonNode trail(String targetId, String query) {
        Api.Reply r = api.get("/audit?entity=target/" + targetId + query, w.auditor);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aTargetCreatedByAnImportShowsThatImportThenItsLaterChangesInOrder() throws Exception {
        String code = w.newCreditCode();
        String importId = importTargets("新增对象.csv", List.of(List.of(code, "导入留痕公司", "企业", countyName, "B")));

        JsonNode created = trail(code, "").get("items");
        assertThat(created).hasSize(1);
        JsonNode first = created.get(0);
        assertThat(first.get("entity").asText()).isEqualTo("target/" + code);
        assertThat(first.get("action").asText()).isEqualTo("import");
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("actor").asText()).isEqualTo("admin-" + w.suffix);
        assertThat(first.get("importId").asText()).isEqualTo(importId);
        assertThat(first.get("digestAlg").asText()).isEqualTo("HMAC-SHA256");
        assertThat(first.get("afterDigest").asText()).matches("[0-9a-f]{64}");
        assertThat(first.get("at").asText()).isEqualTo(api.get("/targets/" + code, w.adminToken).json()
                .get("createdAt").asText());

        ObjectNode target = (ObjectNode) api.get("/targets/" + code, w.adminToken).json();
        target.put("riskClass", "A");
        Api.Reply updated = api.put("/targets/" + code, w.adminToken, target.toString());
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);

        JsonNode both = trail(code, "").get("items");
        assertThat(both).extracting(r -> r.get("action").asText()).containsExactly("import", "update");
        assertThat(both).extracting(r -> r.get("version").asLong()).containsExactly(1L, 2L);
        assertThat(both.get(0)).isEqualTo(first);
        assertThat(both.get(1).get("actor").asText()).isEqualTo("admin-" + w.suffix);
        assertThat(both.get(1).has("importId")).isFalse();

        // One record a page: the import, then the update, then no more.
        JsonNode page1 = trail(code, "&limit=1");
        assertThat(page1.get("items")).extracting(r -> r.get("action").asText()).containsExactly("import");
        JsonNode page2 = trail(code, "&limit=1&next=" + page1.get("next").asText());
        assertThat(page2.get("items")).extracting(r -> r.get("action").asText()).containsExactly("update");
        if (page2.has("next")) {
            assertThat(trail(code, "&limit=1&next=" + page2.get("next").asText()).get("items")).isEmpty();
        }
    }

    @Test
    void aTargetCreatedByOneImportAndChangedByAnotherShowsBoth() throws Exception {
        String code = w.newCreditCode();
        String firstImport = importTargets("第一批.csv", List.of(List.of(code, "两次导入公司", "企业", countyName, "B")));
        String secondImport = importTargets("第二批.csv", List.of(List.of(code, "两次导入公司", "企业", countyName, "D")));

        JsonNode items = trail(code, "").get("items");
        assertThat(items).extracting(r -> r.get("action").asText()).containsExactly("import", "import");
        assertThat(items).extracting(r -> r.get("version").asLong()).containsExactly(1L, 2L);
        assertThat(items).extracting(r -> r.get("importId").asText()).containsExactly(firstImport, secondImport);
        assertThat(items).extracting(r -> r.get("actor").asText())
                .containsExactly("admin-" + w.suffix, "admin-" + w.suffix);
        assertThat(items.get(1).get("changedFields")).extracting(JsonNode::asText).contains("riskClass");
        // The second import's record digests the version the first one made.
        assertThat(items.get(1).get("beforeDigest").asText()).isEqualTo(items.get(0).get("afterDigest").asText());
    }
}
