package spotcheck.tasks;

import java.util.List;
import java.util.Set;
import java.util.Map;
import spotcheck.store.DueIndex;
import spotcheck.store.EntityKind;
import spotcheck.store.UniqueKey;
import spotcheck.store.Versioned;
import spotcheck.validation.CreditCode;
import spotcheck.validation.Text;

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
 * each one key range of the byKind index. A problem-driven task's id is {@code TSK-{year}-P-} and ten random letters:
 * in its year's range, never a drawn task's (a plan's part of a drawn id is longer than one letter). It records
 * what prompted it ({@code source}: complaint, referral or monitoring; {@code sourceRef}, e.g. the 12345 hotline
 * ticket number) and a {@code note}; one source reference makes one task per target (a unique key).
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
        String note,
        String completedDate,
        String publicationDue,
        String resultsDue,
        TaskResult result,
        List<TaskResult.Attachment> attachments,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Task> KIND = new EntityKind<>("TSK", "task", Task.class, false, Task::uniqueKeys)
            .withIndexKeys(Task::indexKeys);
    /**
     * A published result's public lists, on two existing sparse indexes (only a published task carries their
     * keys): its target's, {@code countyKey = PUBLIC#targetId} on byCounty (sorted by task id), and its plan's,
     * {@code riskKey = PUBLIC#planId}, {@code riskSort = taskId} on byRisk. A target's id is its credit code where it
     * has one, so {@code GET /public/results?creditCode=} is one query of its partition; a target whose id is not a
     * publishable credit code ({@link CreditCode#publishable}: a resident ID number some individual businesses carry
     * as their code, or a derived id) has no such key, so its results cannot be looked up, or a person confirmed,
     * by that number.
     */
    public static final String PUBLIC_PREFIX = "PUBLIC#";
    public static final String RANDOM = "random";
    public static final String PROBLEM = "problem";
    public static final String ASSIGNED = "assigned";
    public static final String UNASSIGNED = "unassigned";
    /** A result entered by the task's inspectors, waiting for review. */
    public static final String ENTERED = "entered";
    /** A result sent back by its reviewer with a comment, to be entered again. */
    public static final String RETURNED = "returned";
    /** A reviewed result to be made public: published on approval or by the daily run when due. */
    public static final String REVIEWED = "reviewed";
    /** A result public under the target's name ({@code GET /public/results}). */
    public static final String PUBLISHED = "published";
    /** A reviewed result that is never public (awaiting testing or an expert opinion, or by law): counted, reason kept. */
    public static final String EXEMPT = "exempt";
    /** What may prompt a problem-driven inspection: a complaint (e.g. to the 12345 hotline), a referral, monitoring. */
    public static final Set<String> SOURCES = Set.of("complaint", "referral", "monitoring");
    /** The statuses a task list may be filtered by ({@code GET /tasks?status=}). */
    public static final Set<String> STATUSES = Set.of(ASSIGNED, UNASSIGNED, ENTERED, RETURNED, REVIEWED, PUBLISHED,
            EXEMPT);

    public Task {
        items = items == null ? List.of() : List.copyOf(items);
        departments = departments == null ? List.of() : List.copyOf(departments);
        inspectors = inspectors == null ? List.of() : List.copyOf(inspectors);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Where the task's current state is indexed: its open deadline, and its public lists once published. */
    static Map<String, String> indexKeys(Task t) {
        Map<String, String> due = dueKeys(t);
        if (!PUBLISHED.equals(t.status()) || t.result() == null || !t.result().publish()) {
            return due;
        }
        Map<String, String> keys = new java.util.HashMap<>(due);
        if (CreditCode.publishable(t.targetId()) != null) {
            keys.put("countyKey", PUBLIC_PREFIX + t.targetId());
        }
        if (t.planId() != null) {
            keys.put("riskKey", PUBLIC_PREFIX + t.planId());
            keys.put("riskSort", t.taskId());
        }
        return keys;
    }

    /**
     * The task's open deadline in the byDue index ({@link DueIndex}): before a result, its results by the plan's
     * end ({@code resultsDue}; a task without a plan has none); once a result exists and until it is published or
     * found exempt, its publication ({@code publicationDue}); once published, until a publication batch has
     * exported it, its export (by the UTC day of {@code publishedAt}). A voided draw's tasks keep their keys: the readers
     * of the index skip them.
     */
    static Map<String, String> dueKeys(Task t) {
        return switch (t.status()) {
            case ASSIGNED, UNASSIGNED -> t.resultsDue() == null ? Map.of()
                    : DueIndex.keys(DueIndex.RESULT, t.resultsDue(), t.taskId());
            case ENTERED, RETURNED, REVIEWED -> t.publicationDue() == null ? Map.of()
                    : DueIndex.keys(DueIndex.PUBLICATION, t.publicationDue(), t.taskId());
            case PUBLISHED -> t.result() == null || t.result().publicationBatch() != null
                    || t.result().publishedAt() == null ? Map.of()
                    : DueIndex.keys(DueIndex.EXPORT, t.result().publishedAt().substring(0, 10), t.taskId());
            default -> Map.of();
        };
    }

    @Override
    public String id() {
        return taskId;
    }

    /** A problem-driven task with a source reference claims it for its target: the same ticket twice is a 409. */
    static List<UniqueKey> uniqueKeys(Task t) {
        if (!PROBLEM.equals(t.kind()) || t.sourceRef() == null) {
            return List.of();
        }
        return List.of(new UniqueKey("source", t.source() + "#" + Text.matchKey(t.sourceRef()) + "#" + t.targetId(),
                "sourceRef", "the " + t.source() + " '" + t.sourceRef() + "' for target '" + t.targetId() + "'"));
    }

    /** The prefix of every problem-driven task id of one year. */
    public static String problemPrefix(int year) {
        return yearPrefix(year) + "P-";
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
    public Task assigned(List<String> chosen, String byHandNote, long newVersion, String now) {
        return new Task(taskId, kind, year, planId, drawId, targetId, stratum, items, departments, chosen, ASSIGNED,
                unassigned, true, byHandNote, source, sourceRef, note, completedDate, publicationDue, resultsDue,
                result, attachments, newVersion, createdAt, now);
    }

    /**
     * The same task with its result workflow moved on: a status, the result, its completion date and publication
     * deadline, and its attachments.
     */
    public Task withResult(String newStatus, TaskResult newResult, String completed, String due,
                           List<TaskResult.Attachment> newAttachments, long newVersion, String now) {
        return new Task(taskId, kind, year, planId, drawId, targetId, stratum, items, departments, inspectors,
                newStatus, unassigned, manual, assignmentNote, source, sourceRef, note, completed, due, resultsDue,
                newResult, newAttachments, newVersion, createdAt, now);
    }
}
