package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.store.EntityStore;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;

/**
 * Publication through the running stack: a reviewed result published by hand (and again, changing nothing); the
 * daily publication function run on demand for the day a result falls due on the official calendar (20 working days
 * after its completion, across the National Day holiday), publishing it and not the one due a day later, and
 * exporting the day's batch as CSV and XLSX in the bucket; the same day run again changing nothing; the public
 * results by credit code and by plan, without a private value. The tasks are stored as the results capability
 * leaves them (reviewed, exempt), straight through the store.
 */
class PublicationE2ETest extends WorldTest {
    static final Actor SEEDER = new Actor(new Principal("e2e-seeder", "seeder", "", Set.of(Role.ADMIN)), "e2e");

    Task seed(String planId, String targetId, String status, boolean publish, String completed, String due,
              String item) {
        EntityStore store = Stack.services().entities;
        String now = store.now();
        TaskResult result = new TaskResult(completed, "on_site", List.of(new TaskResult.ItemResult(item,
                publish ? "NO_PROBLEM" : "PENDING_FOLLOW_UP")), "负责人张三（身份证360426199101010071，手机13800138000）在场",
                publish, publish ? null : "待检验检测结果", "insp", now, "op", now, null, null, null);
        Task t = new Task("TSK-2026-E" + w.suffix.toUpperCase() + "-1-" + targetId, Task.RANDOM, 2026, planId, null,
                targetId, "B", List.of(item), List.of(w.deptA), List.of("INS-1", "INS-2"), status, null, false, null,
                null, null, null, completed, due, "2026-10-31", result, List.of(), 1, now, now);
        store.create(Task.KIND, t, SEEDER);
        return t;
    }

    @Test
    void resultsArePublishedByHandAndWhenDueExportedDailyAndShownWithoutPrivateData(@TempDir Path dir)
            throws Exception {
        String item = w.newItem(w.deptA, "林木采伐监督检查 " + w.suffix);
        String plan = w.newPlan(2026, w.deptA, item);
        String due = api.get("/calendar/working-days/add?from=2026-09-25&days=20", w.adminToken).json()
                .get("date").asText();
        assertThat(due).isEqualTo("2026-10-29");   // National Day 10-01..10-07 off, Saturday 10-10 worked

        Task byHand = seed(plan, w.newTarget(w.county), Task.REVIEWED, true, "2026-10-20", "2026-11-17", item);
        Task dueTask = seed(plan, w.newTarget(w.county), Task.REVIEWED, true, "2026-09-25", due, item);
        Task dayLater = seed(plan, w.newTarget(w.county), Task.REVIEWED, true, "2026-09-28", "2026-10-30", item);
        Task exempt = seed(plan, w.newTarget(w.county), Task.EXEMPT, false, "2026-09-25", due, item);

        // by hand: another department may not, the lead department may, once
        assertThat(api.post("/tasks/" + byHand.taskId() + "/publish", w.operatorB, "{\"version\":1}").status())
                .isEqualTo(404);
        Api.Reply published = api.post("/tasks/" + byHand.taskId() + "/publish", w.operatorA, "{\"version\":1}");
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.json().get("status").asText()).isEqualTo("published");
        assertThat(published.json().get("version").asLong()).isEqualTo(2);
        Api.Reply again = api.post("/tasks/" + byHand.taskId() + "/publish", w.operatorA, "{\"version\":1}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(2);
        Api.Reply refused = api.post("/tasks/" + exempt.taskId() + "/publish", w.adminToken, "{\"version\":1}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/error/message").asText()).contains("exempt");

        // the daily run of the due day (00:30 in Asia/Shanghai)
        Api.Reply run = api.post("/local/schedules/PublicationFunction/run", null,
                "{\"time\":\"2026-10-28T16:30:00Z\"}");
        assertThat(run.status()).as(run.text()).isEqualTo(200);
        assertThat(run.json().get("result").asText()).startsWith("PUB-2026-10-29 succeeded");
        assertThat(status(dueTask)).isEqualTo("published");
        assertThat(status(dayLater)).isEqualTo("reviewed");
        assertThat(status(exempt)).isEqualTo("exempt");

