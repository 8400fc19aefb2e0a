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
        CandidateList list = new CandidateList(targets);
        Map<String, Stratum> byName = new LinkedHashMap<>();
        for (QuotaRule rule : input.quotas()) {
            byName.put(rule.stratum(), new Stratum(rule, input.planId()));
        }
        Stratum[] strata = new Stratum[list.strata().size()];
        for (int s = 0; s < strata.length; s++) {
            strata[s] = byName.get(list.strata().get(s));
        }
        for (int i = 0; i < targets.size(); i++) {
            Stratum s = strata[list.stratumOf(i)];
            if (s == null) {
                TargetCandidate t = targets.get(i);
                throw DomainException.invalid("targets", "target " + t.id() + " is in stratum " + t.stratum()
                        + ", which has no quota rule");
            }
            s.candidates++;
        }
        List<DrawRecord.Stratum> counts = new ArrayList<>();
        for (Stratum s : byName.values()) {
            int k = s.rule.quota(s.candidates);
            s.lowest = new Lowest(k, targets);
            counts.add(new DrawRecord.Stratum(s.rule.stratum(), s.rule.ratioText(), s.rule.count(), s.candidates, k));
        }

        // in id order, as the list's hash is taken, so each id's bytes are read once for both
        Hmac hmac = new Hmac(input.seed());
        String candidatesSha256 = list.walk((i, utf8, from, length) -> {
            Stratum s = strata[list.stratumOf(i)];
            hmac.compute(s.prefix, utf8, from, length);
            s.lowest.offer(hmac.word(0), hmac.word(1), hmac.word(2), hmac.word(3), i);
        });
        List<Ranked> drawn = new ArrayList<>();
        for (Stratum s : byName.values()) {
            drawn.addAll(s.lowest.kept());
        }
        drawn.sort(null);
        return new Selection(counts, candidatesSha256, drawn, hmac.count());
    }
}
