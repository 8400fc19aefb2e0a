package spotcheck.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spotcheck.core.Actor;
import spotcheck.core.Page;
import spotcheck.store.DueIndex;
import spotcheck.tasks.Task;

/**
 * The published results of a batch: waiting in the byDue index's {@code export} rule from their publication until a
 * batch marks them ({@code result.publicationBatch}), one row per target and item in the columns of the national
 * enterprise credit publicity system's upload (DOMAIN.md), every value as {@link Redactor} publishes it.
 */
final class ResultRows implements RowSource {
    static final List<String> HEADER = List.of("统一社会信用代码", "主体名称", "抽查计划编号", "抽查计划名称", "抽查任务编号",
            "抽查任务名称", "抽查类型", "抽查机关", "抽查完成日期", "检查事项", "检查结果");

    private final PublicationService service;

    ResultRows(PublicationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "results";
    }

    @Override
    public List<String> header() {
        return HEADER;
    }

    @Override
    public Page<String> waiting(int limit, String next) {
        Page<Task> page = service.store().list(Task.KIND, DueIndex.through(DueIndex.EXPORT, null), List.of(), limit,
                next);
        List<String> ids = page.items().stream().filter(t -> Task.PUBLISHED.equals(t.status())
                && t.result() != null && t.result().publicationBatch() == null).map(Task::taskId).toList();
        return new Page<>(ids, page.next());
    }

    @Override
    public List<List<String>> rows(List<String> ids) {
        Map<String, Task> found = service.store().getAll(Task.KIND, ids);
        List<Task> ordered = ids.stream().filter(found::containsKey).map(found::get).toList();
        return rowsOf(service.records(ordered));
    }

    /** One row per item of each record. */
    static List<List<String>> rowsOf(List<PublicResult> records) {
        List<List<String>> rows = new ArrayList<>();
        for (PublicResult r : records) {
            for (PublicResult.Item item : r.items()) {
                rows.add(java.util.Arrays.asList(r.creditCode(), r.targetName(), r.planId(), r.planName(),
                        r.taskId(), r.taskName(), r.checkType(), r.authority(), r.completedDate(), item.item(),
                        item.result()));
            }
        }
        return rows;
    }

    @Override
    public void markExported(Actor actor, String batchId, List<String> ids) {
        service.markExported(actor, batchId, ids);
    }
}
