package spotcheck.tasks;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /tasks. */
public final class TaskOperations {
    private final TaskService tasks;
    private final ProblemTasks problems;
    private final ResultService results;

    public TaskOperations(TaskService tasks, ProblemTasks problems) {
        this(tasks, problems, null);
    }

    public TaskOperations(TaskService tasks, ProblemTasks problems, ResultService results) {
        this.tasks = tasks;
        this.problems = problems;
        this.results = results;
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

    /** PUT /tasks/{taskId}/result: the result entered, or corrected before review. */
    public ApiResponse enterResult(ApiRequest r) {
        return ApiResponse.ok(results.enter(r.actor(), r.path("taskId"), r.body(ResultRules.ResultInput.class)));
    }

    /** POST /tasks/{taskId}/attachments: evidence announced, answered with its presigned upload URL. */
    public ApiResponse attach(ApiRequest r) {
        ResultService.AttachmentStarted started = results.attach(r.actor(), r.path("taskId"),
                r.body(ResultRules.AttachmentInput.class));
        return ApiResponse.created(started, "/tasks/" + r.path("taskId"));
    }

    /** POST /tasks/{taskId}/review: an entered result approved or returned. */
    public ApiResponse review(ApiRequest r) {
        return ApiResponse.ok(results.review(r.actor(), r.path("taskId"), r.body(ResultRules.ReviewInput.class)));
    }

    /** GET /result-categories: the categories in effect. */
    public ApiResponse categories(ApiRequest r) {
        return ApiResponse.ok(results.categories());
    }

    /** PUT /result-categories: the categories replaced by an administrator. */
    public ApiResponse putCategories(ApiRequest r) {
        return ApiResponse.ok(results.putCategories(r.actor(), r.body(ResultService.CategoriesInput.class)));
    }
}
