package spotcheck.draw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import spotcheck.core.DomainException;

/**
 * An inspector who passed the plan-level checks, with the targets they must not inspect
 * (conflicts of interest, and targets they inspected last time).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InspectorCandidate(String id, String department, List<String> excluded) {
    public InspectorCandidate {
        if (!DrawInput.isText(id)) {
            throw DomainException.invalid("inspectors.id", "an inspector's id must be text without control characters");
        }
        if (!DrawInput.isText(department)) {
            throw DomainException.invalid("inspectors.department", "inspector " + id + " needs a department");
        }
        if (excluded == null) {
            excluded = List.of();
        } else {
            for (String target : excluded) {
                if (target == null) {
                    throw DomainException.invalid("inspectors.excluded", "inspector " + id
                            + " has an empty entry among the excluded targets");
                }
            }
            excluded = List.copyOf(excluded);
        }
    }
}
