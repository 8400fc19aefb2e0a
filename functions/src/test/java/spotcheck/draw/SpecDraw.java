package spotcheck.draw;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The specification read as plainly as possible, for tests to hold the real draw against: every
 * score as a BigInteger, every stratum fully sorted, every phase making all its draws and its whole
 * scan, code points compared as int arrays. Slow, and written without looking at the real draw.
 */
final class SpecDraw {
    /** A drawn target as the specification describes it. */
    record Target(String id, String stratum, BigInteger score, List<String> inspectors, boolean unassigned) { }

    /**
     * The outcome, C, whether every capped phase found all it needed, how many phases accepted someone in
     * their cyclic scan, and the inspector draws that could change anything: a phase stops drawing once
     * nobody acceptable is left (found by looking at the whole pool after every acceptance), and once a
     * department could not be covered the target's later phases change nothing either.
     */
    record Result(List<Target> targets, Map<String, int[]> strata, long cap, boolean cappedPhasesSucceeded,
                  int scansAccepting, long inspectorHmacs) { }

    private static final Comparator<String> CODE_POINTS = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private final Mac mac;
    private final String planId;
    private boolean cappedPhasesSucceeded = true;
    private int scansAccepting;
    private long inspectorHmacs;
    /** Whether the current target's outcome is still open (no department has failed it). */
    private boolean open;

    private SpecDraw(byte[] seed, String planId) throws GeneralSecurityException {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(seed, "HmacSHA256"));
        this.planId = planId;
    }

    static Result run(DrawInput input) {
        try {
            return new SpecDraw(input.seed().bytes(), input.planId()).draw(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(String message) {
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private Result draw(DrawInput input) {
        List<Target> drawn = new ArrayList<>();
        Map<String, int[]> strata = new LinkedHashMap<>();
        for (QuotaRule rule : input.quotas()) {
            List<TargetCandidate> members = input.candidates().targets().stream()
                    .filter(t -> t.stratum().equals(rule.stratum())).toList();
            int n = members.size();
            int k = rule.count() != null ? Math.min(n, rule.count())
                    : Math.min(n, new BigDecimal(n).multiply(rule.ratio()).setScale(0, RoundingMode.CEILING).intValue());
            strata.put(rule.stratum(), new int[] {n, k});
            List<Target> scored = new ArrayList<>();
            for (TargetCandidate t : members) {
                BigInteger score = new BigInteger(1, hmac("target|" + planId + "|" + t.stratum() + "|" + t.id()));
                scored.add(new Target(t.id(), t.stratum(), score, List.of(), false));
            }
            scored.sort(Comparator.comparing(Target::score).thenComparing(Target::id, CODE_POINTS));
            drawn.addAll(scored.subList(0, k));
        }
        drawn.sort(Comparator.comparing(Target::score).thenComparing(Target::id, CODE_POINTS));

        List<InspectorCandidate> pool = new ArrayList<>(input.candidates().inspectors());
        pool.sort(Comparator.comparing(InspectorCandidate::id, CODE_POINTS));
        int m = input.inspectorsPerTarget();
        long bigK = drawn.size();
        long bigP = pool.stream().filter(x -> drawn.stream().anyMatch(t -> !x.excluded().contains(t.id()))).count();
        long cap = bigP == 0 ? 0 : (m * bigK + bigP - 1) / bigP + 1;
        List<String> departments = new ArrayList<>(input.departments());
        departments.sort(CODE_POINTS);
        Map<String, Integer> loads = new HashMap<>();
        List<Target> result = new ArrayList<>();
        for (Target t : drawn) {
            List<InspectorCandidate> chosen = new ArrayList<>();
            boolean ok = bigP > 0;
            for (String d : departments) {
                List<InspectorCandidate> own = pool.stream().filter(x -> x.department().equals(d)).toList();
                int before = chosen.size();
                open = ok;
                phase(t.id(), d, own, 1, chosen, loads, cap);
                ok &= chosen.size() == before + 1;
            }
            open = ok;
            phase(t.id(), "*", pool, m - chosen.size(), chosen, loads, cap);
            ok &= chosen.size() == m;
            if (ok) {
                chosen.forEach(x -> loads.merge(x.id(), 1, Integer::sum));
            }
            result.add(new Target(t.id(), t.stratum(), t.score(),
                    ok ? chosen.stream().map(InspectorCandidate::id).toList() : List.of(), !ok));
        }
        return new Result(result, strata, cap, cappedPhasesSucceeded, scansAccepting, inspectorHmacs);
    }

    /** A phase under the cap and, if it falls short, again without it. */
    private void phase(String target, String scope, List<InspectorCandidate> pool, int need,
                       List<InspectorCandidate> chosen, Map<String, Integer> loads, long cap) {
        int found = pass(target, scope, pool, need, chosen, loads, cap, true);
        if (found < need) {
            cappedPhasesSucceeded = false;
            pass(target, scope, pool, need - found, chosen, loads, cap, false);
        }
    }

    private int pass(String target, String scope, List<InspectorCandidate> pool, int need,
                     List<InspectorCandidate> chosen, Map<String, Integer> loads, long cap, boolean capped) {
        int n = pool.size();
        if (n == 0 || need == 0) {
            return 0;
        }
        int found = 0;
        int last = -1;
        boolean useful = anyAcceptable(pool, target, chosen, loads, cap, capped);
        for (long j = 0; j <= 8L * n + 63 && found < need; j++) {
            byte[] h = hmac("inspector|" + planId + "|" + target + "|" + scope + "|" + j);
            inspectorHmacs += useful && open ? 1 : 0;
            BigInteger u = new BigInteger(1, Arrays.copyOf(h, 8));
            last = u.mod(BigInteger.valueOf(n)).intValue();
            if (acceptable(pool.get(last), target, chosen, loads, cap, capped)) {
                chosen.add(pool.get(last));
                found++;
                useful = anyAcceptable(pool, target, chosen, loads, cap, capped);
            }
        }
        int before = found;
        for (int step = 1; step <= n && found < need; step++) {
            InspectorCandidate x = pool.get((last + step) % n);
            if (acceptable(x, target, chosen, loads, cap, capped)) {
                chosen.add(x);
                found++;
            }
        }
        scansAccepting += found > before ? 1 : 0;
        return found;
    }

    private static boolean anyAcceptable(List<InspectorCandidate> pool, String target, List<InspectorCandidate> chosen,
                                         Map<String, Integer> loads, long cap, boolean capped) {
        return pool.stream().anyMatch(x -> acceptable(x, target, chosen, loads, cap, capped));
    }

    private static boolean acceptable(InspectorCandidate x, String target, List<InspectorCandidate> chosen,
                                      Map<String, Integer> loads, long cap, boolean capped) {
        return !x.excluded().contains(target) && !chosen.contains(x)
                && (!capped || loads.getOrDefault(x.id(), 0) < cap);
    }
}
