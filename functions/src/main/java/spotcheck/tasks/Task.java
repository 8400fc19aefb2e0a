package spotcheck.tasks;

import java.util.List;
import java.util.Set;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * One inspection visit (检查任务): a drawn target with its inspectors, covering every item of the plan (a joint
 * plan's visit covers every participating department's items at once: 进一次门，查多项事). {@code kind} is
 * {@code random} for a task a draw made, {@code problem} for a problem-driven inspection (问题导向) made for a named
 * target, which no draw made and the random ratio does not count. A drawn target without enough inspectors is a
 * task too, {@code unassigned} with the draw's reason, until its plan's department assigns inspectors by hand
 * ({@code manual}, with the assigner's optional {@code assignmentNote}; {@code PUT /tasks/{taskId}/inspectors}).
 *
 * <p>A drawn task's id is {@code TSK-} + its draw's id without {@code DRW-} + {@code -} + the target's id, so a draw
 * that is interrupted and run again writes the same tasks, and a year's tasks ({@code TSK-2026-…}) and a draw's are
 * each one key range of the byKind index.
 */
public record Task(
        String taskId,
        String kind,
        int year,
        String planId,
        String drawId,
        String targetId,
        String stratum,
        List<String> items,
        List<String> departments,
        List<String> inspectors,
        String status,
        String unassigned,
        boolean manual,
        String assignmentNote,
        String source,
        String sourceRef,
        String completedDate,
        String publicationDue,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Task> KIND = new EntityKind<>("TSK", "task", Task.class, false);
    public static final String RANDOM = "random";
    public static final String PROBLEM = "problem";
    public static final String ASSIGNED = "assigned";
    public static final String UNASSIGNED = "unassigned";
    /** The statuses a task list may be filtered by ({@code GET /tasks?status=}). */
    public static final Set<String> STATUSES = Set.of(ASSIGNED, UNASSIGNED);

    public Task {
        items = items == null ? List.of() : List.copyOf(items);
        departments = departments == null ? List.of() : List.copyOf(departments);
        inspectors = inspectors == null ? List.of() : List.copyOf(inspectors);
    }

    /** A task without an assignment note (what every writer but the assignment by hand makes). */
    public Task(String taskId, String kind, int year, String planId, String drawId, String targetId, String stratum,
                List<String> items, List<String> departments, List<String> inspectors, String status,
                String unassigned, boolean manual, String source, String sourceRef, String completedDate,
                String publicationDue, long version, String createdAt, String updatedAt) {
        this(taskId, kind, year, planId, drawId, targetId, stratum, items, departments, inspectors, status, unassigned,
                manual, null, source, sourceRef, completedDate, publicationDue, version, createdAt, updatedAt);
    }

    @Override
    public String id() {
        return taskId;
    }

    /** The id of the task a draw makes for a target. */
    public static String drawnId(String drawId, String targetId) {
        return drawPrefix(drawId) + targetId;
    }

    /** The prefix of every task id of one draw. */
    public static String drawPrefix(String drawId) {
        return "TSK-" + drawId.substring("DRW-".length()) + "-";
    }

    /** The prefix of every task id of one year. */
    public static String yearPrefix(int year) {
        return "TSK-" + year + "-";
    }

    /** The same task with inspectors given by hand. */
    public Task assigned(List<String> chosen, long newVersion, String now) {
        return assigned(chosen, null, newVersion, now);
    }

    /**
     * The same task with inspectors given by hand and the assigner's note (or none); the draw's reason it had none
     * ({@code unassigned}) is kept, for the record.
     */
    public Task assigned(List<String> chosen, String note, long newVersion, String now) {
        return new Task(taskId, kind, year, planId, drawId, targetId, stratum, items, departments, chosen, ASSIGNED,
                unassigned, true, note, source, sourceRef, completedDate, publicationDue, newVersion, createdAt, now);
    }
}