        JsonNode batch = api.get("/publications/PUB-2026-10-29", w.operatorA).json();
        assertThat(batch.at("/batch/status").asText()).isEqualTo("succeeded");
        List<String> ids = new ArrayList<>();
        batch.at("/batch/files/0/ids").forEach(n -> ids.add(n.asText()));
        assertThat(ids).contains(byHand.taskId(), dueTask.taskId()).doesNotContain(dayLater.taskId(),
                exempt.taskId());
        assertThat(batch.at("/batch/files/0/csvKey").asText())
                .isEqualTo("publications/2026/PUB-2026-10-29/results.csv");
        assertThat(api.get("/publications?year=2026", w.adminToken).json().get("items").findValuesAsText("batchId"))
                .contains("PUB-2026-10-29");
        Map<String, byte[]> files = new HashMap<>();
        List<String> sources = new java.util.ArrayList<>();
        for (JsonNode d : batch.get("downloads")) {
            sources.add(d.get("source").asText() + "." + d.get("format").asText());
            if ("results".equals(d.get("source").asText())) {
                files.put(d.get("format").asText(), download(d.get("url").asText()));
            }
        }
        // the day's results, and the penalty decisions recorded since the last batch (a file of its own)
        assertThat(sources).containsExactlyInAnyOrder("results.csv", "results.xlsx", "penalties.csv",
                "penalties.xlsx");
        assertThat(files).containsOnlyKeys("csv", "xlsx");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            List<List<String>> rows = read(dir, f.getKey(), f.getValue());
            assertThat(rows.get(0)).containsExactly("统一社会信用代码", "主体名称", "抽查计划编号", "抽查计划名称",
                    "抽查任务编号", "抽查任务名称", "抽查类型", "抽查机关", "抽查完成日期", "检查事项", "检查结果");
            assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly(dueTask.targetId(),
                    "木材加工厂 " + dueTask.targetId(), plan, r.get(3), dueTask.taskId(), r.get(3), "定向", "资源科",
                    "2026-09-25", "林木采伐监督检查 " + w.suffix, "未发现问题"));
            String all = rows.toString();
            assertThat(all).doesNotContain("张三", "360426199101010071", "13800138000", dayLater.taskId(),
                    exempt.taskId());
        }

        // the same day again: nothing changes
        long v1 = version(dueTask);
        long v2 = version(byHand);
        Api.Reply second = api.post("/local/schedules/PublicationFunction/run", null,
                "{\"time\":\"2026-10-28T16:45:00Z\"}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("result").asText()).contains("has finished already");
        assertThat(version(dueTask)).isEqualTo(v1);
        assertThat(version(byHand)).isEqualTo(v2);
        JsonNode same = api.get("/publications/PUB-2026-10-29", w.operatorA).json();
        assertThat(same.at("/batch/version")).isEqualTo(batch.at("/batch/version"));
        for (JsonNode d : same.get("downloads")) {
            if ("results".equals(d.get("source").asText())) {
                assertThat(download(d.get("url").asText())).isEqualTo(files.get(d.get("format").asText()));
            }
        }

        // public: by credit code and by plan, no token, nothing private; unknown → an empty page
        Api.Reply mine = api.get("/public/results?creditCode=" + dueTask.targetId(), null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("items")).hasSize(1);
        JsonNode r = mine.json().at("/items/0");
        assertThat(r.get("taskId").asText()).isEqualTo(dueTask.taskId());
        assertThat(r.get("creditCode").asText()).isEqualTo(dueTask.targetId());
        assertThat(r.get("checkType").asText()).isEqualTo("定向");
        assertThat(r.get("authority").asText()).isEqualTo("资源科");
        assertThat(r.at("/items/0/result").asText()).isEqualTo("未发现问题");
        assertThat(mine.text()).doesNotContain("张三", "360426199101010071", "13800138000", "findings", "INS-1");
        assertThat(api.get("/public/results?planId=" + plan, null).json().get("items").findValuesAsText("taskId"))
                .containsExactlyInAnyOrder(byHand.taskId(), dueTask.taskId());
        // page by page: the cursor is sealed (no task id in it), and the next page follows it
        JsonNode firstPage = api.get("/public/results?planId=" + plan + "&limit=1", null).json();
        String cursor = firstPage.get("next").asText();
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(cursor),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("TSK-");
        JsonNode secondPage = api.get("/public/results?planId=" + plan + "&limit=1&next=" + cursor, null).json();
        assertThat(List.of(firstPage.at("/items/0/taskId").asText(), secondPage.at("/items/0/taskId").asText()))
                .containsExactlyInAnyOrder(byHand.taskId(), dueTask.taskId());
        assertThat(api.get("/public/results?planId=" + plan + "&limit=1&next=" + cursor.substring(1), null).status())
                .isEqualTo(400);
        assertThat(api.get("/public/results?creditCode=" + exempt.targetId(), null).json().get("items")).isEmpty();
        assertThat(api.get("/public/results?creditCode=" + w.newCreditCode(), null).json().get("items")).isEmpty();
    }

    String status(Task t) {
        return api.get("/tasks/" + t.taskId(), w.adminToken).json().get("status").asText();
    }

    long version(Task t) {
        return api.get("/tasks/" + t.taskId(), w.adminToken).json().get("version").asLong();
    }

    static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    static List<List<String>> read(Path dir, String format, byte[] bytes) throws Exception {
        Path f = dir.resolve("results." + format);
        Files.write(f, bytes);
        List<List<String>> rows = new ArrayList<>();
        try (SheetReader reader = Sheets.open(f, f.getFileName().toString(), SheetLimits.DEFAULT)) {
            rows.add(reader.header());
            for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }
}
