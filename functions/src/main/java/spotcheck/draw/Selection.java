package spotcheck.draw;

import java.util.List;

/**
 * The first half of a draw: each stratum's n_s and k_s, the candidate list's hash and the drawn
 * targets in draw order, before any inspector is assigned.
 */
public final class Selection {
    private final List<DrawRecord.Stratum> strata;
    private final String candidatesSha256;
    private final List<Ranked> drawn;
    private final long hmacs;

    Selection(List<DrawRecord.Stratum> strata, String candidatesSha256, List<Ranked> drawn, long hmacs) {
        this.strata = List.copyOf(strata);
        this.candidatesSha256 = candidatesSha256;
        this.drawn = List.copyOf(drawn);
        this.hmacs = hmacs;
    }

    public List<DrawRecord.Stratum> strata() {
        return strata;
    }

    public String candidatesSha256() {
        return candidatesSha256;
    }

    /** K, the number of drawn targets. */
    public int drawnCount() {
        return drawn.size();
    }

    /** The HMACs computed to rank the targets: one per candidate. */
    public long hmacs() {
        return hmacs;
    }

    List<Ranked> drawn() {
        return drawn;
    }
}
