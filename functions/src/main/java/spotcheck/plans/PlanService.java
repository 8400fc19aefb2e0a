package spotcheck.plans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.plans.PlanRules.PlanFields;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * Spot-check plans. Who may read, change and approve a plan is {@link PlanAccess}'s to say; a plan outside
 * the caller's scope answers as one that does not exist, for every verb. Only a draft changes; approving it
 * records its expected draw and warns when the year's approved plans fall short of the annual 3% floor.
 */
public final class PlanService {
    private final Store store;
    private final PlanEstimates estimates;
    private final PlanAccess access = PlanAccess.POLICY;

    public PlanService(Store store, PlanEstimates estimates) {
        this.store = store;
        this.estimates = estimates;
    }

    /** PUT body: the plan as read, changed; the bookkeeping fields may come back and are ignored. */
    public record PlanUpdate(String planId, Integer year, String name, String level, String type,
                             String leadDepartment, List<String> departments, Boolean joint, List<String> items,
                             PlanScope scope, Map<String, Object> quota, Integer inspectorsPerTarget,
                             String startDate, String endDate, Boolean excludeDrawnThisYear,
                             List<String> redrawClasses, String status, PlanEstimate estimate, Long version,
                             String createdAt, String updatedAt) {
        PlanFields fields() {
            return new PlanFields(year, name, level, type, leadDepartment, departments, joint, items, scope, quota,
                    inspectorsPerTarget, startDate, endDate, excludeDrawnThisYear, redrawClasses);
        }
    }

    /** POST /plans/{id}/approve body: the version approved, as read. */
    public record ApproveInput(Long version) { }

    /** List filters, each optional. */
    public record Query(Integer year, String status, String department) { }

    /** A warning the caller should read; nothing was refused. */
    public record Warning(String code, String message) { }

    /**
     * The year's plans against the annual floor: the expected draws of its approved-or-later plans, summed,
     * against ceil(3% of the active targets in the roster).
     */
    public record AnnualFloor(int year, String ratio, long activeTargets, long required, long expected,
                              int approvedPlans) { }

    /** What an approval answers: the approved plan, its year's floor, and warnings (below the floor). */
    public record Approval(Plan plan, AnnualFloor annualFloor, List<Warning> warnings) { }

    public Plan create(Actor actor, PlanFields in) {
        Checks checks = new Checks();
        Plan checked = PlanRules.check(checks, in, new StoredLookups(store)).orElse(null);
        checks.throwIfAny("The plan is not valid");
        access.requireEdit(actor.principal(), checked);
        String now = store.now();
        Plan plan = checked.with(Ids.random(Plan.idPrefix(checked.year()), 8), PlanStates.DRAFT, null, 1, now, now);
        store.create(Plan.KIND, plan, actor);
        return plan;
    }

    public Plan update(Actor actor, String planId, PlanUpdate in) {
        Principal p = actor.principal();
        Plan before = access.requireVisible(p, store.get(Plan.KIND, planId), planId);
        access.requireEdit(p, before);
        if (!PlanStates.DRAFT.equals(before.status())) {
            throw DomainException.conflict("The plan '" + planId + "' is " + before.status()
                    + ": only a draft plan can be changed");
        }
        Checks checks = new Checks();
        if (in.planId() != null && !in.planId().equals(planId)) {
            checks.problem("planId", "planId cannot be changed (the path names '" + planId + "')");
        }
        if (in.year() != null && in.year() != before.year()) {
            checks.problem("year", "year cannot be changed (the plan's id names its year " + before.year()
                    + "): make a new plan for " + in.year());
        }
        checks.required("version", in.version());
        Plan checked = PlanRules.check(checks, in.fields(), new StoredLookups(store)).orElse(null);
        checks.throwIfAny("The plan is not valid");
        // an operator may not hand the plan to departments that leave theirs out
        access.requireEdit(p, checked);
        Store.requireVersion(Plan.KIND, before, in.version());
        Plan after = checked.with(planId, PlanStates.DRAFT, null, before.version() + 1, before.createdAt(),
                store.now());
        store.update(Plan.KIND, before, after, actor, "update");
        return after;
    }

