package spotcheck.orgs;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /orgs. */
public final class OrgOperations {
    private final OrgService orgs;

    public OrgOperations(OrgService orgs) {
        this.orgs = orgs;
    }

    public ApiResponse list(ApiRequest r) {
        return ApiResponse.ok(orgs.list(r.principal(), r.query("kind").orElse(null), r.limit(50, 200),
                r.query("next").orElse(null)));
    }

    public ApiResponse create(ApiRequest r) {
        Org org = orgs.create(r.actor(), r.body(OrgService.OrgInput.class));
        return ApiResponse.created(org, "/orgs/" + org.orgId());
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(orgs.get(r.principal(), r.path("orgId")));
    }

    public ApiResponse update(ApiRequest r) {
        return ApiResponse.ok(orgs.update(r.actor(), r.path("orgId"),
                r.body(OrgService.OrgUpdate.class)));
    }
}
