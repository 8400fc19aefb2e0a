package spotcheck.imports;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spotcheck.core.Principal;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorAccess;
import spotcheck.roster.InspectorRules;
import spotcheck.roster.References;
import spotcheck.roster.RosterColumns;
import spotcheck.validation.Checks;

/** Inspector roster rows (执法检查人员名录). */
final class InspectorRows extends RowKind<Inspector> {
    private static final Map<String, String> STATUS = Map.ofEntries(entry("在岗", "active"), entry("正常", "active"),
            entry("有效", "active"), entry("在职", "active"), entry("停用", "inactive"), entry("调离", "inactive"),
            entry("离职", "inactive"), entry("退休", "inactive"), entry("无效", "inactive"));

    InspectorRows() {
        super("inspectors", Inspector.KIND, RosterColumns.INSPECTORS, "执法检查人员名录导入模板", Inspector::sameContent);
    }

    @Override
    public Optional<Checked<Inspector>> check(HeaderMap h, List<String> cells, References refs, LocalDate today,
                                              Checks checks) {
        String status = status(h.get(cells, "status"), STATUS);
        InspectorRules.InspectorFields fields = new InspectorRules.InspectorFields(h.get(cells, "name"),
                h.get(cells, "org"), h.get(cells, "certificateNo"), h.get(cells, "certificateValidUntil"),
                split(h.get(cells, "qualifiedItems")), split(h.get(cells, "expertise")), status,
                "inactive".equals(status) ? h.get(cells, "status") : null,
                split(h.get(cells, "conflicts")), h.get(cells, "accountId"));
        return InspectorRules.check(checks, fields, refs).map(c -> {
            InspectorRules.InspectorFields f = c.fields();
            Inspector i = new Inspector(c.inspectorId(), f.name(), f.org(), f.certificateNo(),
                    f.certificateValidUntil(), f.qualifiedItems(), f.expertise(), f.status(), f.statusReason(),
                    f.conflicts(), f.accountId(), null, 1, null, null);
            return new Checked<>(i, "certificate number " + f.certificateNo());
        });
    }

    @Override
    public void requireScope(Principal requester, Inspector i) {
        InspectorAccess.POLICY.requireEdit(requester, i.org());
    }

    /** Only administrators link a login (账号): anyone else's row keeps the stored one, or is refused for changing it. */
    @Override
    public Inspector heldTo(Principal requester, Inspector stored, Inspector changed) {
        String accountId = InspectorAccess.POLICY.accountIdAfter(requester, stored == null ? null : stored.accountId(),
                changed.accountId());
        if (Objects.equals(accountId, changed.accountId())) {
            return changed;
        }
        Inspector i = changed;
        return new Inspector(i.inspectorId(), i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                i.qualifiedItems(), i.expertise(), i.status(), i.statusReason(), i.conflicts(), accountId, i.importId(),
                i.version(), i.createdAt(), i.updatedAt());
    }

    @Override
    public Inspector merge(Inspector stored, Inspector f, HeaderMap h, List<String> cells) {
        boolean keepStatus = h.get(cells, "status") == null || f.status().equals(stored.status());
        return new Inspector(f.inspectorId(), f.name(), f.org(), f.certificateNo(), f.certificateValidUntil(),
                h.index("qualifiedItems").isPresent() ? f.qualifiedItems() : stored.qualifiedItems(),
                h.index("expertise").isPresent() ? f.expertise() : stored.expertise(),
                keepStatus ? stored.status() : f.status(), keepStatus ? stored.statusReason() : f.statusReason(),
                h.index("conflicts").isPresent() ? f.conflicts() : stored.conflicts(),
                h.index("accountId").isPresent() ? f.accountId() : stored.accountId(), f.importId(), f.version(),
                f.createdAt(), f.updatedAt());
    }

    @Override
    public Inspector stamp(Inspector i, long version, String createdAt, String updatedAt, String importId) {
        return new Inspector(i.inspectorId(), i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                i.qualifiedItems(), i.expertise(), i.status(), i.statusReason(), i.conflicts(), i.accountId(), importId,
                version, createdAt, updatedAt);
    }
}
