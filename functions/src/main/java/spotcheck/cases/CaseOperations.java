package spotcheck.cases;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /cases. */
public final class CaseOperations {
    private final CaseService cases;

    public CaseOperations(CaseService cases) {
        this.cases = cases;
    }

    public ApiResponse create(ApiRequest r) {
        Case c = cases.create(r.actor(), r.body(CaseService.CaseInput.class));
        return ApiResponse.created(c, "/cases/" + c.caseId());
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(cases.get(r.caller(), r.path("caseId")));
    }

    public ApiResponse list(ApiRequest r) {
        CaseService.Query q = new CaseService.Query(r.query("taskId").orElse(null), r.query("year").orElse(null),
                r.query("kind").orElse(null));
        return ApiResponse.ok(cases.list(r.caller(), q, r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse update(ApiRequest r) {
        return ApiResponse.ok(cases.update(r.actor(), r.path("caseId"), r.body(CaseService.CaseUpdate.class)));
    }

    public ApiResponse close(ApiRequest r) {
        return ApiResponse.ok(cases.close(r.actor(), r.path("caseId"), r.body(CaseService.CloseInput.class)));
    }

    public ApiResponse publish(ApiRequest r) {
        return ApiResponse.ok(cases.publish(r.actor(), r.path("caseId"), r.body(CaseService.PublishInput.class)));
    }
}
