package spotcheck.audit;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** {@code GET /audit?entity=item/ITEM-0001}: the trail of one entity, oldest first. */
public final class AuditOperations {
    private final AuditTrail trail;
    private final AuditTrail.Origins origins;

    public AuditOperations(AuditTrail trail, AuditTrail.Origins origins) {
        this.trail = trail;
        this.origins = origins;
    }

    public ApiResponse list(ApiRequest request) {
        String entity = request.requireQuery("entity");
        return ApiResponse.ok(trail.trail(entity, request.limit(50, 200), request.query("next").orElse(null),
                origins));
    }
}
