package spotcheck.stats;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.api.Downloads;
import spotcheck.validation.Checks;

/** HTTP operations on /stats. */
public final class StatsOperations {
    private final StatsService stats;
    private final Downloads downloads;

    public StatsOperations(StatsService stats, Downloads downloads) {
        this.stats = stats;
        this.downloads = downloads;
    }

    public ApiResponse coverage(ApiRequest r) {
        return ApiResponse.ok(stats.coverage(r.caller(), Checks.year(r.requireQuery("year"))));
    }

    /** The year-end report's workbook, delivered as the roster exports are (inline, or 303 to the bucket). */
    public ApiResponse export(ApiRequest r) {
        int year = Checks.year(r.requireQuery("year"));
        return downloads.deliver(stats.export(r.caller(), year), "xlsx", year + "年度双随机抽查统计");
    }
}
