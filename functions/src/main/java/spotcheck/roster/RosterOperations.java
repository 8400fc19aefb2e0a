package spotcheck.roster;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /targets and /inspectors. */
public final class RosterOperations {
    private final TargetService targets;
    private final InspectorService inspectors;

    public RosterOperations(TargetService targets, InspectorService inspectors) {
        this.targets = targets;
        this.inspectors = inspectors;
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
        return ApiResponse.ok(inspectors.list(inspectorQuery(r), r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse createInspector(ApiRequest r) {
        Inspector i = inspectors.create(r.actor(), r.body(InspectorService.InspectorInput.class));
        return ApiResponse.created(i, "/inspectors/" + i.inspectorId());
    }

    public ApiResponse getInspector(ApiRequest r) {
        return ApiResponse.ok(inspectors.get(r.path("inspectorId")));
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