    /**
     * draft → approved, by an administrator or the lead department, on the version the approver read. The
     * plan is checked again against what it refers to now (an item retired since it was drafted stops it),
     * and its expected draw is recorded. The approval answers the year's standing against the annual floor,
     * with a warning when the year's approved plans draw fewer: a warning, not a refusal.
     */
    public Approval approve(Actor actor, String planId, ApproveInput in) {
        Principal p = actor.principal();
        Plan before = access.requireVisible(p, store.get(Plan.KIND, planId), planId);
        access.requireApprove(p, before);
        new Checks().required("version", in.version()).throwIfAny("The approval is not valid");
        if (!"approve".equals(PlanStates.require(planId, before.status(), PlanStates.APPROVED).action())) {
            throw DomainException.conflict("The plan '" + planId + "' is " + before.status() + ": only a draft is"
                    + " approved (a drawn plan becomes approved again only when its draw is voided)");
        }
        Store.requireVersion(Plan.KIND, before, in.version());
        Checks checks = new Checks();
        PlanRules.check(checks, fields(before), new StoredLookups(store));
        checks.throwIfAny("The plan can no longer be approved as it is");
        PlanEstimates.Pass pass = estimates.estimate(List.of(before), true);
        Plan after = transition(actor, before, PlanStates.APPROVED, pass.byPlan().get(planId));
        AnnualFloor floor = floor(after, pass.activeTargets());
        List<Warning> warnings = new ArrayList<>();
        if (floor.expected() < floor.required()) {
            warnings.add(new Warning("below_annual_floor", "The " + floor.year() + " plans approved so far are"
                    + " expected to draw " + floor.expected() + " targets, fewer than 3% of the "
                    + floor.activeTargets() + " active targets of the roster (" + floor.required() + ")"));
        }
        return new Approval(after, floor, warnings);
    }

    /**
     * Moves a plan one step on after approval (approved → drawn → in_progress → completed), on the version
     * the caller read, recorded in the audit trail as the move's action by {@code actor}. For the draw and
     * the tasks, which decide whether their caller may; approval is {@link #approve}'s alone.
     */
    public Plan move(Actor actor, String planId, long version, String to) {
        if (PlanStates.DRAFT.equals(to) || PlanStates.APPROVED.equals(to)) {
            throw new IllegalArgumentException("Plans are approved through approve(), and go back only through"
                    + " undraw()");
        }
        Plan before = store.require(Plan.KIND, planId);
        PlanStates.require(planId, before.status(), to);
        Store.requireVersion(Plan.KIND, before, version);
        return transition(actor, before, to, before.estimate());
    }

    /**
     * drawn → approved, the one move back ({@link PlanStates#VOID}): made when the plan's draw is voided, on the
     * version the caller read, recorded in the audit trail as {@code void} by {@code actor}. The draws capability
     * decides whether its caller may void the draw.
     */
    public Plan undraw(Actor actor, String planId, long version) {
        Plan before = store.require(Plan.KIND, planId);
        if (!PlanStates.DRAWN.equals(before.status())) {
            throw DomainException.conflict("The plan '" + planId + "' is " + before.status()
                    + ": only a drawn plan goes back to approved");
        }
        Store.requireVersion(Plan.KIND, before, version);
        return transition(actor, before, PlanStates.APPROVED, before.estimate());
    }

    private Plan transition(Actor actor, Plan before, String to, PlanEstimate estimate) {
        PlanStates.Move move = PlanStates.require(before.planId(), before.status(), to);
        Plan after = before.with(before.planId(), to, estimate, before.version() + 1, before.createdAt(),
                store.now());
        store.update(Plan.KIND, before, after, actor, move.action());
        return after;
    }

