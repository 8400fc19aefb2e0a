package spotcheck.plans;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * A spot-check plan (抽查计划): which items, which targets (type 不定向 random over the roster of its items, or
 * 定向 targeted, filtered by its scope), how many per credit-risk class, how many inspectors per target, when,
 * and by which departments: the lead first in {@code departments}, then the cooperating ones (a joint plan,
 * 部门联合抽查, has several, external agencies included). Its status moves draft → approved → drawn →
 * in_progress → completed ({@link PlanStates}); only a draft changes. The draw options say whether targets
 * already drawn this year for the same items are left out, except the risk classes in {@code redrawClasses}.
 * {@code estimate} is the expected draw as computed when it was approved.
 */
public record Plan(
        String planId,
        int year,
        String name,
        String level,
        String type,
        String leadDepartment,
        List<String> departments,
        boolean joint,
        List<String> items,
        PlanScope scope,
        Map<String, QuotaRule> quota,
        int inspectorsPerTarget,
        String startDate,
        String endDate,
        boolean excludeDrawnThisYear,
        List<String> redrawClasses,
        String status,
        PlanEstimate estimate,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Plan> KIND = new EntityKind<>("PLAN", "plan", Plan.class, true);

    public Plan {
        departments = List.copyOf(departments);
        items = List.copyOf(items);
        quota = Collections.unmodifiableMap(new TreeMap<>(quota));
        redrawClasses = List.copyOf(redrawClasses);
    }

    /** The prefix of every id of a year's plans ({@code PLAN-2023-…}): a year's plans are one key range. */
    public static String idPrefix(int year) {
        return "PLAN-" + year + "-";
    }

    @Override
    public String id() {
        return planId;
    }

    /** The same content under another identity, status and estimate. */
    public Plan with(String id, String newStatus, PlanEstimate newEstimate, long newVersion, String created,
                     String updated) {
        return new Plan(id, year, name, level, type, leadDepartment, departments, joint, items, scope, quota,
                inspectorsPerTarget, startDate, endDate, excludeDrawnThisYear, redrawClasses, newStatus, newEstimate,
                newVersion, created, updated);
    }

    /** Whether {@code org} is the lead or a cooperating department. */
    public boolean involves(String org) {
        return org != null && departments.contains(org);
    }

    /** The cooperating departments: every one but the lead. */
    public List<String> cooperating() {
        return departments.subList(1, departments.size());
    }
}
