package spotcheck.tasks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanAccess;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorService;
import spotcheck.roster.Target;
import spotcheck.roster.TargetAccess;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * Reading tasks, under one access rule ({@link Reader#mayRead}), and giving them inspectors by hand. A task's assigned
 * inspector may always read it (the inspector whose roster entry is linked to the reader's login, even where the plan's
 * policy would not let their organisation read the plan: a police officer in a joint plan); otherwise a drawn task is
 * visible to whoever may read its plan ({@link PlanAccess}) — a county account only when the task's target is of its
 * county ({@link TargetAccess}), for a plan naming no county takes in every county —, a problem-driven one to
 * administrators, auditors, the departments it names and the staff of its target's county (as at its creation). A
 * county account's list of a plan's tasks is held to its county the same way: the page is read and the other counties'
 * tasks left out (it may then be short; {@code next} carries on). A task the reader may not see answers as one that
 * does not exist. A plan's tasks are those of its live draw, read as one key range; a voided draw's tasks stay stored,
 * for the record, and are read by id (saying so: {@link TaskView#drawVoided}), but are no longer the plan's nor
 * anyone's: the year's lists leave them out ({@link LiveDraws#voided}).
 *
 * <p>Tasks name their inspectors as a list, which no index keys: an assignee's tasks are read from a year's key
 * range (or a plan's draw's) with a {@code contains} filter, at the cost of reading the range: a bureau's few
 * thousand tasks a year, a page of {@code limit} read per round.
 *
 * <p>Inspectors are assigned by hand ({@code PUT /tasks/{taskId}/inspectors}) by an administrator or an operator
 * of the plan's lead department (of the task's first department, for a task without a plan), under the rules of
 * {@link AssignmentRules}; the task becomes assigned and {@code manual}, and its draw lists the assignment in its
 * public record ({@link LiveDraws#assignedByHand}). The task is written first, then its draw, which checks it is
 * still live: a draw voided in between gains no entry, and the assigner is told (409).
 */
public final class TaskService {
    /** The zone whose calendar year a task's year is. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Set<String> KINDS = Set.of(Task.RANDOM, Task.PROBLEM);

    /** What tasks need of the draws capability, which answers, so that tasks need not know draws. */
    public interface LiveDraws {
        /** Which draw of a plan is its live one: the latest, unless it was voided. */
        Optional<String> liveDraw(String planId);

        /** Which of these draws were voided (one batch read): their tasks are kept for the record only. */
        Set<String> voided(Collection<String> drawIds);

        /** Why this draw's tasks may not be given inspectors by hand now (voided, or still being written). */
        Optional<String> whyNotAssignable(String drawId);

        /**
         * Records the task's current hand assignment with its draw, for the draw's public record: one entry per
         * target, the latest; calling it again changes nothing. A draw voided by now answers 409 and gains no
         * entry.
         */
        void assignedByHand(Actor actor, Task task);
    }

    /**
     * A list's parameters: a plan's tasks ({@code planId}), an assignee's ({@code me} or an inspector id), a kind's
     * ({@code random}, {@code problem}), a status's (any of {@link Task#STATUSES}, or {@value #WORKLIST}: assigned or
     * returned, an inspector's work still to do); {@code year} (default the current one) where no plan is named.
     */
    public record Query(String planId, String assignee, String kind, String year, String status) { }

    /** PUT /tasks/{taskId}/inspectors body: the inspectors in order, the task's version as read, and a note. */
    public record AssignInput(List<String> inspectors, Long version, String reason) { }

    /**
     * {@code GET /tasks/{taskId}} answers this: the task's fields, and {@code drawVoided: true} for a task of a voided
     * draw, which is kept and still read, for the record, but is no longer its plan's (absent otherwise).
     */
    public record TaskView(@JsonUnwrapped Task task, Boolean drawVoided) { }

    private static final int PAGE = 500;
    /** The status filter of an inspector's worklist: tasks assigned, or returned to be entered again. */
    public static final String WORKLIST = "todo";
    static final Set<String> WORKLIST_STATUSES = Set.of(Task.ASSIGNED, Task.RETURNED);
    private static final Set<String> LISTED_STATUSES = listedStatuses();

    private static Set<String> listedStatuses() {
        Set<String> s = new HashSet<>(Task.STATUSES);
        s.add(WORKLIST);
        return Set.copyOf(s);
    }

    private final Store store;
    private final LiveDraws draws;
    private final InspectorService inspectors;

    public TaskService(Store store, LiveDraws draws) {
        this.store = store;
        this.draws = draws;
        this.inspectors = new InspectorService(store);
    }

    public Task get(Principal reader, String taskId) {
        Reader r = new Reader(reader);
        return store.get(Task.KIND, taskId).filter(r::mayRead).orElseThrow(() -> notFound(taskId));
    }

    /**
     * Why the caller is not the one to review or publish the task's result, or empty when they may be: it is their
     * own work, for they entered the result or are (by the roster entry linked to their login) one of the task's
     * inspectors. Reviewing ({@link ResultService#review}) and publishing by hand ask this one predicate; the answer
     * names which, for the 403.
     */
    public Optional<String> ownWork(Principal p, Task task) {
        if (task.result() != null && p.subject().equals(task.result().enteredBy())) {
            return Optional.of("You entered the result of the task '" + task.taskId() + "'");
        }
        if (!task.inspectors().isEmpty() && new Reader(p).inspectorId().map(task.inspectors()::contains)
                .orElse(false)) {
            return Optional.of("You are one of the inspectors of the task '" + task.taskId() + "'");
        }
        return Optional.empty();
    }

    /** One task as {@code GET /tasks/{taskId}} shows it: saying whether its draw was voided. */
    public TaskView view(Principal reader, String taskId) {
        Task task = get(reader, taskId);
        boolean voided = task.drawId() != null && !draws.voided(List.of(task.drawId())).isEmpty();
        return new TaskView(task, voided ? Boolean.TRUE : null);
    }

    /** One page of a plan's tasks, in id order; the plan must be one the reader may see (else 404). */
    public Page<Task> byPlan(Principal reader, String planId, int limit, String next) {
        return byPlan(reader, planId, null, limit, next);
    }

    /** One page of a plan's tasks of one status ({@code assigned}, {@code unassigned}), or of every status. */
    public Page<Task> byPlan(Principal reader, String planId, String status, int limit, String next) {
        return list(reader, new Query(planId, null, null, null, status), limit, next);
    }

    /**
     * One page of tasks, in id order. {@code assignee=me} is the reader's own tasks: those naming the inspector whose
     * roster entry is linked to the reader's login; a reader linked to no entry has none (an empty page, not an
     * error: every role may ask for "my tasks"). {@code assignee=INS-…} is open to administrators, auditors, the
     * operators of that inspector's organisation and the inspector themself (others 403; an unknown inspector 404).
     * With {@code planId}, within that plan's live draw; otherwise within {@code year}'s tasks. Tasks the reader may
     * not read are left out of the page (which may then be short; {@code next} carries on).
     */
    public Page<Task> list(Principal reader, Query q, int limit, String next) {
        String planId = Text.blankToNull(q.planId());
        String assignee = Text.blankToNull(q.assignee());
        String kind = Text.blankToNull(q.kind());
        String status = Text.blankToNull(q.status());
        status = status == null ? null : status.trim();
        Checks checks = new Checks().optionalOneOf("kind", kind, KINDS).optionalOneOf("status", status, LISTED_STATUSES);
        Integer year = checks.optionalYear("year", q.year());
        if (planId == null && assignee == null && kind == null) {
            checks.problem("planId", "name the tasks to list: ?planId=PLAN-…, ?assignee=me or ?kind=problem");
        }
        checks.throwIfAny("The list is not valid");
        Reader r = new Reader(reader);
        String inspectorId = null;
        boolean own = false;
        if (assignee != null) {
            if ("me".equals(assignee)) {
                Optional<String> mine = r.inspectorId();
                if (mine.isEmpty()) {
                    return new Page<>(List.of(), null);
                }
                inspectorId = mine.get();
                own = true;
            } else {
                Inspector x = store.get(Inspector.KIND, assignee).orElseThrow(() -> DomainException.notFound(
                        "No inspector with id '" + assignee + "'"));
                own = reader.subject().equals(x.accountId());
                if (!own && !mayListAssignments(reader, x)) {
                    throw DomainException.forbidden("The tasks of inspector '" + assignee + "' are listed for"
                            + " administrators, auditors, operators of their organisation and themself");
                }
                inspectorId = x.inspectorId();
            }
        }
        List<Filter> filters = new ArrayList<>();
        if (inspectorId != null) {
            filters.add(Filter.contains("inspectors", inspectorId));
        }
        if (kind != null) {
            filters.add(Filter.eq("kind", kind));
        }
        if (status != null && !WORKLIST.equals(status)) {
            filters.add(Filter.eq("status", status));
        }
        ListIndex range;
        if (planId != null) {
            Optional<Plan> stored = store.get(Plan.KIND, planId);
            // one's own tasks of a plan are listed whether or not one's organisation may read the plan
            Plan plan = own ? stored.orElseThrow(() -> PlanAccess.notFound(planId))
                    : PlanAccess.POLICY.requireVisible(reader, stored, planId);
            Optional<String> live = draws.liveDraw(plan.planId());
            if (live.isEmpty()) {
                return new Page<>(List.of(), null);
            }
            range = drawRange(live.get());
        } else {
            range = yearRange(year != null ? year : currentYear(store));
        }
        Page<Task> page = store.list(Task.KIND, range, filters, limit, next);
        List<Task> items = page.items();
        if (planId == null) {
            // a year's tasks: those of voided draws are kept for the record, no longer anyone's to do
            Set<String> voided = draws.voided(items.stream().map(Task::drawId).toList());
            items = items.stream().filter(t -> t.drawId() == null || !voided.contains(t.drawId())).toList();
        }
        if (WORKLIST.equals(status)) {
            // two statuses: read as one range and kept here (the page may then be short; next carries on)
            items = items.stream().filter(t -> WORKLIST_STATUSES.contains(t.status())).toList();
        }
        if (!own) {
            r.readTargetsOf(items);
            items = items.stream().filter(r::mayRead).toList();
        }
        return new Page<>(items, page.next());
    }

    /** Who may list another inspector's tasks: administrators, auditors, operators of the inspector's organisation. */
    static boolean mayListAssignments(Principal p, Inspector x) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.OPERATOR) && x.org().equals(p.org());
    }

    /** The year as the store's clock has it now, in Asia/Shanghai. */
    static int currentYear(Store store) {
        return Instant.parse(store.now()).atZone(ZONE).getYear();
    }

    /**
     * Gives the task these inspectors by hand, on the version read: 404 for a task the caller may not see, 403 for
     * one they may see but not assign, 409 for one whose inspectors may not change now ({@link
     * AssignmentRules#whyUnchangeable}, or its draw voided or unfinished) or a stale version, 422 naming each
     * inspector and why. Sending the inspectors the task has by hand already, with the same note, writes nothing
     * again (a retry after a lost answer) and makes sure its draw lists the assignment.
     */
    public Task assign(Actor actor, String taskId, AssignInput in) {
        Principal p = actor.principal();
        Task before = get(p, taskId);
        Plan plan = before.planId() == null ? null : store.require(Plan.KIND, before.planId());
        requireAssign(p, before, plan);
        if (before.drawId() != null) {
            draws.whyNotAssignable(before.drawId()).ifPresent(why -> {
                throw DomainException.conflict(why);
            });
        }
        AssignmentRules.whyUnchangeable(before, plan == null ? null : plan.status()).ifPresent(why -> {
            throw DomainException.conflict(why);
        });
        Checks checks = new Checks();
        checks.required("version", in.version());
        AssignmentRules.reason(checks, before, in.reason());
        List<String> named = in.inspectors();
        Map<String, Inspector> found = store.getAll(Inspector.KIND, AssignmentRules.lookups(named));
        AssignmentRules.check(checks, named, context(before, plan, previousInspectors(before)), found);
        checks.throwIfAny("The assignment is not valid");
        String note = Text.blankToNull(in.reason()) == null ? null : in.reason().trim();
        Task after;
        if (before.manual() && before.inspectors().equals(named) && Objects.equals(before.assignmentNote(), note)) {
            after = before;
        } else {
            Store.requireVersion(Task.KIND, before, in.version());
            after = before.assigned(named, note, before.version() + 1, store.now());
            store.update(Task.KIND, before, after, actor, "assign");
        }
        if (after.drawId() != null) {
            draws.assignedByHand(actor, after);
        }
        return after;
    }

    /** What the named inspectors are checked against: certificates valid on the later of the start and today. */
    private AssignmentRules.Context context(Task task, Plan plan, List<String> previous) {
        String today = Instant.parse(store.now()).atZone(ZONE).toLocalDate().toString();
        if (plan == null) {
            return new AssignmentRules.Context(task.targetId(), task.items(), task.departments(),
                    AssignmentRules.WITHOUT_PLAN, List.of(), today, previous);
        }
        return new AssignmentRules.Context(task.targetId(), task.items(), task.departments(),
                plan.inspectorsPerTarget(), plan.joint() ? plan.departments() : List.of(),
                AssignmentRules.validOn(plan.startDate(), today), previous);
    }

    /**
     * The inspectors of the target's previous inspection ({@link PreviousInspections}), as the draw reads it: among
     * the target's tasks of the task's year and the year before, not of voided draws, created no later than this
     * one, other than this one. The two years' key ranges are read with a filter on the target (a bureau's few
     * thousand tasks a year).
     */
    private List<String> previousInspectors(Task task) {
        List<Task> found = new ArrayList<>();
        for (int year : List.of(task.year() - 1, task.year())) {
            String next = null;
            do {
                Page<Task> page = store.list(Task.KIND, yearRange(year),
                        List.of(Filter.eq("targetId", task.targetId())), PAGE, next);
                found.addAll(page.items());
                next = page.next();
            } while (next != null);
        }
        Set<String> voided = draws.voided(found.stream().map(Task::drawId).toList());
        List<Task> earlier = found.stream().filter(t -> !t.taskId().equals(task.taskId())
                && (t.drawId() == null || !voided.contains(t.drawId()))
                && t.createdAt().compareTo(task.createdAt()) <= 0).toList();
        Task last = PreviousInspections.lastByTarget(earlier).get(task.targetId());
        return last == null ? List.of() : last.inspectors();
    }

    /** 403 unless the caller may assign the task's inspectors (the caller may see it: it was read as theirs). */
    private static void requireAssign(Principal p, Task task, Plan plan) {
        if (plan != null) {
            if (!PlanAccess.POLICY.mayApprove(p, plan)) {
                throw DomainException.forbidden("Inspectors are assigned by hand by an administrator or by the"
                        + " plan's lead department '" + plan.leadDepartment() + "'");
            }
            return;
        }
        String first = task.departments().isEmpty() ? null : task.departments().get(0);
        if (!p.has(Role.ADMIN) && !(p.has(Role.OPERATOR) && first != null && first.equals(p.org()))) {
            throw DomainException.forbidden("Inspectors are assigned by hand by an administrator or by the task's"
                    + " first department '" + first + "'");
        }
    }

    /** Every task of a draw, as one key range of the byKind index. */
    public static ListIndex drawRange(String drawId) {
        return new ListIndex(Tables.BY_KIND_INDEX, "entityKind", Task.KIND.prefix(), "entitySort",
                Task.drawPrefix(drawId));
    }

    /** Every task of a year. */
    public static ListIndex yearRange(int year) {
        return new ListIndex(Tables.BY_KIND_INDEX, "entityKind", Task.KIND.prefix(), "entitySort",
                Task.yearPrefix(year));
    }

    /**
     * One reader of tasks: the access rule, with the reader's linked inspector, the plans and (for county staff) the
     * targets read once each.
     */
    final class Reader {
        private final Principal p;
        private Optional<String> inspector;
        private final Map<String, Boolean> plans = new HashMap<>();
        private final Map<String, Optional<Target>> targets = new HashMap<>();

        Reader(Principal p) {
            this.p = p;
        }

        /** The inspector the reader's login is linked to, read on first need. */
        Optional<String> inspectorId() {
            if (inspector == null) {
                inspector = inspectors.byAccount(p.subject()).map(Inspector::inspectorId);
            }
            return inspector;
        }

        /** County staff read tasks by their targets' county: those of a page are read in one batch. */
        void readTargetsOf(List<Task> tasks) {
            if (!countyBound()) {
                return;
            }
            Set<String> wanted = new HashSet<>();
            tasks.forEach(t -> {
                if (!targets.containsKey(t.targetId())) {
                    wanted.add(t.targetId());
                }
            });
            if (wanted.isEmpty()) {
                return;
            }
            Map<String, Target> found = store.getAll(Target.KIND, wanted);
            wanted.forEach(id -> targets.put(id, Optional.ofNullable(found.get(id))));
        }

        private boolean countyBound() {
            return p.has(Role.COUNTY) && TargetAccess.POLICY.listScope(p).isPresent();
        }

        /** The task's target is one of the county account's county's ({@link TargetAccess}). */
        private boolean targetInCounty(Task task) {
            return countyBound() && targets.computeIfAbsent(task.targetId(), id -> store.get(Target.KIND, id))
                    .map(t -> TargetAccess.POLICY.mayRead(p, t)).orElse(false);
        }

        /** The one access rule of tasks. */
        boolean mayRead(Task task) {
            if (byRole(task)) {
                return true;
            }
            return !task.inspectors().isEmpty() && inspectorId().map(task.inspectors()::contains).orElse(false);
        }

        private boolean byRole(Task task) {
            if (task.planId() != null) {
                boolean plan = plans.computeIfAbsent(task.planId(), id -> store.get(Plan.KIND, id)
                        .map(x -> PlanAccess.POLICY.mayRead(p, x)).orElse(false));
                // a plan naming no county takes in every county's: a county account reads its own county's tasks
                return plan && (!countyBound() || targetInCounty(task));
            }
            return p.has(Role.ADMIN) || p.has(Role.AUDITOR)
                    || (p.has(Role.OPERATOR) || p.has(Role.INSPECTOR)) && task.departments().contains(p.org())
                    || targetInCounty(task);
        }
    }

    static DomainException notFound(String taskId) {
        return DomainException.notFound("No task with id '" + taskId + "'");
    }
}
