package spotcheck.publication;

import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;

/**
 * The two changes publication makes to a task: published (now public), and exported in a batch; the rest of its
 * result (the attachments it cites, its exemption note) is kept. Pure.
 */
final class PublishedTasks {
    private PublishedTasks() {
    }

    /** The task published at {@code at}: status published, its result's {@code publishedAt} set. */
    static Task published(Task t, String at, String now) {
        TaskResult r = t.result();
        return with(t, Task.PUBLISHED, r.withPublication(at, r.publicationBatch()), now);
    }

    /** The published task exported in {@code batchId}: it leaves the byDue index's export list. */
    static Task exported(Task t, String batchId, String now) {
        TaskResult r = t.result();
        return with(t, t.status(), r.withPublication(r.publishedAt(), batchId), now);
    }

    private static Task with(Task t, String status, TaskResult result, String now) {
        return new Task(t.taskId(), t.kind(), t.year(), t.planId(), t.drawId(), t.targetId(), t.stratum(), t.items(),
                t.departments(), t.inspectors(), status, t.unassigned(), t.manual(), t.assignmentNote(), t.source(),
                t.sourceRef(), t.note(), t.completedDate(), t.publicationDue(), t.resultsDue(), result,
                t.attachments(), t.version() + 1, t.createdAt(), now);
    }
}
