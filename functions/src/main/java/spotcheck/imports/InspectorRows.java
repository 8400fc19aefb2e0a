package spotcheck.imports;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.api.Access;
import spotcheck.api.Principal;
import spotcheck.api.Role;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorRules;
import spotcheck.roster.References;
import spotcheck.store.EntityKind;
import spotcheck.validation.Checks;

/** Inspector roster rows (执法检查人员名录). */
final class InspectorRows extends RowKind<Inspector> {
    static final List<Column> COLUMNS = List.of(
            Column.required("name", "姓名", "李四", "", "执法人员姓名", "name"),
            Column.required("org", "单位/科室", "资源科", "the department or county bureau, by name or id", "单位",
                    "科室", "所属单位", "所在单位", "所属科室", "工作单位", "org", "organisation", "organization",
                    "department"),
            Column.required("certificateNo", "执法证号", "44160020001", "", "执法证件号", "执法证件号码",
                    "证件号", "执法证编号", "certificate no", "certificate number"),
            Column.required("certificateValidUntil", "有效期至", "2028-12-31", "YYYY-MM-DD", "有效期", "证件有效期",
                    "执法证有效期", "valid until"),
            Column.optional("qualifiedItems", "可检查事项", "林木采伐监督检查、植物检疫检查",
                    "item names or ids, separated by 、 or ；", "检查事项", "抽查事项", "可抽查事项", "qualified items"),
            Column.optional("expertise", "业务专长", "森林资源、林业有害生物", "separated by 、 or ；", "专长",
                    "业务特长"),
            Column.optional("status", "状态", "在岗", "在岗 / 停用 (empty: 在岗)", "人员状态"),
            Column.optional("conflicts", "回避对象", "", "credit codes or target ids of targets they must not inspect",
                    "回避", "需回避对象"));

    private static final Map<String, String> STATUS = Map.ofEntries(entry("在岗", "active"), entry("正常", "active"),
            entry("有效", "active"), entry("在职", "active"), entry("停用", "inactive"), entry("调离", "inactive"),
            entry("离职", "inactive"), entry("退休", "inactive"), entry("无效", "inactive"));

    @Override
    public String name() {
        return "inspectors";
    }

    @Override
    public EntityKind<Inspector> entityKind() {
        return Inspector.KIND;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public String templateName() {
        return "执法检查人员名录导入模板";
    }

    @Override
    public Optional<Checked<Inspector>> check(HeaderMap h, List<String> cells, References refs, LocalDate today,
                                              Checks checks) {
        String status = status(h.get(cells, "status"), STATUS);
        InspectorRules.InspectorFields fields = new InspectorRules.InspectorFields(h.get(cells, "name"),
                h.get(cells, "org"), h.get(cells, "certificateNo"), h.get(cells, "certificateValidUntil"),
                split(h.get(cells, "qualifiedItems")), split(h.get(cells, "expertise")), status,
                "inactive".equals(status) ? h.get(cells, "status") : null,
                split(h.get(cells, "conflicts")));
        return InspectorRules.check(checks, fields, refs).map(c -> {
            InspectorRules.InspectorFields f = c.fields();
            Inspector i = new Inspector(c.inspectorId(), f.name(), f.org(), f.certificateNo(),
                    f.certificateValidUntil(), f.qualifiedItems(), f.expertise(), f.status(), f.statusReason(),
                    f.conflicts(), null, 1, null, null);
            return new Checked<>(i, "certificate number " + f.certificateNo());
        });
    }

    @Override
    public void requireScope(Principal requester, Inspector i) {
        Access.requireOrgScope(requester, i.org(), Role.OPERATOR, Role.COUNTY);
    }

    @Override
    public boolean sameContent(Inspector a, Inspector b) {
        return a.sameContent(b);
    }

    @Override
    public Inspector merge(Inspector stored, Inspector f, HeaderMap h, List<String> cells) {
        boolean keepStatus = h.get(cells, "status") == null || f.status().equals(stored.status());
        return new Inspector(f.inspectorId(), f.name(), f.org(), f.certificateNo(), f.certificateValidUntil(),
                h.index("qualifiedItems").isPresent() ? f.qualifiedItems() : stored.qualifiedItems(),
                h.index("expertise").isPresent() ? f.expertise() : stored.expertise(),
                keepStatus ? stored.status() : f.status(), keepStatus ? stored.statusReason() : f.statusReason(),
                h.index("conflicts").isPresent() ? f.conflicts() : stored.conflicts(), f.importId(), f.version(),
                f.createdAt(), f.updatedAt());
    }

    @Override
    public Inspector stamp(Inspector i, long version, String createdAt, String updatedAt, String importId) {
        return new Inspector(i.inspectorId(), i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                i.qualifiedItems(), i.expertise(), i.status(), i.statusReason(), i.conflicts(), importId, version,
                createdAt, updatedAt);
    }

    @Override
    public String createdAt(Inspector i) {
        return i.createdAt();
    }

    @Override
    public String importId(Inspector i) {
        return i.importId();
    }
}
