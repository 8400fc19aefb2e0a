package spotcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.DONGYUAN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.draws.DrawJob;
import spotcheck.jobs.JobState;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.stats.Indicators.CategoryCount;
import spotcheck.stats.Indicators.Completion;
import spotcheck.stats.Indicators.Count;
import spotcheck.stats.Indicators.Joint;
import spotcheck.stats.Indicators.Publication;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;

/**
 * The indicators of a year's tasks with results, read through the store (tasks in each status written with their
 * result as the results workflow leaves them), city-wide and for a county account, and the year-end workbook read
 * back cell by cell. The store's clock says 2026-03-02 (Asia/Shanghai), which decides what is overdue.
 */
class StatsIndicatorsServiceTest {
    static final int YEAR = 2028;
    static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("NO_PROBLEM", "未发现问题");
        LABELS.put("CORRECTED", "发现问题已责令改正");
        LABELS.put("PENDING_FOLLOW_UP", "发现问题待后续处理");
        LABELS.put("NO_RELEVANT_ACTIVITY", "未发现开展本次抽查涉及的经营活动");
    }

    final MemoryStore store = new MemoryStore(CLOCK);
    final StatsService stats = new StatsService(store, new CandidatePool(store), () -> LABELS);

    @TempDir
    Path dir;

    @BeforeEach
    void year() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-police", "河源市公安局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        item("ITEM-1", "hy-forest");
        item("ITEM-2", "hy-forest");
        item("ITEM-P", "hy-police");
        for (int i = 0; i < 40; i++) {
            target("D" + i, "dongyuan", "ITEM-1");
        }
        for (int i = 0; i < 20; i++) {
            target("H" + i, "heping", "ITEM-1", "ITEM-2");
        }
        for (int i = 0; i < 5; i++) {
            target("P" + i, "heping", "ITEM-P");
        }
        draw("DRW-2028-eeee-1", false);
        draw("DRW-2028-ffff-1", true);
        List<String> forest = List.of("hy-forest");
        task("DRW-2028-eeee-1", "D0", Task.RANDOM, Task.ASSIGNED, List.of("ITEM-1"), forest, null, null);
        // entered, due the Friday before today: overdue
        task("DRW-2028-eeee-1", "D1", Task.RANDOM, Task.ENTERED, List.of("ITEM-1"), forest, "2026-02-27",
                result(null, "ITEM-1", "NO_PROBLEM"));
        // published at 23:59:59 of its due day in Shanghai: on time
        task("DRW-2028-eeee-1", "D2", Task.RANDOM, Task.PUBLISHED, List.of("ITEM-1"), forest, "2026-03-02",
                result("2026-03-02T15:59:59Z", "ITEM-1", "CORRECTED"));
        task("DRW-2028-eeee-1", "H1", Task.RANDOM, Task.EXEMPT, List.of("ITEM-1", "ITEM-2"), forest, "2026-02-01",
                result(null, "ITEM-1", "PENDING_FOLLOW_UP", "ITEM-2", "NO_PROBLEM"));
        // a joint plan's task, published at 00:00 of the day after its due day in Shanghai: late
        task("DRW-2028-eeee-1", "P1", Task.RANDOM, Task.PUBLISHED, List.of("ITEM-2", "ITEM-P"),
                List.of("hy-forest", "hy-police"), "2026-02-10",
                result("2026-02-10T16:00:00Z", "ITEM-2", "NO_PROBLEM", "ITEM-P", "NO_PROBLEM"));
        // a voided draw's published task: nothing
        task("DRW-2028-ffff-1", "D5", Task.RANDOM, Task.PUBLISHED, List.of("ITEM-1"), forest, "2026-02-10",
                result("2026-02-01T00:00:00Z", "ITEM-1", "NO_PROBLEM"));
        // a problem-driven check, reviewed, due later
        store.create(Task.KIND, new Task("TSK-2028-P-D7", Task.PROBLEM, YEAR, null, null, "D7", null,
                List.of("ITEM-1"), forest, List.of("INS-1", "INS-2"), Task.REVIEWED, null, true, null, "complaint",
                "12345", null, "2026-02-09", "2026-03-10", null, result(null, "ITEM-1", "NO_PROBLEM"), null, 1,
                store.now(), store.now()), ADMIN);
    }

    @Test
    void theCitysIndicators() {
        StatsService.Stats s = stats.coverage(ADMIN.principal(), YEAR);
        // random D0 D1 D2 H1 P1, 4 with a result; problem-driven D7 with one
        assertThat(s.completionRate()).isEqualTo("0.8000");
        assertThat(s.onTimePublicationRate()).isEqualTo("0.5000");
        Indicators.Figures all = s.indicators().overall();
        assertThat(all.completion()).isEqualTo(new Completion(new Count(5, 4, "0.8000"), new Count(1, 1, "1.0000")));
        // completed D1 D2 H1 P1 D7, H1 exempt; D2 and P1 published, P1 late; D1 overdue
        assertThat(all.publication()).isEqualTo(new Publication(5, 1, 4, 2, "0.5000", 1, 1, "0.5000", 1));
        assertThat(all.categories()).containsExactly(new CategoryCount("NO_PROBLEM", "未发现问题", 5),
                new CategoryCount("CORRECTED", "发现问题已责令改正", 1),
                new CategoryCount("PENDING_FOLLOW_UP", "发现问题待后续处理", 1));
        assertThat(all.joint()).isEqualTo(new Joint(5, 1, "0.2000"));

        assertThat(s.indicators().byItem()).extracting(StatsService.ItemIndicators::itemId)
                .containsExactly("ITEM-1", "ITEM-2", "ITEM-P");
        StatsService.ItemIndicators item1 = s.indicators().byItem().get(0);
        assertThat(item1.name()).isEqualTo("事项 ITEM-1");
        assertThat(item1.completion()).isEqualTo(new Completion(new Count(4, 3, "0.7500"),
                new Count(1, 1, "1.0000")));
        assertThat(item1.publication()).isEqualTo(new Publication(4, 1, 3, 1, "0.3333", 1, 0, "1.0000", 1));
        assertThat(item1.categories()).containsExactly(new CategoryCount("NO_PROBLEM", "未发现问题", 2),
                new CategoryCount("CORRECTED", "发现问题已责令改正", 1),
                new CategoryCount("PENDING_FOLLOW_UP", "发现问题待后续处理", 1));
        assertThat(s.indicators().byDepartment()).extracting(StatsService.DepartmentIndicators::name)
                .containsExactly("资源科", "河源市公安局");
        assertThat(s.indicators().byDepartment().get(1).joint()).isEqualTo(new Joint(1, 1, "1.0000"));

        assertThat(s.indicators().byCounty()).extracting(StatsService.CountyIndicators::county)
                .containsExactly("dongyuan", "heping");
        StatsService.CountyIndicators dongyuan = s.indicators().byCounty().get(0);
        assertThat(dongyuan.name()).isEqualTo("东源县");
        assertThat(dongyuan.completion()).isEqualTo(new Completion(new Count(3, 2, "0.6666"),
                new Count(1, 1, "1.0000")));
        assertThat(dongyuan.publication()).isEqualTo(new Publication(3, 0, 3, 1, "0.3333", 1, 0, "1.0000", 1));
        StatsService.CountyIndicators heping = s.indicators().byCounty().get(1);
        assertThat(heping.completion()).isEqualTo(new Completion(new Count(2, 2, "1.0000"), new Count(0, 0, null)));
        assertThat(heping.publication()).isEqualTo(new Publication(2, 1, 1, 1, "1.0000", 0, 1, "0.0000", 0));
        assertThat(heping.joint()).isEqualTo(new Joint(2, 1, "0.5000"));
        // the same compact reads as coverage alone: orgs, the year's tasks, the pool, items
        assertThat(s.read().indexItems()).isEqualTo(5 + 7 + 65 + 3);
    }

    @Test
    void aCountyAccountSeesItsCountysIndicatorsOnly() {
        StatsService.Stats s = stats.coverage(DONGYUAN.principal(), YEAR);
        assertThat(s.indicators().byItem()).isEmpty();
        assertThat(s.indicators().byDepartment()).isEmpty();
        assertThat(s.indicators().byCounty()).extracting(StatsService.CountyIndicators::county)
                .containsExactly("dongyuan");
        Indicators.Figures own = s.indicators().overall();
        StatsService.CountyIndicators line = s.indicators().byCounty().get(0);
        assertThat(own).isEqualTo(new Indicators.Figures(line.completion(), line.publication(), line.categories(),
                line.joint()));
        assertThat(own.completion()).isEqualTo(new Completion(new Count(3, 2, "0.6666"), new Count(1, 1, "1.0000")));
        assertThat(own.categories()).containsExactly(new CategoryCount("NO_PROBLEM", "未发现问题", 2),
                new CategoryCount("CORRECTED", "发现问题已责令改正", 1));
        assertThat(s.completionRate()).isEqualTo("0.6666");
        assertThat(s.onTimePublicationRate()).isEqualTo("1.0000");
    }

    @Test
    void theWorkbookHoldsEveryFigureAsText() throws Exception {
        Path file = dir.resolve("stats.xlsx");
        Files.write(file, stats.export(ADMIN.principal(), YEAR));
        assertThat(sheet(file, StatsWorkbook.OVERVIEW)).containsExactly(
                List.of("指标", "数值"), List.of("年度", "2028"), List.of("范围", "全市"), List.of("抽查比例下限", "0.03"),
                List.of("在范围检查对象数", "65"), List.of("已抽取检查对象数", "5"), List.of("应抽取数（3%）", "2"),
                List.of("抽查比例", "0.0769"), List.of("达到3%下限", "是"), List.of("随机抽查任务数", "5"),
                List.of("随机抽查已完成", "4"), List.of("随机抽查任务完成率", "0.8000"), List.of("问题导向任务数", "1"),
                List.of("问题导向已完成", "1"), List.of("问题导向任务完成率", "1.0000"), List.of("已录入结果任务数", "5"),
                List.of("不予公示", "1"), List.of("应公示", "4"), List.of("已公示", "2"), List.of("公示率", "0.5000"),
                List.of("按期公示", "1"), List.of("逾期公示", "1"), List.of("按期公示率", "0.5000"),
                List.of("逾期未公示", "1"), List.of("联合抽查任务数", "1"), List.of("联合抽查占比", "0.2000"));
        List<String> figures = StatsWorkbook.FIGURE_HEADERS;
        List<List<String>> counties = sheet(file, StatsWorkbook.BY_COUNTY);
        assertThat(counties.get(0)).isEqualTo(concat(List.of("县区编号", "县区名称"), figures));
        assertThat(counties.subList(1, counties.size())).containsExactly(
                List.of("dongyuan", "东源县", "40", "3", "2", "0.0750", "是", "3", "2", "0.6666", "1", "1", "1.0000",
                        "3", "0", "3", "1", "0.3333", "1", "0", "1.0000", "1", "0", "0.0000"),
                // no problem-driven task in heping: its rate is an empty cell
                List.of("heping", "和平县", "25", "2", "1", "0.0800", "是", "2", "2", "1.0000", "0", "0", "", "2",
                        "1", "1", "1", "1.0000", "0", "1", "0.0000", "0", "1", "0.5000"));
        List<List<String>> items = sheet(file, StatsWorkbook.BY_ITEM);
        assertThat(items.get(0)).isEqualTo(concat(List.of("事项编号", "事项名称", "所属部门", "状态"), figures));
        assertThat(items.get(1)).isEqualTo(List.of("ITEM-1", "事项 ITEM-1", "hy-forest", "active", "60", "4", "2",
                "0.0666", "是", "4", "3", "0.7500", "1", "1", "1.0000", "4", "1", "3", "1", "0.3333", "1", "0",
                "1.0000", "1", "0", "0.0000"));
        assertThat(items).hasSize(4);
        List<List<String>> departments = sheet(file, StatsWorkbook.BY_DEPARTMENT);
        assertThat(departments).extracting(r -> r.get(1)).containsExactly("部门名称", "资源科", "河源市公安局");
        assertThat(departments.get(2).subList(7, departments.get(2).size())).isEqualTo(List.of("1", "1", "1.0000",
                "0", "0", "", "1", "0", "1", "1", "1.0000", "0", "1", "0.0000", "0", "1", "1.0000"));
        // every configured category, zero included, then the total of item results
        assertThat(sheet(file, StatsWorkbook.BY_CATEGORY)).containsExactly(
                List.of("结果代码", "检查结果", "检查结果数"), List.of("NO_PROBLEM", "未发现问题", "5"),
                List.of("CORRECTED", "发现问题已责令改正", "1"), List.of("PENDING_FOLLOW_UP", "发现问题待后续处理", "1"),
                List.of("NO_RELEVANT_ACTIVITY", "未发现开展本次抽查涉及的经营活动", "0"), List.of("合计", "", "7"));
    }

    @Test
    void aCountyAccountsWorkbookHoldsItsCountyAlone() throws Exception {
        Path file = dir.resolve("county.xlsx");
        Files.write(file, stats.export(DONGYUAN.principal(), YEAR));
        assertThat(sheet(file, StatsWorkbook.OVERVIEW).get(2)).isEqualTo(List.of("范围", "东源县"));
        // a header and no line (the reader refuses such a sheet as an upload, which says exactly that)
        for (String name : List.of(StatsWorkbook.BY_ITEM, StatsWorkbook.BY_DEPARTMENT)) {
            assertThatThrownBy(() -> sheet(file, name)).isInstanceOfSatisfying(SheetException.class,
                    e -> assertThat(e.code()).isEqualTo(SheetException.HEADER_ONLY));
        }
        assertThat(sheet(file, StatsWorkbook.BY_COUNTY)).extracting(r -> r.get(0))
                .containsExactly("县区编号", "dongyuan");
        assertThat(sheet(file, StatsWorkbook.BY_CATEGORY)).extracting(r -> r.get(2))
                .containsExactly("检查结果数", "2", "1", "0", "0", "3");
    }

    /** Every row of one sheet, the header first, each row as long as the header. */
    static List<List<String>> sheet(Path file, String name) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (SheetReader r = Sheets.openSheet(file, "stats.xlsx", name, SheetLimits.DEFAULT)) {
            rows.add(r.header());
            for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private TaskResult result(String publishedAt, String... itemAndCategory) {
        List<TaskResult.ItemResult> items = new ArrayList<>();
        for (int i = 0; i < itemAndCategory.length; i += 2) {
            items.add(new TaskResult.ItemResult(itemAndCategory[i], itemAndCategory[i + 1]));
        }
        return new TaskResult("2026-02-01", "实地核查", items, "现场检查记录", true, null, "INS-1",
                "2026-02-01T02:00:00Z", "op-1", "2026-02-02T02:00:00Z", null, publishedAt, null);
    }

    private void item(String id, String department) {
        store.create(Item.KIND, new Item(id, "事项 " + id, department, "general", "法", "内容", List.of("on_site"),
                List.of("enterprise"), "active", null, null, 1, store.now(), store.now()), ADMIN);
    }

    private void target(String id, String county, String... items) {
        store.create(Target.KIND, new Target(id, null, "对象 " + id, "enterprise", county, List.of(items), "B",
                "active", null, "张三", null, null, null, List.of(), null, 1, "t", "t"), ADMIN);
    }

    private void draw(String drawId, boolean voided) {
        store.create(DrawJob.KIND, new DrawJob(drawId, "PLAN-" + drawId.substring(4, drawId.length() - 2), 1,
                "00".repeat(32), null, null, JobState.SUCCEEDED, 1, null, "r", "c", 0, 0, 0, true, 0,
                voided ? new DrawJob.Voiding("见证人缺席", store.now(), "admin-1") : null, List.of(), List.of(), "admin-1",
                "hy-bureau", List.of("admin"), 1, store.now(), null, null, store.now()), ADMIN);
    }

    private void task(String drawId, String targetId, String kind, String status, List<String> items,
                      List<String> departments, String publicationDue, TaskResult result) {
        store.create(Task.KIND, new Task(Task.drawnId(drawId, targetId), kind, YEAR, "PLAN-1", drawId, targetId,
                "ALL", items, departments, List.of("INS-1", "INS-2"), status, null, false, null, null, null, null,
                result == null ? null : result.inspectionDate(), publicationDue, "2028-10-31", result, null, 1,
                store.now(), store.now()), ADMIN);
    }
}
