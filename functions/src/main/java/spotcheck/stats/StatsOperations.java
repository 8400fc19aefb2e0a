package spotcheck.stats;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.validation.Checks;

/** HTTP operations on /stats. */
public final class StatsOperations {
    private final StatsService stats;

    public StatsOperations(StatsService stats) {
        this.stats = stats;
    }

    public ApiResponse coverage(ApiRequest r) {
        return ApiResponse.ok(stats.coverage(r.caller(), Checks.year(r.requireQuery("year"))));
    }
}
