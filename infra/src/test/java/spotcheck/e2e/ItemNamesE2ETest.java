package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Department and name identify an item: a second item may not take them, however it tries. */
class ItemNamesE2ETest extends WorldTest {

    static String message(String itemId, String name, String department) {
        return "The item '" + itemId + "' already has the name '" + name + "' in department '" + department + "'";
    }

    static void assertTaken(Api.Reply r, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(r.json().at("/error/message").asText()).isEqualTo(message);
        assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("name");
    }

    @Test
    void ofTenParallelIdenticalPostsExactlyOneCreatesTheItem() throws Exception {
        String name = "木材运输检查";
        String body = Api.json(World.item(w.deptA, name));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                replies.add(pool.submit((Callable<Api.Reply>) () -> api.post("/items", w.adminToken, body)));
            }
            List<Api.Reply> done = new ArrayList<>();
            for (Future<Api.Reply> f : replies) {
                done.add(f.get());
            }
            List<Api.Reply> created = done.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).hasSize(1);
            String winner = created.get(0).json().get("itemId").asText();
            List<Api.Reply> refused = done.stream().filter(r -> r.status() != 201).toList();
            assertThat(refused).hasSize(9);
            refused.forEach(r -> assertTaken(r, message(winner, name, w.deptA)));
            assertThat(api.get("/items?department=" + w.deptA, w.adminToken).json().get("items"))
                    .filteredOn(i -> i.get("name").asText().equals(name)).extracting(i -> i.get("itemId").asText())
                    .containsExactly(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRenameIntoAnotherItemsNameIs409AndARenameFreesTheOldName() {
        String first = w.newItem(w.deptA, "古树名木保护检查");
        String second = w.newItem(w.deptA, "野生植物采集检查");
        ObjectNode item = (ObjectNode) api.get("/items/" + second, w.adminToken).json();
        // the same name once spaces and full-width forms are set aside; the message quotes the name asked for
        item.put("name", " 古树名木　保护检查 ");
        assertTaken(api.put("/items/" + second, w.adminToken, item.toString()),
                message(first, "古树名木　保护检查", w.deptA));
        assertThat(api.get("/items/" + second, w.adminToken).json().get("version").asLong()).isEqualTo(1);

        ObjectNode renamed = (ObjectNode) api.get("/items/" + first, w.adminToken).json();
        renamed.put("name", "古树名木养护检查");
        Api.Reply r = api.put("/items/" + first, w.adminToken, renamed.toString());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        // the old name is free again, the new one taken
        Api.Reply again = api.post("/items", w.adminToken, Api.json(World.item(w.deptA, "古树名木保护检查")));
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertTaken(api.post("/items", w.adminToken, Api.json(World.item(w.deptA, "古树名木养护检查"))),
                message(first, "古树名木养护检查", w.deptA));
        // another department may use the name
        assertThat(api.post("/items", w.adminToken, Api.json(World.item(w.deptB, "古树名木养护检查"))).status())
                .isEqualTo(201);
    }

    @Test
    void aRetiredItemKeepsItsName() {
        String retired = w.newItem(w.deptB, "林业植物检疫检查");
        assertThat(api.post("/items/" + retired + "/retire", w.adminToken,
                "{\"version\":1,\"reason\":\"法律依据废止\"}").status()).isEqualTo(200);
        assertTaken(api.post("/items", w.adminToken, Api.json(World.item(w.deptB, "林业植物检疫检查"))),
                message(retired, "林业植物检疫检查", w.deptB));
    }

    @Test
    void aTargetsImportNamingAnItemOfSeveralDepartmentsRejectsTheRowNamingThem() throws Exception {
        String name = "森林防火检查";
        String inA = w.newItem(w.deptA, name);
        String inB = w.newItem(w.deptB, name);
        List<String> sharing = new ArrayList<>(List.of(inA + " (" + w.deptA + ")", inB + " (" + w.deptB + ")"));
        sharing.sort(null);
        String code = w.newCreditCode();
        byte[] file = Uploads.csv(StandardCharsets.UTF_8, List.of(
                List.of("统一社会信用代码", "名称", "类型", "所属县区", "信用风险等级", "抽查事项"),
                List.of(code, "仙塘林场", "企业", w.county, "B", name),
                List.of(w.newCreditCode(), "蓝口林场", "企业", w.county, "B", inA)));
        String importId = ImportsThroughTheStackE2ETest.upload(w.adminToken, "targets", "事项重名.csv", file);
        JsonNode job = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + importId);
        assertThat(job.at("/rows/rejected").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.at("/rows/created").asLong()).isEqualTo(1);
        List<List<String>> report = ImportsThroughTheStackE2ETest.download(job.get("reportUrl").asText());
        assertThat(report).hasSize(2);
        assertThat(report.get(1).get(report.get(1).size() - 1)).isEqualTo("'" + name
                + "' is the name of items of several departments: " + String.join(", ", sharing)
                + "; give the item id instead");
        assertThat(api.get("/targets/" + code, w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void anItemsImportUpdatesTheItemOfThatDepartmentAndName() throws Exception {
        String inA = w.newItem(w.deptA, "松材线虫病疫情防控检查");
        String inB = w.newItem(w.deptB, "松材线虫病疫情防控检查");
        byte[] file = Uploads.csv(StandardCharsets.UTF_8, List.of(
                List.of("事项名称", "实施部门", "事项类别", "检查依据", "抽查内容", "检查方式", "检查对象类型"),
                List.of("松材线虫病疫情防控检查　", w.deptB, "一般检查事项", "《松材线虫病防治技术方案》", "检查疫木除治情况",
                        "实地核查", "企业")));
        String importId = ImportsThroughTheStackE2ETest.upload(w.adminToken, "items", "事项.csv", file);
        JsonNode job = ImportsThroughTheStackE2ETest.awaitImport("/imports/" + importId);
        assertThat(job.at("/rows/updated").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.at("/rows/created").asLong()).isZero();
        assertThat(job.at("/rows/rejected").asLong()).isZero();
        assertThat(api.get("/items/" + inB, w.adminToken).json().get("content").asText()).isEqualTo("检查疫木除治情况");
        assertThat(api.get("/items/" + inA, w.adminToken).json().get("version").asLong()).isEqualTo(1);
    }
}
