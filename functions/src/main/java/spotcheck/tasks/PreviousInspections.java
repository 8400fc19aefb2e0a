package spotcheck.tasks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A target's previous inspection, as the draw and the assignment by hand both read it (pure): among the tasks given
 * (the caller leaves out those of voided draws), a target's latest task by creation that sent inspectors, drawn or
 * problem-driven; a task still waiting for inspectors sent nobody and does not count. Of two created at the same
 * moment, the one given first. Its inspectors are not sent to that target again: the draw excludes them, and an
 * assignment by hand naming one is refused.
 */
public final class PreviousInspections {
    private PreviousInspections() { }

    /** Each target's last inspection among these tasks (given oldest first: last year's before this year's). */
    public static Map<String, Task> lastByTarget(Iterable<Task> tasks) {
        Map<String, Task> latest = new HashMap<>();
        for (Task t : tasks) {
            if (t.inspectors().isEmpty()) {
                continue;
            }
            latest.merge(t.targetId(), t, (a, b) -> a.createdAt().compareTo(b.createdAt()) >= 0 ? a : b);
        }
        return latest;
    }

    /** Inspector id → the targets whose last inspection (among these tasks) they made. */
    public static Map<String, Set<String>> byInspector(Iterable<Task> tasks) {
        Map<String, Set<String>> byInspector = new HashMap<>();
        lastByTarget(tasks).values().forEach(t -> t.inspectors().forEach(x -> byInspector
                .computeIfAbsent(x, k -> new HashSet<>()).add(t.targetId())));
        return byInspector;
    }
}
