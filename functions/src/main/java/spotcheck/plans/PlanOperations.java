package spotcheck.plans;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.api.Downloads;
import spotcheck.plans.PlanRules.PlanFields;
import spotcheck.validation.Checks;

/** HTTP operations on /plans and /public/plans. */
public final class PlanOperations {
    private final PlanService plans;
    private final PublicPlans published;
    private final PlanDocument document;
    private final Downloads downloads;

    public PlanOperations(PlanService plans, PublicPlans published, PlanDocument document, Downloads downloads) {
        this.plans = plans;
        this.published = published;
        this.document = document;
        this.downloads = downloads;
    }

    public ApiResponse list(ApiRequest r) {
        PlanService.Query q = new PlanService.Query(year(r, false), r.query("status").orElse(null),
                r.query("department").orElse(null));
        return ApiResponse.ok(plans.list(r.caller(), q, r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse create(ApiRequest r) {
        Plan p = plans.create(r.actor(), r.body(PlanFields.class));
        return ApiResponse.created(p, "/plans/" + p.planId());
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(plans.get(r.caller(), r.path("planId")));
    }

    public ApiResponse update(ApiRequest r) {
        return ApiResponse.ok(plans.update(r.actor(), r.path("planId"), r.body(PlanService.PlanUpdate.class)));
    }

    public ApiResponse approve(ApiRequest r) {
        return ApiResponse.ok(plans.approve(r.actor(), r.path("planId"), r.body(PlanService.ApproveInput.class)));
    }

    public ApiResponse estimate(ApiRequest r) {
        return ApiResponse.ok(plans.estimate(r.caller(), r.path("planId")));
    }

    public ApiResponse export(ApiRequest r) {
        String format = Downloads.format(r);
        int year = year(r, true);
        return downloads.deliver(document.annual(r.caller(), year, format), format, year + "年度双随机抽查计划");
    }

    public ApiResponse publicList(ApiRequest r) {
        return ApiResponse.ok(published.list(year(r, true), r.limit(50, 200), r.query("next").orElse(null)));
    }

    /** The {@code year} query parameter: 2000 to 2100. */
    private static Integer year(ApiRequest r, boolean required) {
        return Checks.year(required ? r.requireQuery("year") : r.query("year").orElse(null));
    }
}
