package spotcheck.draw;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The published draw record ({@code GET /public/draws/{drawId}}), field for field as the draw
 * specification writes it: enough, with the candidate list, for anyone to recompute the draw.
 * {@code random} and {@code witness} appear only when a witness was mixed into the seed; a quota
 * rule not used and a target's {@code unassigned} are written as null. Later versions may add
 * fields; a reader of this one ignores them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrawRecord(String algorithm, String drawId, String planId, String drawnAt, String seed, String random,
                         String witness, int inspectorsPerTarget, List<String> departments, List<Stratum> strata,
                         String candidatesSha256, List<Target> targets, List<Voided> voided) {

    /** A stratum's quota rule (one of ratio and count), its candidates n_s and drawn k_s. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stratum(String stratum, @JsonInclude(JsonInclude.Include.ALWAYS) String ratio,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Integer count, int candidates, int drawn) {
        QuotaRule rule() {
            // through the constructor, so that a stratum stating both or neither is refused
            return new QuotaRule(stratum, ratio == null ? null : QuotaRule.ratio(stratum, ratio).ratio(), count);
        }
    }

    /** A drawn target: its score in hex, its inspectors in the order drawn, or why it has none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String id, String stratum, String score, List<String> inspectors,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String unassigned) {
        public Target {
            inspectors = inspectors == null ? List.of() : List.copyOf(inspectors);
        }
    }

    /** An earlier draw of the plan that was voided, and why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Voided(String drawId, String reason, String at) { }

    public DrawRecord {
        departments = departments == null ? List.of() : List.copyOf(departments);
        strata = strata == null ? List.of() : List.copyOf(strata);
        targets = targets == null ? List.of() : List.copyOf(targets);
        voided = voided == null ? List.of() : List.copyOf(voided);
    }

    /** The record of a draw just made. */
    public static DrawRecord publish(String drawId, Instant drawnAt, DrawInput input, DrawOutcome outcome) {
        Seed seed = input.seed();
        return new DrawRecord(Draw.ALGORITHM, drawId, input.planId(), drawnAt.toString(), seed.hex(),
                seed.randomHex(), seed.witness(), input.inspectorsPerTarget(), input.departments(), outcome.strata(),
                outcome.candidatesSha256(), outcome.targets(), List.of());
    }

    /** The draw's inputs as this record states them, with its candidate list. */
    public DrawInput input(Candidates candidates) {
        List<QuotaRule> rules = new ArrayList<>();
        for (Stratum s : strata) {
            rules.add(s.rule());
        }
        return new DrawInput(planId, Seed.parse(seed, random, witness), rules, inspectorsPerTarget, departments,
                candidates);
    }
}
