package spotcheck.pool;

import java.util.List;

/**
 * An active target as the draw's candidate pool holds it: what a plan selects by, and nothing private. The
 * names are the attributes the byPool index projects (template.yaml): a component added here must be added
 * there, and the infra tests check that they agree.
 */
public record Candidate(String targetId, String county, String type, List<String> items, String riskClass) {
    public Candidate {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
