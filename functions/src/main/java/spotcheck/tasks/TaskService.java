package spotcheck.tasks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * Reading tasks, and giving them inspectors by hand. A drawn task is visible to whoever may read its plan
 * ({@link PlanAccess}); a problem-driven one to administrators, auditors and the departments it names. A task the
 * reader may not see answers as one that does not exist. A plan's tasks are those of its live draw (a voided
 * draw's tasks stay stored, for the record, but are no longer the plan's), read as one key range.
 *
 * <p>Inspectors are assigned by hand ({@code PUT /tasks/{taskId}/inspectors}) by an administrator or an operator
 * of the plan's lead department (of the task's first department, for a task without a plan), under the rules of
 * {@link AssignmentRules}; the task becomes assigned and {@code manual}, and its draw lists the assignment in its
 * public record ({@link LiveDraws#assignedByHand}).
 */
public final class TaskService {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

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

    /** PUT /tasks/{taskId}/inspectors body: the inspectors in order, the task's version as read, and a note. */
    public record AssignInput(List<String> inspectors, Long version, String reason) { }

    private final Store store;
    private final LiveDraws draws;

    public TaskService(Store store, LiveDraws draws) {
        this.store = store;
        this.draws = draws;
    }

    public Task get(Principal reader, String taskId) {
        return store.get(Task.KIND, taskId).filter(t -> mayRead(reader, t))
                .orElseThrow(() -> notFound(taskId));
    }

    /** One page of a plan's tasks, in id order; the plan must be one the reader may see (else 404). */
    public Page<Task> byPlan(Principal reader, String planId, int limit, String next) {
        return byPlan(reader, planId, null, limit, next);
    }

    /**
     * One page of a plan's tasks, in id order, of one status when {@code status} is given (a page may then hold
     * fewer than {@code limit}: follow {@code next}); the plan must be one the reader may see (else 404).
     */
    public Page<Task> byPlan(Principal reader, String planId, String status, int limit, String next) {
        String wanted = Text.blankToNull(status);
        new Checks().optionalOneOf("status", wanted == null ? null : wanted.trim(), Task.STATUSES)
                .throwIfAny("The filter is not valid");
        Plan plan = PlanAccess.POLICY.requireVisible(reader, store.get(Plan.KIND, planId), planId);
        Optional<String> live = draws.liveDraw(plan.planId());
        if (live.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Filter> filters = wanted == null ? List.of() : List.of(Filter.eq("status", wanted.trim()));
        return store.list(Task.KIND, drawRange(live.get()), filters, limit, next);
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
            String today = Instant.parse(store.now()).atZone(CHINA).toLocalDate().toString();
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

    boolean mayRead(Principal reader, Task task) {
        if (task.planId() != null) {
            return store.get(Plan.KIND, task.planId()).map(p -> PlanAccess.POLICY.mayRead(reader, p)).orElse(false);
        }
        return reader.has(Role.ADMIN) || reader.has(Role.AUDITOR)
                || (reader.has(Role.OPERATOR) || reader.has(Role.INSPECTOR)) && task.departments().contains(reader.org());
    }

    static DomainException notFound(String taskId) {
        return DomainException.notFound("No task with id '" + taskId + "'");
    }
}
