package spotcheck.draw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import spotcheck.core.DomainException;

/** A target that may be drawn: its stable id (the credit code where it has one) and its stratum. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetCandidate(String id, String stratum) {
    public TargetCandidate {
        if (!DrawInput.isText(id)) {
            throw DomainException.invalid("targets.id", "a target's id must be text without control characters");
        }
        if (!DrawInput.isText(stratum)) {
            throw DomainException.invalid("targets.stratum", "target " + id + " needs a stratum");
        }
    }
}
