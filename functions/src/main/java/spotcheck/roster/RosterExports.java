package spotcheck.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import spotcheck.api.Page;
import spotcheck.api.Principal;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.EntityStore;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * Roster exports as .csv or .xlsx, with the import template's column headers first, so an
 * exported file can be edited and imported again. Every cell is guarded against formula
 * injection by the sheet writers; private fields are masked as for the reader's own view.
 */
public final class RosterExports {
    static final List<String> TARGET_HEADER = List.of("统一社会信用代码", "名称", "类型", "所属县区", "信用风险等级",
            "抽查事项", "法定代表人", "地址", "联系电话", "身份证号", "状态", "对象编号", "状态说明", "复核标记", "版本",
            "更新时间");
    static final List<String> INSPECTOR_HEADER = List.of("姓名", "单位/科室", "执法证号", "有效期至", "可检查事项",
            "业务专长", "状态", "回避对象", "人员编号", "状态说明", "版本", "更新时间");

    private final EntityStore store;
    private final TargetService targets;
    private final InspectorService inspectors;

    public RosterExports(EntityStore store, TargetService targets, InspectorService inspectors) {
        this.store = store;
        this.targets = targets;
        this.inspectors = inspectors;
    }

    public byte[] targets(Principal reader, TargetService.Query q, String format) {
        return export(Target.KIND, targets.filters(reader, q), format, "检查对象名录", TARGET_HEADER, t -> {
            Target v = TargetService.view(reader, t);
            return List.of(nz(v.creditCode()), v.name(), v.type(), v.county(), String.join("、", v.items()),
                    v.riskClass(), nz(v.legalRep()), nz(v.address()), nz(v.contactPhone()), nz(v.idNumber()),
                    "active".equals(v.status()) ? "存续" : "注销", v.targetId(), nz(v.statusReason()),
                    String.join("、", v.reviewFlags()), Long.toString(v.version()), nz(v.updatedAt()));
        });
    }

    public byte[] inspectors(InspectorService.Query q, String format) {
        return export(Inspector.KIND, inspectors.filters(q), format, "执法检查人员名录", INSPECTOR_HEADER, i ->
                List.of(i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                        String.join("、", i.qualifiedItems()), String.join("、", i.expertise()),
                        "active".equals(i.status()) ? "在岗" : "停用", String.join("、", i.conflicts()),
                        i.inspectorId(), nz(i.statusReason()), Long.toString(i.version()), nz(i.updatedAt())));
    }

    private <T extends Versioned> byte[] export(EntityKind<T> kind, List<Filter> filters, String format,
                                                String sheetName, List<String> header, Function<T, List<String>> row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = "csv".equals(format) ? Sheets.csvWriter(out) : Sheets.xlsxWriter(out, sheetName)) {
            w.writeRow(header);
            String next = null;
            do {
                Page<T> page = store.list(kind, filters, 200, next);
                for (T t : page.items()) {
                    w.writeRow(new ArrayList<>(row.apply(t)));
                }
                next = page.next();
            } while (next != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
