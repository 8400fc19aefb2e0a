package spotcheck.tasks;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /tasks. */
public final class TaskOperations {
    private final TaskService tasks;
    private final ProblemTasks problems;

    public TaskOperations(TaskService tasks, ProblemTasks problems) {
        this.tasks = tasks;
        this.problems = problems;
    }

    public ApiResponse list(ApiRequest r) {
        TaskService.Query q = new TaskService.Query(r.query("planId").orElse(null), r.query("assignee").orElse(null),
                r.query("kind").orElse(null), r.query("year").orElse(null), r.query("status").orElse(null));
        return ApiResponse.ok(tasks.list(r.caller(), q, r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(tasks.view(r.caller(), r.path("taskId")));
    }

    public ApiResponse create(ApiRequest r) {
        Task task = problems.create(r.actor(), r.body(ProblemTasks.ProblemInput.class));
        return ApiResponse.created(task, "/tasks/" + task.taskId());
    }

    /** PUT /tasks/{taskId}/inspectors: inspectors given by hand. */
    public ApiResponse assign(ApiRequest r) {
        return ApiResponse.ok(tasks.assign(r.actor(), r.path("taskId"), r.body(TaskService.AssignInput.class)));
    }
}
