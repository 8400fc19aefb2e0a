package spotcheck.imports;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.Principal;
import spotcheck.roster.References;
import spotcheck.roster.RosterColumns;
import spotcheck.roster.Target;
import spotcheck.roster.TargetRules;
import spotcheck.roster.TargetAccess;
import spotcheck.validation.Checks;

/** Target roster rows (检查对象名录). */
final class TargetRows extends RowKind<Target> {
    private static final Map<String, String> TYPES = Map.ofEntries(entry("企业", "enterprise"),
            entry("公司", "enterprise"), entry("个体工商户", "individual"), entry("个体", "individual"),
            entry("其他", "other"), entry("其它", "other"), entry("其他组织", "other"), entry("农民专业合作社", "other"),
            entry("产品", "product"), entry("项目", "project"), entry("行为", "behavior"));
    private static final Map<String, String> RISK = Map.ofEntries(entry("a", "A"), entry("b", "B"), entry("c", "C"),
            entry("d", "D"), entry("a类", "A"), entry("b类", "B"), entry("c类", "C"), entry("d类", "D"),
            entry("a级", "A"), entry("b级", "B"), entry("c级", "C"), entry("d级", "D"), entry("低", "A"),
            entry("低风险", "A"), entry("一般", "B"), entry("一般风险", "B"), entry("较高", "C"), entry("较高风险", "C"),
            entry("高", "D"), entry("高风险", "D"));
    private static final Map<String, String> STATUS = Map.ofEntries(entry("存续", "active"), entry("在业", "active"),
            entry("正常", "active"), entry("开业", "active"), entry("注销", "deregistered"),
            entry("已注销", "deregistered"), entry("吊销", "deregistered"), entry("已吊销", "deregistered"));

    TargetRows() {
        super("targets", Target.KIND, RosterColumns.TARGETS, "检查对象名录导入模板", Target::sameContent);
    }

    @Override
    public Optional<Checked<Target>> check(HeaderMap h, List<String> cells, References refs, LocalDate today,
                                           Checks checks) {
        String status = status(h.get(cells, "status"), STATUS);
        TargetRules.TargetFields fields = new TargetRules.TargetFields(h.get(cells, "creditCode"),
                h.get(cells, "name"), vocabulary(h.get(cells, "type"), TYPES), h.get(cells, "county"),
                split(h.get(cells, "items")), vocabulary(h.get(cells, "riskClass"), RISK), status,
                "deregistered".equals(status) ? h.get(cells, "status") : null,
                h.get(cells, "legalRep"), h.get(cells, "address"), h.get(cells, "contactPhone"),
                h.get(cells, "idNumber"));
        return TargetRules.check(checks, fields, refs, today).map(c -> {
            TargetRules.TargetFields f = c.fields();
            Target t = new Target(c.targetId(), f.creditCode(), f.name(), f.type(), f.county(), f.items(),
                    f.riskClass(), f.status(), f.statusReason(), f.legalRep(), f.address(), f.contactPhone(),
                    f.idNumber(), c.reviewFlags(), null, 1, null, null);
            String label = f.creditCode() != null ? "credit code " + f.creditCode()
                    : "name and county " + f.name() + " / " + f.county();
            return new Checked<>(t, label);
        });
    }

    @Override
    public void requireScope(Principal requester, Target t) {
        TargetAccess.POLICY.requireEdit(requester, t.county());
    }

    @Override
    public Target merge(Target stored, Target f, HeaderMap h, List<String> cells) {
        boolean keepStatus = h.get(cells, "status") == null || f.status().equals(stored.status());
        return new Target(f.targetId(), f.creditCode(), f.name(), f.type(), f.county(),
                h.index("items").isPresent() ? f.items() : stored.items(), f.riskClass(),
                keepStatus ? stored.status() : f.status(), keepStatus ? stored.statusReason() : f.statusReason(),
                h.index("legalRep").isPresent() ? f.legalRep() : stored.legalRep(),
                h.index("address").isPresent() ? f.address() : stored.address(),
                h.index("contactPhone").isPresent() ? f.contactPhone() : stored.contactPhone(),
                h.index("idNumber").isPresent() ? f.idNumber() : stored.idNumber(), f.reviewFlags(), f.importId(),
                f.version(), f.createdAt(), f.updatedAt());
    }

    @Override
    public Target stamp(Target t, long version, String createdAt, String updatedAt, String importId) {
        return new Target(t.targetId(), t.creditCode(), t.name(), t.type(), t.county(), t.items(), t.riskClass(),
                t.status(), t.statusReason(), t.legalRep(), t.address(), t.contactPhone(), t.idNumber(),
                t.reviewFlags(), importId, version, createdAt, updatedAt);
    }
}
