package spotcheck.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.Ids;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.store.Store;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;

/**
 * Tasks with a result entered, written straight through the store over the emulator (results are entered through
 * their own route elsewhere): a problem-driven task of one department for a target, one item result per category.
 */
final class ResultTasks {
    private ResultTasks() { }

    static Store store() {
        return Stack.services().entities;
    }

    /** A 2026 task of {@code department} for the target, {@code status} (entered, reviewed, published) with a result. */
    static String create(String department, String targetId, String item, String status, String... categories) {
        List<TaskResult.ItemResult> items = new ArrayList<>();
        for (String c : categories) {
            items.add(new TaskResult.ItemResult(item, c));
        }
        TaskResult result = new TaskResult("2026-09-10", "on_site", items, "现场检查发现问题", true, null,
                "e2e-inspector", "2026-09-11T02:00:00Z", null, null, null, null, null);
        Store store = store();
        String now = store.now();
        Task task = new Task(Ids.random(Task.problemPrefix(2026), 10), Task.PROBLEM, 2026, null, null, targetId, null,
                List.of(item), List.of(department), List.of(), status, null, false, null, "complaint", null, null,
                "2026-09-10", null, null, result, null, 1, now, now);
        store.create(Task.KIND, task, new Actor(new Principal("e2e-results", "录入", department, Set.of(Role.ADMIN)),
                "req-e2e-results"));
        return task.taskId();
    }
}
