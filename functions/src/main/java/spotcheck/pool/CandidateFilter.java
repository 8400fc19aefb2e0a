package spotcheck.pool;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which candidates a plan draws from (pure): those of its counties, target types and risk classes (an empty set
 * restricts nothing) that fall under at least one of its items.
 */
public record CandidateFilter(Set<String> counties, Set<String> types, Set<String> items, Set<String> riskClasses)
        implements Predicate<Candidate> {

    public CandidateFilter {
        counties = Set.copyOf(counties);
        types = Set.copyOf(types);
        items = Set.copyOf(items);
        riskClasses = Set.copyOf(riskClasses);
    }

    /** Every active target: what the annual floor counts. */
    public static CandidateFilter everyone() {
        return new CandidateFilter(Set.of(), Set.of(), Set.of(), Set.of());
    }

    @Override
    public boolean test(Candidate c) {
        return (counties.isEmpty() || counties.contains(c.county()))
                && (types.isEmpty() || types.contains(c.type()))
                && (riskClasses.isEmpty() || riskClasses.contains(c.riskClass()))
                && (items.isEmpty() || c.items().stream().anyMatch(items::contains));
    }
}
