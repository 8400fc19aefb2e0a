package spotcheck.stats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.sheets.XlsxWorkbookWriter;

/**
 * A year's statistics as the XLSX workbook of the year-end report ({@code GET /stats/export?year=}), written from
 * the same answer as {@code GET /stats} (so a county account's workbook holds its county alone): 总览 (the overall
 * figures, one per row), 按事项, 按部门 and 按县区 (one line each, coverage then indicators), and 检查结果分类 (per
 * category the number of item results, every configured category listed, zero included). Every cell is text; a
 * ratio with no denominator is an empty cell, a floor met or not 是 or 否.
 */
public final class StatsWorkbook {
    public static final String OVERVIEW = "总览";
    public static final String BY_ITEM = "按事项";
    public static final String BY_DEPARTMENT = "按部门";
    public static final String BY_COUNTY = "按县区";
    public static final String BY_CATEGORY = "检查结果分类";

    /** The columns every breakdown line has after its own: coverage's, then the indicators'. */
    public static final List<String> FIGURE_HEADERS = List.of("在范围检查对象数", "已抽取检查对象数", "应抽取数（3%）", "抽查比例",
            "达到3%下限", "随机抽查任务数", "随机抽查已完成", "随机抽查任务完成率", "问题导向任务数", "问题导向已完成",
            "问题导向任务完成率", "已录入结果任务数", "不予公示", "应公示", "已公示", "公示率", "按期公示", "逾期公示", "按期公示率",
            "逾期未公示", "联合抽查任务数", "联合抽查占比");

    private StatsWorkbook() { }

    /** The workbook of {@code stats}; {@code categoryLabels} lists every configured category. */
    public static byte[] write(StatsService.Stats stats, Map<String, String> categoryLabels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWorkbookWriter book = Sheets.xlsxWorkbook(out)) {
            overview(book.sheet(OVERVIEW), stats);
            StatsService.IndicatorLines ind = stats.indicators();
            Map<String, Indicators.Figures> itemFigures = new LinkedHashMap<>();
            ind.byItem().forEach(l -> itemFigures.put(l.itemId(), figures(l.completion(), l.publication(),
                    l.categories(), l.joint())));
            lines(book.sheet(BY_ITEM), List.of("事项编号", "事项名称", "所属部门", "状态"), stats.byItem(),
                    l -> List.of(l.itemId(), text(l.name()), l.department(), l.status()),
                    l -> coverage(l.inScope(), l.drawn(), l.required(), l.ratio(), l.meetsFloor()),
                    l -> itemFigures.get(l.itemId()));
            Map<String, Indicators.Figures> departmentFigures = new LinkedHashMap<>();
            ind.byDepartment().forEach(l -> departmentFigures.put(l.department(), figures(l.completion(),
                    l.publication(), l.categories(), l.joint())));
            lines(book.sheet(BY_DEPARTMENT), List.of("部门编号", "部门名称"), stats.byDepartment(),
                    l -> List.of(l.department(), text(l.name())),
                    l -> coverage(l.inScope(), l.drawn(), l.required(), l.ratio(), l.meetsFloor()),
                    l -> departmentFigures.get(l.department()));
            Map<String, Indicators.Figures> countyFigures = new LinkedHashMap<>();
            ind.byCounty().forEach(l -> countyFigures.put(l.county(), figures(l.completion(), l.publication(),
                    l.categories(), l.joint())));
            lines(book.sheet(BY_COUNTY), List.of("县区编号", "县区名称"), stats.byCounty(),
                    l -> List.of(l.county(), text(l.name())),
                    l -> coverage(l.inScope(), l.drawn(), l.required(), l.ratio(), l.meetsFloor()),
                    l -> countyFigures.get(l.county()));
            categories(book.sheet(BY_CATEGORY), ind.overall().categories(), categoryLabels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void overview(SheetWriter w, StatsService.Stats s) throws IOException {
        w.writeRow(List.of("指标", "数值"));
        StatsService.Overall o = s.overall();
        Indicators.Figures f = s.indicators().overall();
        List<String> values = new ArrayList<>(coverage(o.inScope(), o.drawn(), o.required(), o.ratio(),
                o.meetsFloor()));
        values.addAll(indicatorCells(f));
        w.writeRow(List.of("年度", String.valueOf(s.year())));
        w.writeRow(List.of("范围", s.county() == null ? "全市" : s.byCounty().isEmpty() ? s.county()
                : text(s.byCounty().get(0).name())));
        w.writeRow(List.of("抽查比例下限", s.floor()));
        for (int i = 0; i < FIGURE_HEADERS.size(); i++) {
            w.writeRow(List.of(FIGURE_HEADERS.get(i), values.get(i)));
        }
    }

    private static <L> void lines(SheetWriter w, List<String> own, List<L> lines, Function<L, List<String>> ownCells,
                                  Function<L, List<String>> coverage, Function<L, Indicators.Figures> figures)
            throws IOException {
        List<String> header = new ArrayList<>(own);
        header.addAll(FIGURE_HEADERS);
        w.writeRow(header);
        for (L line : lines) {
            List<String> row = new ArrayList<>(ownCells.apply(line));
            row.addAll(coverage.apply(line));
            Indicators.Figures f = figures.apply(line);
            row.addAll(f == null ? java.util.Collections.nCopies(FIGURE_HEADERS.size() - 5, "")
                    : indicatorCells(f));
            w.writeRow(row);
        }
    }

    private static void categories(SheetWriter w, List<Indicators.CategoryCount> counted, Map<String, String> labels)
            throws IOException {
        w.writeRow(List.of("结果代码", "检查结果", "检查结果数"));
        Map<String, Long> counts = new LinkedHashMap<>();
        counted.forEach(c -> counts.put(c.code(), c.results()));
        long total = 0;
        for (Map.Entry<String, String> c : labels.entrySet()) {
            long n = counts.getOrDefault(c.getKey(), 0L);
            total += n;
            w.writeRow(List.of(c.getKey(), c.getValue(), String.valueOf(n)));
        }
        for (Indicators.CategoryCount c : counted) {
            if (!labels.containsKey(c.code())) {
                total += c.results();
                w.writeRow(List.of(c.code(), "", String.valueOf(c.results())));
            }
        }
        w.writeRow(List.of("合计", "", String.valueOf(total)));
    }

    private static List<String> coverage(long inScope, long drawn, long required, String ratio, boolean meetsFloor) {
        return List.of(String.valueOf(inScope), String.valueOf(drawn), String.valueOf(required), text(ratio),
                meetsFloor ? "是" : "否");
    }

    private static List<String> indicatorCells(Indicators.Figures f) {
        Indicators.Count random = f.completion().random();
        Indicators.Count problem = f.completion().problem();
        Indicators.Publication p = f.publication();
        return List.of(n(random.tasks()), n(random.completed()), text(random.rate()), n(problem.tasks()),
                n(problem.completed()), text(problem.rate()), n(p.completed()), n(p.exempt()), n(p.toPublish()),
                n(p.published()), text(p.rate()), n(p.onTime()), n(p.late()), text(p.onTimeRate()),
                n(p.overdueUnpublished()), n(f.joint().jointTasks()), text(f.joint().share()));
    }

    private static Indicators.Figures figures(Indicators.Completion c, Indicators.Publication p,
                                              List<Indicators.CategoryCount> categories, Indicators.Joint j) {
        return new Indicators.Figures(c, p, categories, j);
    }

    private static String n(long n) {
        return String.valueOf(n);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
