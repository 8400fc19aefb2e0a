package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.handlers.Services;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.stats.StatsWorkbook;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;

/**
 * {@code GET /stats} through the stack: a county account's figures are exact (its county is this class's own), the
 * floor is met once a draw reaches 3%, the city-wide answer holds the county's row, a drawn target deregistered
 * since stays in scope, and a bad year answers 422. Once tasks have results (written through the store as the results
 * workflow leaves them), the indicators are exact, and {@code GET /stats/export} downloads them as the year-end
 * workbook, read back cell by cell, for a county account its county alone.
 */
class StatsE2ETest extends WorldTest {
    /** A year no other test class draws in. */
    private static final int YEAR = 2033;

    @Test
    void aCountysCoverageCountsItsDrawnTargetsAgainstTheFloor() {
        String item = w.newItem(w.deptA, "统计事项 " + w.suffix);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> target = World.target(w.county, "统计对象 " + i, w.newCreditCode());
            target.put("items", List.of(item));
            assertThat(api.post("/targets", w.adminToken, Api.json(target)).status()).isEqualTo(201);
        }
        // one target of the county under no item: in scope, never drawn
        w.newTarget(w.county);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> inspector = World.inspector(w.deptA, w.newCertificateNo());
            inspector.put("qualifiedItems", List.of(item));
            inspector.put("certificateValidUntil", "2035-12-31");
            assertThat(api.post("/inspectors", w.adminToken, Api.json(inspector)).status()).isEqualTo(201);
        }

        JsonNode before = stats(w.countyStaff).json();
        assertThat(before.get("county").asText()).isEqualTo(w.county);
        assertThat(before.get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":0,\"required\":1,\"ratio\":\"0.0000\",\"meetsFloor\":false}");

        Map<String, Object> plan = World.targetedPlan(YEAR, "统计计划 " + w.suffix, w.deptA, List.of(item), w.county);
        plan.put("quota", Map.of("ALL", "0.2"));
        String planId = api.post("/plans", w.adminToken, Api.json(plan)).json().get("planId").asText();
        assertThat(api.post("/plans/" + planId + "/approve", w.adminToken, "{\"version\":1}").status())
                .isEqualTo(200);
        assertThat(api.post("/plans/" + planId + "/draw", w.adminToken, "").status()).isEqualTo(201);

        JsonNode after = stats(w.countyStaff).json();
        // ceil(10 × 0.2) = 2 drawn of 11 in scope
        assertThat(after.get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        assertThat(after.get("byCounty")).hasSize(1);
        assertThat(after.at("/byCounty/0/county").asText()).isEqualTo(w.county);
        assertThat(after.at("/byCounty/0/name").asText()).isEqualTo("东源县林业局");
        assertThat(after.at("/byCounty/0/drawn").asLong()).isEqualTo(2);
        assertThat(after.get("byItem")).isEmpty();
        assertThat(after.get("byDepartment")).isEmpty();
        assertThat(after.get("tasks").toString()).isEqualTo("{\"total\":2,\"assigned\":2,\"unassigned\":0}");
        assertThat(after.get("problemDriven").toString()).isEqualTo("{\"tasks\":0}");
        // two random tasks, neither with a result yet; nothing published, so no on-time rate
        assertThat(after.get("completionRate").asText()).isEqualTo("0.0000");
        assertThat(after.has("onTimePublicationRate")).isTrue();
        assertThat(after.get("onTimePublicationRate").isNull()).isTrue();

        // another county's account sees its own (empty) county
        JsonNode other = stats(w.county2Staff).json();
        assertThat(other.get("overall").toString()).isEqualTo(
                "{\"inScope\":0,\"drawn\":0,\"required\":0,\"ratio\":null,\"meetsFloor\":true}");

        // the city-wide answer holds the same row for the county, and the item's figures
        JsonNode city = stats(w.auditor).json();
        assertThat(city.get("county").isNull()).isTrue();
        JsonNode row = find(city.get("byCounty"), "county", w.county);
        assertThat(row.toString()).isEqualTo("{\"county\":\"" + w.county + "\",\"name\":\"东源县林业局\","
                + "\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode itemRow = find(city.get("byItem"), "itemId", item);
        assertThat(itemRow.get("inScope").asLong()).isEqualTo(10);
        assertThat(itemRow.get("drawn").asLong()).isEqualTo(2);
        assertThat(itemRow.get("ratio").asText()).isEqualTo("0.2000");
        JsonNode department = find(city.get("byDepartment"), "department", w.deptA);
        assertThat(department.get("name").asText()).isEqualTo("资源科");
        assertThat(department.get("drawn").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(city.at("/read/queries").asInt()).isPositive();

        // a drawn target deregistered since stays in scope where it counts as drawn: the figures do not move
        String drawnTarget = api.get("/tasks?planId=" + planId + "&year=" + YEAR, w.adminToken).json()
                .at("/items/0/targetId").asText();
        long version = api.get("/targets/" + drawnTarget, w.adminToken).json().get("version").asLong();
        assertThat(api.post("/targets/" + drawnTarget + "/deactivate", w.adminToken, "{\"version\":" + version
                + ",\"reason\":\"已注销\"}").status()).isEqualTo(200);
        assertThat(stats(w.countyStaff).json().get("overall").toString()).isEqualTo(
                "{\"inScope\":11,\"drawn\":2,\"required\":1,\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode later = stats(w.auditor).json();
        assertThat(find(later.get("byCounty"), "county", w.county).toString()).isEqualTo("{\"county\":\""
                + w.county + "\",\"name\":\"东源县林业局\",\"inScope\":11,\"drawn\":2,\"required\":1,"
                + "\"ratio\":\"0.1818\",\"meetsFloor\":true}");
        JsonNode laterItem = find(later.get("byItem"), "itemId", item);
        assertThat(laterItem.get("inScope").asLong()).isEqualTo(10);
        assertThat(laterItem.get("drawn").asLong()).isEqualTo(2);
    }

    @Test
    void aYearThatIsNoYearAnswers422() {
        for (String bad : List.of("", "?year=", "?year=26", "?year=1999", "?year=2101", "?year=二〇二六")) {
            Api.Reply r = api.get("/stats" + bad, w.adminToken);
            assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(422);
            assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("year");
        }
    }

    /** A year of a world of its own, so that its county's figures are exactly its own. */
    private static final int RESULTS_YEAR = 2034;

    @Test
    void theIndicatorsOfTasksWithResultsAndTheYearEndWorkbook() throws Exception {
        World v = new World(api);
        String itemA = v.newItem(v.deptA, "指标事项 A " + v.suffix);
        String itemB = v.newItem(v.deptB, "指标事项 B " + v.suffix);
        for (int i = 0; i < 10; i++) {
            Map<String, Object> target = World.target(v.county, "指标对象 " + i, v.newCreditCode());
            target.put("items", List.of(itemA, itemB));
            assertThat(api.post("/targets", v.adminToken, Api.json(target)).status()).isEqualTo(201);
        }
        for (String[] inspector : List.of(new String[] {v.deptA, itemA}, new String[] {v.deptA, itemA},
                new String[] {v.deptB, itemB}, new String[] {v.deptB, itemB})) {
            Map<String, Object> body = World.inspector(inspector[0], v.newCertificateNo());
            body.put("qualifiedItems", List.of(inspector[1]));
            body.put("certificateValidUntil", "2036-12-31");
            assertThat(api.post("/inspectors", v.adminToken, Api.json(body)).status()).isEqualTo(201);
        }
        // 4 of the 10 by the resources department, then 2 others by a joint plan with the protection department
        Map<String, Object> single = World.targetedPlan(RESULTS_YEAR, "单部门抽查 " + v.suffix, v.deptA,
                List.of(itemA), v.county);
        single.put("quota", Map.of("ALL", "0.4"));
        Map<String, Object> joint = World.targetedPlan(RESULTS_YEAR, "联合抽查 " + v.suffix, v.deptA,
                List.of(itemA, itemB), v.county);
        joint.put("departments", List.of(v.deptA, v.deptB));
        joint.put("joint", true);
        joint.put("quota", Map.of("ALL", "0.2"));
        joint.put("excludeDrawnThisYear", true);
        List<String> singleTasks = drawn(v, single);
        List<String> jointTasks = drawn(v, joint);
        assertThat(singleTasks).hasSize(4);
        assertThat(jointTasks).hasSize(2);

        // before any result: 6 random tasks, none completed; nothing published
        JsonNode before = stats(v.countyStaff, RESULTS_YEAR).json();
        assertThat(before.get("completionRate").asText()).isEqualTo("0.0000");
        assertThat(before.get("onTimePublicationRate").isNull()).isTrue();

        // results as the workflow leaves them: one left to do, one entered and overdue, one published on its due
        // day (23:59:59 in Asia/Shanghai), one exempt, the joint plan's published a second late and reviewed
        Services s = Stack.services();
        result(s, singleTasks.get(1), Task.ENTERED, "2020-01-06", null, itemA, "NO_PROBLEM");
        result(s, singleTasks.get(2), Task.PUBLISHED, "2034-09-15", "2034-09-15T15:59:59Z", itemA, "CORRECTED");
        result(s, singleTasks.get(3), Task.EXEMPT, "2034-09-01", null, itemA, "PENDING_FOLLOW_UP");
        result(s, jointTasks.get(0), Task.PUBLISHED, "2034-09-10", "2034-09-10T16:00:00Z", itemA, "NO_PROBLEM",
                itemB, "NO_PROBLEM");
        result(s, jointTasks.get(1), Task.REVIEWED, "2099-12-31", null, itemA, "NO_PROBLEM", itemB, "CORRECTED");

        JsonNode county = stats(v.countyStaff, RESULTS_YEAR).json();
        assertThat(county.get("overall").toString()).isEqualTo(
                "{\"inScope\":10,\"drawn\":6,\"required\":1,\"ratio\":\"0.6000\",\"meetsFloor\":true}");
        assertThat(county.get("completionRate").asText()).isEqualTo("0.8333");
        assertThat(county.get("onTimePublicationRate").asText()).isEqualTo("0.5000");
        JsonNode overall = county.at("/indicators/overall");
        assertThat(overall.get("completion").toString()).isEqualTo(
                "{\"random\":{\"tasks\":6,\"completed\":5,\"rate\":\"0.8333\"},"
                + "\"problem\":{\"tasks\":0,\"completed\":0,\"rate\":null}}");
        assertThat(overall.get("publication").toString()).isEqualTo("{\"completed\":5,\"exempt\":1,\"toPublish\":4,"
                + "\"published\":2,\"rate\":\"0.5000\",\"onTime\":1,\"late\":1,\"onTimeRate\":\"0.5000\","
                + "\"overdueUnpublished\":1}");
        assertThat(overall.get("joint").toString()).isEqualTo(
                "{\"randomTasks\":6,\"jointTasks\":2,\"share\":\"0.3333\"}");
        Map<String, String> labels = s.categoryLabels.labels();
        assertThat(categories(overall.get("categories"), labels)).isEqualTo(
                Map.of("NO_PROBLEM", 4L, "CORRECTED", 2L, "PENDING_FOLLOW_UP", 1L));
        assertThat(county.at("/indicators/byItem")).isEmpty();
        assertThat(county.at("/indicators/byCounty")).hasSize(1);
        JsonNode countyLine = county.at("/indicators/byCounty/0");
        assertThat(countyLine.get("county").asText()).isEqualTo(v.county);
        for (String part : List.of("completion", "publication", "categories", "joint")) {
            assertThat(countyLine.get(part)).isEqualTo(overall.get(part));
        }

        // city-wide, the county's line is the same, and each item of this world has its line
        JsonNode city = stats(v.auditor, RESULTS_YEAR).json();
        JsonNode cityCounty = find(city.at("/indicators/byCounty"), "county", v.county);
        assertThat(cityCounty).isEqualTo(countyLine);
        JsonNode lineA = find(city.at("/indicators/byItem"), "itemId", itemA);
        assertThat(lineA.get("publication")).isEqualTo(overall.get("publication"));
        assertThat(categories(lineA.get("categories"), labels)).isEqualTo(
                Map.of("NO_PROBLEM", 3L, "CORRECTED", 1L, "PENDING_FOLLOW_UP", 1L));
        JsonNode lineB = find(city.at("/indicators/byItem"), "itemId", itemB);
        assertThat(lineB.get("completion").toString()).isEqualTo(
                "{\"random\":{\"tasks\":2,\"completed\":2,\"rate\":\"1.0000\"},"
                + "\"problem\":{\"tasks\":0,\"completed\":0,\"rate\":null}}");
        assertThat(lineB.get("publication").toString()).isEqualTo("{\"completed\":2,\"exempt\":0,\"toPublish\":2,"
                + "\"published\":1,\"rate\":\"0.5000\",\"onTime\":0,\"late\":1,\"onTimeRate\":\"0.0000\","
                + "\"overdueUnpublished\":0}");
        assertThat(lineB.get("joint").toString()).isEqualTo(
                "{\"randomTasks\":2,\"jointTasks\":2,\"share\":\"1.0000\"}");
        assertThat(find(city.at("/indicators/byDepartment"), "department", v.deptB).get("name").asText())
                .isEqualTo("保护科");

        // the year-end workbook of the county account, read back cell by cell
        Path book = download(v.countyStaff, RESULTS_YEAR);
        List<String> figures = List.of("10", "6", "1", "0.6000", "是", "6", "5", "0.8333", "0", "0", "", "5", "1", "4",
                "2", "0.5000", "1", "1", "0.5000", "1", "2", "0.3333");
        List<List<String>> overview = new ArrayList<>();
        overview.add(List.of("指标", "数值"));
        overview.add(List.of("年度", "2034"));
        overview.add(List.of("范围", "东源县林业局"));
        overview.add(List.of("抽查比例下限", "0.03"));
        for (int i = 0; i < figures.size(); i++) {
            overview.add(List.of(StatsWorkbook.FIGURE_HEADERS.get(i), figures.get(i)));
        }
        assertThat(sheet(book, StatsWorkbook.OVERVIEW)).isEqualTo(overview);
        List<String> countyRow = new ArrayList<>(List.of(v.county, "东源县林业局"));
        countyRow.addAll(figures);
        List<String> countyHeader = new ArrayList<>(List.of("县区编号", "县区名称"));
        countyHeader.addAll(StatsWorkbook.FIGURE_HEADERS);
        assertThat(sheet(book, StatsWorkbook.BY_COUNTY)).containsExactly(countyHeader, countyRow);
        // a county account's workbook has no item or department lines: a header alone
        for (String name : List.of(StatsWorkbook.BY_ITEM, StatsWorkbook.BY_DEPARTMENT)) {
            assertThatThrownBy(() -> sheet(book, name)).isInstanceOfSatisfying(SheetException.class,
                    e -> assertThat(e.code()).isEqualTo(SheetException.HEADER_ONLY));
        }
        List<List<String>> byCategory = new ArrayList<>();
        byCategory.add(List.of("结果代码", "检查结果", "检查结果数"));
        Map<String, Long> counted = new TreeMap<>(Map.of("NO_PROBLEM", 4L, "CORRECTED", 2L, "PENDING_FOLLOW_UP", 1L));
        labels.forEach((code, label) -> byCategory.add(List.of(code, label,
                String.valueOf(counted.getOrDefault(code, 0L)))));
        counted.forEach((code, n) -> {
            if (!labels.containsKey(code)) {
                byCategory.add(List.of(code, "", String.valueOf(n)));
            }
        });
        byCategory.add(List.of("合计", "", "7"));
        assertThat(sheet(book, StatsWorkbook.BY_CATEGORY)).isEqualTo(byCategory);

        // the city's workbook holds the same county line and this world's items; the other county's, its own county
        Path cityBook = download(v.auditor, RESULTS_YEAR);
        assertThat(sheet(cityBook, StatsWorkbook.BY_COUNTY)).contains(countyRow);
        List<String> itemBRow = new ArrayList<>(List.of(itemB, "指标事项 B " + v.suffix, v.deptB, "active", "10", "2",
                "1", "0.2000", "是", "2", "2", "1.0000", "0", "0", "", "2", "0", "2", "1", "0.5000", "0", "1", "0.0000",
                "0", "2", "1.0000"));
        assertThat(sheet(cityBook, StatsWorkbook.BY_ITEM)).contains(itemBRow);
        List<List<String>> otherCounty = sheet(download(v.county2Staff, RESULTS_YEAR), StatsWorkbook.BY_COUNTY);
        assertThat(otherCounty).hasSize(2);
        assertThat(otherCounty.get(1).subList(0, 4)).containsExactly(v.county2, "和平县林业局", "0", "0");
        assertThat(api.get("/stats/export?year=" + RESULTS_YEAR, v.inspector).status()).isEqualTo(403);
        assertThat(api.get("/stats/export?year=26", v.adminToken).status()).isEqualTo(422);
    }

    /** Approves and draws the plan; answers its tasks' ids. */
    private static List<String> drawn(World v, Map<String, Object> plan) {
        Api.Reply created = api.post("/plans", v.adminToken, Api.json(plan));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String planId = created.json().get("planId").asText();
        assertThat(api.post("/plans/" + planId + "/approve", v.adminToken, "{\"version\":1}").status())
                .isEqualTo(200);
        Api.Reply draw = api.post("/plans/" + planId + "/draw", v.adminToken, "");
        assertThat(draw.status()).as(draw.text()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        api.get("/tasks?planId=" + planId + "&year=" + RESULTS_YEAR, v.adminToken).json().get("items")
                .forEach(t -> ids.add(t.get("taskId").asText()));
        return ids;
    }

    /** Writes a task's result and status through the store, as the results workflow leaves them. */
    private static void result(Services s, String taskId, String status, String publicationDue, String publishedAt,
                               String... itemAndCategory) {
        Task before = s.entities.require(Task.KIND, taskId);
        List<TaskResult.ItemResult> items = new ArrayList<>();
        for (int i = 0; i < itemAndCategory.length; i += 2) {
            items.add(new TaskResult.ItemResult(itemAndCategory[i], itemAndCategory[i + 1]));
        }
        TaskResult result = new TaskResult("2034-08-20", "实地核查", items, "现场核查记录", !Task.EXEMPT.equals(status),
                Task.EXEMPT.equals(status) ? "待检验检测结果" : null, "INS-1", "2034-08-20T02:00:00Z", "op-1",
                "2034-08-21T02:00:00Z", null, publishedAt, null);
        Task after = new Task(before.taskId(), before.kind(), before.year(), before.planId(), before.drawId(),
                before.targetId(), before.stratum(), before.items(), before.departments(), before.inspectors(), status,
                before.unassigned(), before.manual(), before.assignmentNote(), before.source(), before.sourceRef(),
                before.note(), "2034-08-20", publicationDue, before.resultsDue(), result, before.attachments(),
                before.version() + 1, before.createdAt(), s.entities.now());
        s.entities.update(Task.KIND, before, after, new Actor(new Principal("stats-e2e", "统计测试", null,
                java.util.Set.of(Role.ADMIN)), "stats-e2e"), "result");
    }

    /** Each category's count, its label being the configured one (none for a code the list does not name). */
    private static Map<String, Long> categories(JsonNode categories, Map<String, String> labels) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode c : categories) {
            String code = c.get("code").asText();
            assertThat(c.get("label").isNull() ? null : c.get("label").asText()).isEqualTo(labels.get(code));
            out.put(code, c.get("results").asLong());
        }
        return out;
    }

    private static Path download(String token, int year) throws Exception {
        HttpResponse<byte[]> r = ImportsThroughTheStackE2ETest.HTTP.send(HttpRequest.newBuilder(URI.create(
                Stack.get().apiUrl() + "/stats/export?year=" + year)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(r.headers().firstValue("content-disposition").orElseThrow()).contains(".xlsx");
        Path file = Files.createTempFile("stats", ".xlsx");
        file.toFile().deleteOnExit();
        Files.write(file, r.body());
        return file;
    }

    /** Every row of one sheet of the workbook, its header first. */
    private static List<List<String>> sheet(Path file, String name) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (SheetReader r = Sheets.openSheet(file, "stats.xlsx", name, SheetLimits.DEFAULT)) {
            rows.add(r.header());
            for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }

    private static Api.Reply stats(String token, int year) {
        Api.Reply r = api.get("/stats?year=" + year, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    private static Api.Reply stats(String token) {
        Api.Reply r = api.get("/stats?year=" + YEAR, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in " + rows);
    }
}
