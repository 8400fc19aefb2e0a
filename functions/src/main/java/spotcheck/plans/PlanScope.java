package spotcheck.plans;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The targets a targeted (定向) plan draws from besides its items: counties, target types and risk classes,
 * each empty for "all". A random (不定向) plan's scope is empty: the whole roster of its items.
 */
public record PlanScope(List<String> counties, List<String> targetTypes, List<String> riskClasses) {
    public PlanScope {
        counties = copy(counties);
        targetTypes = copy(targetTypes);
        riskClasses = copy(riskClasses);
    }

    /** A client may send nulls inside a list: kept, for the rules to name, rather than failing here. */
    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static final PlanScope EVERYTHING = new PlanScope(List.of(), List.of(), List.of());

    /** Whether the plan may draw targets of {@code county}. */
    public boolean includesCounty(String county) {
        return counties.isEmpty() || counties.contains(county);
    }
}
