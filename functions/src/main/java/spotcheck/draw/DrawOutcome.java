package spotcheck.draw;

import java.util.List;

/**
 * What a draw computes: each stratum's n_s and k_s, the candidate list's hash, the drawn targets in
 * draw order with their scores and inspectors (or why they have none), and the HMACs it took.
 */
public record DrawOutcome(List<DrawRecord.Stratum> strata, String candidatesSha256, List<DrawRecord.Target> targets,
                          long targetHmacs, long inspectorHmacs) {
    public DrawOutcome {
        strata = List.copyOf(strata);
        targets = List.copyOf(targets);
    }

    /** Inspector assignments made: m for every target that is not unassigned. */
    public int assignments() {
        return targets.stream().mapToInt(t -> t.inspectors().size()).sum();
    }
}