    /** The year's approved-or-later plans, {@code approved} as just written (an index may not show it yet). */
    private AnnualFloor floor(Plan approved, long activeTargets) {
        long expected = approved.estimate().expected();
        int count = 1;
        for (Plan other : all(yearIndex(approved.year()), List.of())) {
            if (!other.planId().equals(approved.planId()) && PlanStates.isApproved(other.status())
                    && other.estimate() != null) {
                expected += other.estimate().expected();
                count++;
            }
        }
        return new AnnualFloor(approved.year(), PlanRules.ANNUAL_FLOOR.toPlainString(), activeTargets,
                PlanRules.annualFloor(activeTargets), expected, count);
    }

    public Plan get(Principal reader, String planId) {
        return access.requireVisible(reader, store.get(Plan.KIND, planId), planId);
    }

    /** A plan's expected draw, counted now from the pool. */
    public PlanEstimates.Result estimate(Principal reader, String planId) {
        return estimates.estimate(get(reader, planId));
    }

    /**
     * The plans the reader may see, a year's from its own key range; a page may hold fewer than
     * {@code limit} (what the reader may not see is left out): follow {@code next}.
     */
    public Page<Plan> list(Principal reader, Query q, int limit, String next) {
        ListIndex index = listIndex(q);
        Page<Plan> page = store.list(Plan.KIND, index, filters(reader, q), limit, next);
        return new Page<>(page.items().stream().filter(plan -> access.mayRead(reader, plan)).toList(), page.next());
    }

    /** Every plan of a year the reader may see (for the annual document). */
    public List<Plan> year(Principal reader, int year) {
        Query q = new Query(year, null, null);
        return all(listIndex(q), filters(reader, q)).stream().filter(plan -> access.mayRead(reader, plan)).toList();
    }

    /** Every approved-or-later plan of a year, a page at a time: what the public may see. */
    public Page<Plan> published(int year, int limit, String next) {
        Page<Plan> page = store.list(Plan.KIND, yearIndex(year), List.of(), limit, next);
        return new Page<>(page.items().stream().filter(plan -> PlanStates.isApproved(plan.status())).toList(),
                page.next());
    }

    private static ListIndex listIndex(Query q) {
        return q.year() == null ? ListIndex.byKind(Plan.KIND) : yearIndex(q.year());
    }

    private List<Filter> filters(Principal reader, Query q) {
        new Checks().optionalOneOf("status", Text.blankToNull(q.status()), Set.copyOf(PlanStates.ORDER))
                .throwIfAny("The filter is not valid");
        List<Filter> filters = new ArrayList<>(access.listFilters(reader));
        if (Text.blankToNull(q.status()) != null) {
            filters.add(Filter.eq("status", q.status().trim()));
        }
        if (Text.blankToNull(q.department()) != null) {
            filters.add(Filter.contains("departments", q.department().trim()));
        }
        return filters;
    }

    static ListIndex yearIndex(int year) {
        return new ListIndex(Tables.BY_KIND_INDEX, "entityKind", Plan.KIND.prefix(), "entitySort",
                Plan.idPrefix(year));
    }

    private List<Plan> all(ListIndex index, List<Filter> filters) {
        List<Plan> found = new ArrayList<>();
        String next = null;
        do {
            Page<Plan> page = store.list(Plan.KIND, index, filters, 200, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    /** A stored plan as a client would send it, to check it again. */
    static PlanFields fields(Plan p) {
        Map<String, Object> quota = new LinkedHashMap<>();
        p.quota().forEach((stratum, rule) -> quota.put(stratum, rule.ratio() != null ? rule.ratioText() : rule.count()));
        return new PlanFields(p.year(), p.name(), p.level(), p.type(), p.leadDepartment(), p.departments(), p.joint(),
                p.items(), p.scope(), quota, p.inspectorsPerTarget(), p.startDate(), p.endDate(),
                p.excludeDrawnThisYear(), p.redrawClasses());
    }
}
