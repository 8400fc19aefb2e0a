package spotcheck.draw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Small random draws for property tests, from a seeded generator so every failure can be replayed:
 * one to three strata with ratios or counts, ids with characters beyond U+FFFF and near it,
 * single and joint plans, exclusions from none to nearly all, pools from empty to a dozen.
 */
final class RandomDraws {
    private static final String[] RATIOS = {"0.1", "0.07", "0.25", "0.3", "0.5", "0.333", "1"};
    private static final String[] STRATA = {"A", "B", "C", "ALL", "高风险"};
    private static final String[] DEPARTMENTS = {"资源科", "市公安局", "\uD835\uDD38科", "\uFF21科"};
    private static final String[] PARTS = {"9144", "0", "7", "Z", "\uFF01", "\uD83D\uDE00", "检", "a"};
    private static final double[] DENSITIES = {0, 0, 0.05, 0.3, 0.9};

    private final Random rnd;

    RandomDraws(long seed) {
        rnd = new Random(seed);
    }

    DrawInput next() {
        byte[] seed = new byte[Seed.BYTES];
        rnd.nextBytes(seed);
        List<QuotaRule> rules = new ArrayList<>();
        List<String> strata = new ArrayList<>(List.of(STRATA));
        Collections.shuffle(strata, rnd);
        for (String s : strata.subList(0, 1 + rnd.nextInt(3))) {
            rules.add(rnd.nextInt(4) == 0 ? QuotaRule.count(s, 1 + rnd.nextInt(12))
                    : QuotaRule.ratio(s, RATIOS[rnd.nextInt(RATIOS.length)]));
        }
        List<TargetCandidate> targets = new ArrayList<>();
        for (String id : ids(rnd.nextInt(70))) {
            targets.add(new TargetCandidate(id, rules.get(rnd.nextInt(rules.size())).stratum()));
        }
        boolean joint = rnd.nextInt(3) == 0;
        List<String> departments = new ArrayList<>();
        if (joint) {
            List<String> all = new ArrayList<>(List.of(DEPARTMENTS));
            Collections.shuffle(all, rnd);
            departments.addAll(all.subList(0, 2 + rnd.nextInt(2)));
        }
        double density = DENSITIES[rnd.nextInt(DENSITIES.length)];
        List<InspectorCandidate> inspectors = new ArrayList<>();
        for (String id : ids(rnd.nextInt(13))) {
            List<String> excluded = new ArrayList<>();
            boolean everything = rnd.nextInt(8) == 0;
            for (TargetCandidate t : targets) {
                if (everything || rnd.nextDouble() < density) {
                    excluded.add(t.id());
                }
            }
            if (rnd.nextBoolean()) {
                excluded.add("not-a-candidate");
            }
            Collections.shuffle(excluded, rnd);
            String department = joint ? departments.get(rnd.nextInt(departments.size()))
                    : DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)];
            inspectors.add(new InspectorCandidate("I-" + id, department, excluded));
        }
        int m = Math.max(joint ? departments.size() : 2, 2 + rnd.nextInt(3));
        return new DrawInput("P-" + rnd.nextInt(100), Seed.of(seed), rules, m, departments,
                new Candidates(targets, inspectors));
    }

    /** The same draw with its lists in another order. */
    DrawInput shuffled(DrawInput input) {
        List<TargetCandidate> targets = new ArrayList<>(input.candidates().targets());
        List<InspectorCandidate> inspectors = new ArrayList<>(input.candidates().inspectors());
        List<String> departments = new ArrayList<>(input.departments());
        Collections.shuffle(targets, rnd);
        Collections.shuffle(inspectors, rnd);
        Collections.shuffle(departments, rnd);
        return new DrawInput(input.planId(), input.seed(), input.quotas(), input.inspectorsPerTarget(), departments,
                new Candidates(targets, inspectors));
    }

    private List<String> ids(int count) {
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < count) {
            StringBuilder id = new StringBuilder();
            for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                id.append(PARTS[rnd.nextInt(PARTS.length)]);
            }
            ids.add(id.toString());
        }
        return new ArrayList<>(ids);
    }
}
