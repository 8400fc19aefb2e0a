package spotcheck.draw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spotcheck.core.DomainException;

/**
 * Target selection (specification, "Target selection"): per stratum, the k_s candidates with the
 * smallest score = HMAC-SHA256(seed, "target|planId|stratum|id"), then all of them by score and id.
 * One HMAC per candidate; a candidate's score depends on nothing but its own id and stratum.
 */
public final class TargetSelection {
    private TargetSelection() { }

    /** One stratum while it is ranked. */
    private static final class Stratum {
        final QuotaRule rule;
        final byte[] prefix;
        int candidates;
        Lowest lowest;

        Stratum(QuotaRule rule, String planId) {
            this.rule = rule;
            this.prefix = ("target|" + planId + "|" + rule.stratum() + "|").getBytes(StandardCharsets.UTF_8);
        }
    }

    public static Selection select(DrawInput input) {
        List<TargetCandidate> targets = input.candidates().targets();
        Map<String, Stratum> strata = new LinkedHashMap<>();
        for (QuotaRule rule : input.quotas()) {
            strata.put(rule.stratum(), new Stratum(rule, input.planId()));
        }
        for (TargetCandidate t : targets) {
            Stratum s = strata.get(t.stratum());
            if (s == null) {
                throw DomainException.invalid("targets", "target " + t.id() + " is in stratum " + t.stratum()
                        + ", which has no quota rule");
            }
            s.candidates++;
        }
        String candidatesSha256 = CandidateList.sha256(targets);
        List<DrawRecord.Stratum> counts = new ArrayList<>();
        for (Stratum s : strata.values()) {
            int k = s.rule.quota(s.candidates);
            s.lowest = new Lowest(k);
            counts.add(new DrawRecord.Stratum(s.rule.stratum(), s.rule.ratioText(), s.rule.count(), s.candidates, k));
        }

        Hmac hmac = new Hmac(input.seed());
        for (TargetCandidate t : targets) {
            Stratum s = strata.get(t.stratum());
            hmac.compute(s.prefix, t.id().getBytes(StandardCharsets.UTF_8));
            s.lowest.offer(hmac.word(0), hmac.word(1), hmac.word(2), hmac.word(3), t);
        }
        List<Ranked> drawn = new ArrayList<>();
        for (Stratum s : strata.values()) {
            drawn.addAll(s.lowest.kept());
        }
        drawn.sort(null);
        return new Selection(counts, candidatesSha256, drawn, hmac.count());
    }
}
