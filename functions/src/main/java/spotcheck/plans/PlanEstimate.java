package spotcheck.plans;

import java.util.List;

/**
 * How many targets a plan draws, stratum by stratum, from the candidates in the pool at {@code at}: n_s and
 * k_s of specs/draw.md, before the draw leaves out targets already drawn this year.
 */
public record PlanEstimate(String at, long candidates, long expected, List<Stratum> strata) {

    public PlanEstimate {
        strata = List.copyOf(strata);
    }

    /** One stratum: its rule (a ratio or a count; the other null), its candidates and how many it draws. */
    public record Stratum(String stratum, String ratio, Long count, long candidates, long expected) { }
}
