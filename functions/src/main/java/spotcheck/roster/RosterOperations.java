package spotcheck.roster;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.api.Downloads;

/** HTTP operations on /targets and /inspectors. */
public final class RosterOperations {
    private final TargetService targets;
    private final InspectorService inspectors;
    private final RosterExports exports;
    private final Downloads downloads;

    public RosterOperations(TargetService targets, InspectorService inspectors, RosterExports exports,
                            Downloads downloads) {
        this.targets = targets;
        this.inspectors = inspectors;
        this.exports = exports;
        this.downloads = downloads;
    }

    public ApiResponse exportTargets(ApiRequest r) {
        String format = Downloads.format(r);
        return downloads.deliver(exports.targets(r.caller(), targetQuery(r), format), format, "检查对象名录");
    }

    public ApiResponse exportInspectors(ApiRequest r) {
        String format = Downloads.format(r);
        return downloads.deliver(exports.inspectors(r.caller(), inspectorQuery(r), format), format, "执法检查人员名录");
    }

    public ApiResponse listTargets(ApiRequest r) {
        return ApiResponse.ok(targets.list(r.caller(), targetQuery(r), r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse createTarget(ApiRequest r) {
        Target t = targets.create(r.actor(), r.body(TargetService.TargetInput.class));
        return ApiResponse.created(t, "/targets/" + t.targetId());
    }

    public ApiResponse getTarget(ApiRequest r) {
        return ApiResponse.ok(targets.get(r.caller(), r.path("targetId")));
    }

    public ApiResponse updateTarget(ApiRequest r) {
        return ApiResponse.ok(targets.update(r.actor(), r.path("targetId"), r.body(TargetService.TargetUpdate.class)));
    }

    public ApiResponse deactivateTarget(ApiRequest r) {
        return ApiResponse.ok(targets.deactivate(r.actor(), r.path("targetId"),
                r.body(TargetService.DeactivateInput.class)));
    }

    public ApiResponse listInspectors(ApiRequest r) {
        return ApiResponse.ok(inspectors.list(r.caller(), inspectorQuery(r), r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse createInspector(ApiRequest r) {
        Inspector i = inspectors.create(r.actor(), r.body(InspectorService.InspectorInput.class));
        return ApiResponse.created(i, "/inspectors/" + i.inspectorId());
    }

    public ApiResponse getInspector(ApiRequest r) {
        return ApiResponse.ok(inspectors.get(r.caller(), r.path("inspectorId")));
    }

    public ApiResponse updateInspector(ApiRequest r) {
        return ApiResponse.ok(inspectors.update(r.actor(), r.path("inspectorId"),
                r.body(InspectorService.InspectorUpdate.class)));
    }

    public ApiResponse deactivateInspector(ApiRequest r) {
        return ApiResponse.ok(inspectors.deactivate(r.actor(), r.path("inspectorId"),
                r.body(InspectorService.DeactivateInput.class)));
    }

    static TargetService.Query targetQuery(ApiRequest r) {
        return new TargetService.Query(r.query("county").orElse(null), r.query("item").orElse(null),
                r.query("type").orElse(null), r.query("riskClass").orElse(null), r.query("status").orElse(null),
                r.query("flag").orElse(null));
    }

    static InspectorService.Query inspectorQuery(ApiRequest r) {
        return new InspectorService.Query(r.query("org").orElse(null), r.query("item").orElse(null),
                r.query("status").orElse(null), r.query("expertise").orElse(null));
    }
}
