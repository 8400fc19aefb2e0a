package spotcheck.tasks;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.core.DomainException;

/** HTTP operations on /tasks. */
public final class TaskOperations {
    private final TaskService tasks;

    public TaskOperations(TaskService tasks) {
        this.tasks = tasks;
    }

    public ApiResponse list(ApiRequest r) {
        String planId = r.query("planId").orElseThrow(() -> DomainException.invalid("planId",
                "name the plan whose tasks to list: ?planId=PLAN-…"));
        return ApiResponse.ok(tasks.byPlan(r.caller(), planId, r.query("status").orElse(null), r.limit(50, 200),
                r.query("next").orElse(null)));
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(tasks.get(r.caller(), r.path("taskId")));
    }

    /** PUT /tasks/{taskId}/inspectors: inspectors given by hand. */
    public ApiResponse assign(ApiRequest r) {
        return ApiResponse.ok(tasks.assign(r.actor(), r.path("taskId"), r.body(TaskService.AssignInput.class)));
    }
}
