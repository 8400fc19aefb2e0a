package spotcheck.plans;

import java.util.List;
import java.util.Map;
import spotcheck.core.Page;
import spotcheck.store.Store;

/**
 * The year's approved-or-later plans as the public sees them (事项公开, 程序公开): what is checked, by which
 * departments, in which counties, how many and when, with each item's legal basis and content. Nothing of a
 * person: no one who drafted or approved it, no target.
 */
public final class PublicPlans {
    private final PlanService plans;
    private final Store store;

    public PublicPlans(PlanService plans, Store store) {
        this.plans = plans;
        this.store = store;
    }

    /** An organisation or county: its id and name. */
    public record Named(String id, String name) { }

    /** An item as published. */
    public record PublicItem(String itemId, String name, String department, String category, String legalBasis,
                             String content, List<String> methods) { }

    /** A plan as published: its expected count is the one recorded when it was approved. */
    public record PublicPlan(String planId, int year, String name, String level, String type, Named leadDepartment,
                             List<Named> cooperatingDepartments, boolean joint, List<PublicItem> items,
                             List<Named> counties, List<String> targetTypes, List<String> riskClasses,
                             Map<String, QuotaRule> quota, Long expected, int inspectorsPerTarget,
                             String startDate, String endDate, String status) { }

    public Page<PublicPlan> list(int year, int limit, String next) {
        Page<Plan> page = plans.published(year, limit, next);
        PlanNames names = new PlanNames(store);
        return new Page<>(page.items().stream().map(p -> view(p, names)).toList(), page.next());
    }

    static PublicPlan view(Plan p, PlanNames names) {
        List<PublicItem> items = p.items().stream().map(id -> names.item(id).map(i -> new PublicItem(i.itemId(),
                i.name(), i.department(), i.category(), i.legalBasis(), i.content(), i.methods()))
                .orElse(new PublicItem(id, null, null, null, null, null, List.of()))).toList();
        return new PublicPlan(p.planId(), p.year(), p.name(), p.level(), p.type(), named(p.leadDepartment(), names),
                p.cooperating().stream().map(d -> named(d, names)).toList(), p.joint(), items,
                p.scope().counties().stream().map(c -> named(c, names)).toList(), p.scope().targetTypes(),
                p.scope().riskClasses(), p.quota(), p.estimate() == null ? null : p.estimate().expected(),
                p.inspectorsPerTarget(), p.startDate(), p.endDate(), p.status());
    }

    private static Named named(String id, PlanNames names) {
        return new Named(id, names.org(id));
    }
}
