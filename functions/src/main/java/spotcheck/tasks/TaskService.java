package spotcheck.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * Reading tasks, under one access rule ({@link Reader#mayRead}), and giving them inspectors by hand. A task's
 * assigned inspector may always read it (the inspector whose roster entry is linked to the reader's login, even where
 * the plan's policy would not let their organisation read the plan: a police officer in a joint plan); otherwise a
 * drawn task is visible to whoever may read its plan ({@link PlanAccess}), a problem-driven one to administrators,
 * auditors and the departments it names. A task the reader may not see answers as one that does not exist. A plan's
 * tasks are those of its live draw (a voided draw's tasks stay stored, for the record, but are no longer the
 * plan's), read as one key range.
 *
 * <p>Tasks name their inspectors as a list, which no index keys: an assignee's tasks are read from a year's key
 * range (or a plan's draw's) with a {@code contains} filter, at the cost of reading the range: a bureau's few
 * thousand tasks a year, a page of {@code limit} read per round.
 *
 * <p>Inspectors are assigned by hand ({@code PUT /tasks/{taskId}/inspectors}) by an administrator or an operator
 * of the plan's lead department (of the task's first department, for a task without a plan), under the rules of
 * {@link AssignmentRules}; the task becomes assigned and {@code manual}, and its draw lists the assignment in its
 * public record ({@link LiveDraws#assignedByHand}).
 */
public final class TaskService {
    /** The zone whose calendar year a task's year is. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Set<String> KINDS = Set.of(Task.RANDOM, Task.PROBLEM);

    /** What tasks need of the draws capability, which answers, so that tasks need not know draws. */
    public interface LiveDraws {
        /** Which draw of a plan is its live one: the latest, unless it was voided. */
        Optional<String> liveDraw(String planId);

        /** Why this draw's tasks may not be given inspectors by hand now (voided, or still being written). */
        Optional<String> whyNotAssignable(String drawId);

        /**
         * Records the task's current hand assignment with its draw, for the draw's public record: one entry per
         * target, the latest; calling it again changes nothing.
         */
        void assignedByHand(Actor actor, Task task);
    }

    /**
     * A list's parameters: a plan's tasks ({@code planId}), an assignee's ({@code me} or an inspector id), a kind's
     * ({@code random}, {@code problem}), a status's ({@code assigned}, {@code unassigned}); {@code year} (default the
     * current one) where no plan is named.
     */
    public record Query(String planId, String assignee, String kind, String year, String status) { }

    /** PUT /tasks/{taskId}/inspectors body: the inspectors in order, the task's version as read, and a note. */
    public record AssignInput(List<String> inspectors, Long version, String reason) { }

    private final Store store;
    private final LiveDraws draws;

    public TaskService(Store store, LiveDraws draws) {
        this.store = store;
        this.draws = draws;
    }

    public Task get(Principal reader, String taskId) {
        Reader r = new Reader(reader);
        return store.get(Task.KIND, taskId).filter(r::mayRead).orElseThrow(() -> notFound(taskId));
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
        Checks checks = new Checks().optionalOneOf("kind", kind, KINDS).optionalOneOf("status", status, Task.STATUSES);
        Integer year = year(checks, q.year());
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
        if (status != null) {
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
        if (own) {
            return page;
        }
        return new Page<>(page.items().stream().filter(r::mayRead).toList(), page.next());
    }

    /** Who may list another inspector's tasks: administrators, auditors, operators of the inspector's organisation. */
    static boolean mayListAssignments(Principal p, Inspector x) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.OPERATOR) && x.org().equals(p.org());
    }

    /** The year as the store's clock has it now, in Asia/Shanghai. */
    static int currentYear(Store store) {
        return Instant.parse(store.now()).atZone(ZONE).getYear();
    }

    private static Integer year(Checks checks, String raw) {
        String s = Text.blankToNull(raw);
        if (s == null) {
            return null;
        }
        if (s.matches("\\d{4}")) {
            int y = Integer.parseInt(s);
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        }
        checks.problem("year", "year must be a year from 2000 to 2100");
        return null;

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
        checks.optionalText("reason", in.reason(), AssignmentRules.NOTE_MAX);
        List<String> named = in.inspectors();
        Map<String, Inspector> found = store.getAll(Inspector.KIND, AssignmentRules.lookups(named));
        AssignmentRules.check(checks, named, context(before, plan), found);
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

    /** What the named inspectors are checked against. */
    private AssignmentRules.Context context(Task task, Plan plan) {
        if (plan == null) {
            String today = Instant.parse(store.now()).atZone(ZONE).toLocalDate().toString();
            return new AssignmentRules.Context(task.targetId(), task.items(), task.departments(),
                    AssignmentRules.WITHOUT_PLAN, List.of(), today);
        }
        return new AssignmentRules.Context(task.targetId(), task.items(), task.departments(),
                plan.inspectorsPerTarget(), plan.joint() ? plan.departments() : List.of(), plan.startDate());
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

    /** The inspector whose roster entry is linked to this login, if any (the claim on the link, then its holder). */
    Optional<Inspector> linkedInspector(String subject) {
        String id = Text.blankToNull(subject);
        return id == null ? Optional.empty() : store.holderOf(Inspector.KIND, Inspector.accountKey(id));
    }

    /** One reader of tasks: the access rule, with the reader's linked inspector and the plans read once each. */
    final class Reader {
        private final Principal p;
        private Optional<String> inspector;
        private final Map<String, Boolean> plans = new HashMap<>();

        Reader(Principal p) {
            this.p = p;
        }

        /** The inspector the reader's login is linked to, read on first need. */
        Optional<String> inspectorId() {
            if (inspector == null) {
                inspector = linkedInspector(p.subject()).map(Inspector::inspectorId);
            }
            return inspector;
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
                return plans.computeIfAbsent(task.planId(), id -> store.get(Plan.KIND, id)
                        .map(plan -> PlanAccess.POLICY.mayRead(p, plan)).orElse(false));
            }
            return p.has(Role.ADMIN) || p.has(Role.AUDITOR)
                    || (p.has(Role.OPERATOR) || p.has(Role.INSPECTOR) || p.has(Role.COUNTY))
                    && task.departments().contains(p.org());
        }
    }

    static DomainException notFound(String taskId) {
        return DomainException.notFound("No task with id '" + taskId + "'");
    }
}
