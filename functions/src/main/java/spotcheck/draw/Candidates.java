package spotcheck.draw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import spotcheck.core.DomainException;

/**
 * The public candidate list of a draw ({@code GET /public/draws/{drawId}/candidates}): the targets
 * that could be drawn and the inspectors who passed the plan-level checks. Later versions may add
 * fields; a reader of this one ignores them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Candidates(List<TargetCandidate> targets, List<InspectorCandidate> inspectors) {
    public Candidates {
        targets = copy("targets", targets);
        inspectors = copy("inspectors", inspectors);
    }

    private static <T> List<T> copy(String field, List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (T item : list) {
            if (item == null) {
                throw DomainException.invalid(field, field + " has an empty entry");
            }
        }
        return List.copyOf(list);
    }
}
