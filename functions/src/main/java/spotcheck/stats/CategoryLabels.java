package spotcheck.stats;

import java.util.Map;

/**
 * The result categories the statistics name (检查结果分类): code → published label (e.g. 未发现问题), in the
 * configured list's order. Results carry the code alone; a code the list does not name is still counted, with no
 * label. The configured list is kept with the results ({@code GET /result-categories}); the wiring
 * ({@code handlers.Services}) hands it to {@link StatsService}.
 */
@FunctionalInterface
public interface CategoryLabels {
    /** No list configured: every code counted without a label. */
    CategoryLabels NONE = Map::of;

    /** Code → label, in the configured order; read once per statistics call. */
    Map<String, String> labels();
}
