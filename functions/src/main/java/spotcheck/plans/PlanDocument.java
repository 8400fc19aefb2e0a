package spotcheck.plans;

import static java.util.Map.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spotcheck.core.Principal;
import spotcheck.sheets.Column;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.Store;

/**
 * The year's plans as the table a bureau attaches to its annual plan (附件1): one row per plan (抽查任务) with
 * its items, the targets in scope and how many there are, the ratio, the expected count, the period and the
 * lead and cooperating departments. Counts are taken from the pool now, for every plan in one read. Written
 * by the sheet writers, so no cell is ever run as a formula.
 */
public final class PlanDocument {
    private static final Map<String, String> TYPES = Map.of("random", "不定向", "targeted", "定向");
    private static final Map<String, String> LEVELS = Map.of("annual", "年度计划", "department", "部门计划");
    private static final Map<String, String> TARGET_TYPES = Map.ofEntries(entry("enterprise", "企业"),
            entry("individual", "个体工商户"), entry("other", "其他"), entry("product", "产品"),
            entry("project", "项目"), entry("behavior", "行为"));

    /** One row: its number, the plan, its estimate and the names its ids stand for. */
    record Row(int number, Plan plan, PlanEstimate estimate, PlanNames names) { }

    static final List<Column<Row>> COLUMNS = List.of(
            Column.exportOnly("number", "序号", r -> Integer.toString(r.number())),
            Column.exportOnly("planId", "计划编号", r -> r.plan().planId()),
            Column.exportOnly("name", "抽查任务名称", r -> r.plan().name()),
            Column.exportOnly("level", "计划类别", r -> LEVELS.get(r.plan().level())),
            Column.exportOnly("type", "抽查类型", r -> TYPES.get(r.plan().type())),
            Column.exportOnly("items", "抽查事项", r -> String.join("、", r.plan().items().stream()
                    .map(r.names()::itemName).toList())),
            Column.exportOnly("scope", "检查对象范围", PlanDocument::scope),
            Column.exportOnly("candidates", "检查对象数", r -> Long.toString(r.estimate().candidates())),
            Column.exportOnly("quota", "抽查比例", r -> quota(r.plan())),
            Column.exportOnly("expected", "预计抽查数量", r -> Long.toString(r.estimate().expected())),
            Column.exportOnly("period", "抽查时间", r -> r.plan().startDate() + "至" + r.plan().endDate()),
            Column.exportOnly("leadDepartment", "牵头部门", r -> r.names().org(r.plan().leadDepartment())),
            Column.exportOnly("cooperating", "配合部门", r -> String.join("、", r.names().orgs(r.plan().cooperating()))),
            Column.exportOnly("inspectorsPerTarget", "每户检查人员数", r -> Integer.toString(
                    r.plan().inspectorsPerTarget())),
            Column.exportOnly("status", "状态", r -> PlanStates.chinese(r.plan().status())));

    private final PlanService plans;
    private final PlanEstimates estimates;
    private final Store store;

    public PlanDocument(PlanService plans, PlanEstimates estimates, Store store) {
        this.plans = plans;
        this.estimates = estimates;
        this.store = store;
    }

    /** The reader's plans of {@code year} (every status), in id order, as xlsx or csv. */
    public byte[] annual(Principal reader, int year, String format) {
        List<Plan> found = plans.year(reader, year);
        PlanEstimates.Pass pass = estimates.estimate(found, false);
        PlanNames names = new PlanNames(store);
        List<Row> rows = new ArrayList<>();
        for (Plan p : found) {
            rows.add(new Row(rows.size() + 1, p, pass.byPlan().get(p.planId()), names));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = "csv".equals(format) ? Sheets.csvWriter(out) : Sheets.xlsxWriter(out, year + "年度抽查计划")) {
            w.writeRow(COLUMNS.stream().map(Column::header).toList());
            for (Row r : rows) {
                w.writeRow(COLUMNS.stream().map(c -> c.cell(r)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 东源县、和平县的企业、个体工商户（C类、D类）; a plan naming no county takes in every one (全市). */
    static String scope(Row r) {
        PlanScope s = r.plan().scope();
        String where = s.counties().isEmpty() ? "全市" : String.join("、", r.names().orgs(s.counties()));
        String what = s.targetTypes().isEmpty() ? "检查对象" : String.join("、", s.targetTypes().stream()
                .map(TARGET_TYPES::get).toList());
        String classes = s.riskClasses().isEmpty() ? "" : "（" + String.join("、", s.riskClasses().stream()
                .map(c -> c + "类").toList()) + "）";
        return where + "纳入抽查事项的" + what + classes;
    }

    /** A类 2%；D类 5户, or 3% for a plan that does not stratify. */
    static String quota(Plan p) {
        List<String> parts = new ArrayList<>();
        p.quota().forEach((stratum, rule) -> {
            String value = rule.ratio() != null
                    ? rule.ratio().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%"
                    : rule.count() + "户";
            parts.add(PlanRules.ALL.equals(stratum) ? value : stratum + "类 " + value);
        });
        return String.join("；", parts);
    }
}
