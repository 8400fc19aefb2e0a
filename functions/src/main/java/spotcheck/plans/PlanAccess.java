package spotcheck.plans;

import java.util.List;
import java.util.Optional;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.store.EntityStore.Filter;

/**
 * Who may do what with plans, in one place: the service, the lists, the annual document and the estimate
 * all ask this policy. Admins read and change every plan and auditors read every plan. An operator reads
 * and changes the plans their department leads or cooperates in, and approves those it leads. County staff
 * read the plans whose scope takes in their county (a plan naming no county takes in all of them); an
 * inspector reads the approved-or-later plans of their department. A plan the caller may not read is, to
 * them, a plan that does not exist (404, whatever they meant to do); one they may read but not change
 * answers 403.
 */
public final class PlanAccess {
    public static final PlanAccess POLICY = new PlanAccess();

    private PlanAccess() { }

    /** The reader may know this plan exists. */
    public boolean mayRead(Principal p, Plan plan) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR)
                || p.has(Role.OPERATOR) && plan.involves(p.org())
                || p.has(Role.COUNTY) && plan.scope().includesCounty(p.org())
                || p.has(Role.INSPECTOR) && plan.involves(p.org()) && PlanStates.isApproved(plan.status());
    }

    /** The caller may create or change this plan (as it is, or as it would become). */
    public boolean mayEdit(Principal p, Plan plan) {
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) && plan.involves(p.org());
    }

    /** The caller may approve this plan: an admin, or an operator of its lead department. */
    public boolean mayApprove(Principal p, Plan plan) {
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) && plan.leadDepartment().equals(p.org());
    }

    /**
     * What a list may ask the store to select for this reader: a caller whose every role reads by department
     * (operators, inspectors) sees only plans that name it; the rest is {@link #mayRead}'s to decide.
     */
    public List<Filter> listFilters(Principal p) {
        boolean byDepartment = !p.roles().isEmpty() && p.org() != null && !p.org().isBlank() && p.roles().stream()
                .allMatch(r -> r == Role.OPERATOR || r == Role.INSPECTOR);
        return byDepartment ? List.of(Filter.contains("departments", p.org())) : List.of();
    }

    /** The stored plan, if the caller may know of it; otherwise the 404 of an id nobody has used. */
    public Plan requireVisible(Principal p, Optional<Plan> stored, String planId) {
        return stored.filter(plan -> mayRead(p, plan)).orElseThrow(() -> notFound(planId));
    }

    public static DomainException notFound(String planId) {
        return DomainException.notFound("No plan with id '" + planId + "'");
    }

    /** 403 unless the caller may change this plan. */
    public void requireEdit(Principal p, Plan plan) {
        if (!mayEdit(p, plan)) {
            throw DomainException.forbidden("Your account may change only the plans of its own department"
                    + " (lead or cooperating)");
        }
    }

    /** 403 unless the caller may approve this plan. */
    public void requireApprove(Principal p, Plan plan) {
        if (!mayApprove(p, plan)) {
            throw DomainException.forbidden("A plan is approved by an administrator or by its lead department '"
                    + plan.leadDepartment() + "'");
        }
    }
}
