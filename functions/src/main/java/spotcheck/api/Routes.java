package spotcheck.api;

import static spotcheck.api.Access.OVERSIGHT;

import java.util.List;
import java.util.Map;
import spotcheck.Services;
import spotcheck.audit.AuditOperations;

/**
 * The route table: one line per operation of the OpenAPI document (functions/openapi.yaml),
 * with the roles that may call it. Finer rules (which organisation) live in {@link Access}
 * and are applied by the services.
 */
public final class Routes {
    private Routes() { }

    public static List<Route> table(Services s) {
        AuditOperations audit = new AuditOperations(s.audit);
        return List.of(
                Route.publicRoute("GET", "/health", r -> ApiResponse.ok(Map.of("status", "ok"))),
                Route.of("GET", "/audit", OVERSIGHT, audit::list)
        );
    }

}
