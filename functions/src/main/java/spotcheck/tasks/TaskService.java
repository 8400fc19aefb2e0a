package spotcheck.tasks;

import java.util.List;
import java.util.Optional;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanAccess;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;

/**
 * Reading tasks. A drawn task is visible to whoever may read its plan ({@link PlanAccess}); a problem-driven one
 * to administrators, auditors and the departments it names. A task the reader may not see answers as one that does
 * not exist. A plan's tasks are those of its live draw (a voided draw's tasks stay stored, for the record, but are
 * no longer the plan's), read as one key range.
 */
public final class TaskService {
    /** Which draw of a plan is its live one; the draws capability answers, so tasks need not know draws. */
    public interface LiveDraws {
        Optional<String> liveDraw(String planId);
    }

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
        Plan plan = PlanAccess.POLICY.requireVisible(reader, store.get(Plan.KIND, planId), planId);
        Optional<String> live = draws.liveDraw(plan.planId());
        if (live.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return store.list(Task.KIND, drawRange(live.get()), List.of(), limit, next);
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
