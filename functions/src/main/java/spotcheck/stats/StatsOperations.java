package spotcheck.stats;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.core.DomainException;

/** HTTP operations on /stats. */
public final class StatsOperations {
    private final StatsService stats;

    public StatsOperations(StatsService stats) {
        this.stats = stats;
    }

    public ApiResponse coverage(ApiRequest r) {
        String raw = r.requireQuery("year");
        if (!raw.matches("[0-9]{4}") || Integer.parseInt(raw) < 2000 || Integer.parseInt(raw) > 2100) {
            throw DomainException.invalid("year", "year must be a year from 2000 to 2100");
        }
        return ApiResponse.ok(stats.coverage(r.caller(), Integer.parseInt(raw)));
    }
}
