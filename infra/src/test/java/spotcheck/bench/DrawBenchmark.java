package spotcheck.bench;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import spotcheck.draw.Candidates;
import spotcheck.draw.DrawInput;
import spotcheck.draw.DrawOutcome;
import spotcheck.draw.InspectorAssignment;
import spotcheck.draw.InspectorCandidate;
import spotcheck.draw.QuotaRule;
import spotcheck.draw.Seed;
import spotcheck.draw.Selection;
import spotcheck.draw.TargetCandidate;
import spotcheck.draw.TargetSelection;

/**
 * The draw core's benchmark (not a test): a million target candidates in four risk classes drawing
 * about 10% (A 30% at 0.05, B 30% at 0.08, C 25% at 0.12, D 15% at 0.2), with 5,000 inspectors in
 * ten departments (m = 2), a joint plan of three of those departments (m = 3), and the assignment
 * alone with rosters of 500 to 50,000 at the same drawn targets, to show it grows with K × m and not
 * with the roster. Each is timed single-threaded after warm-up runs (min / median / max), with the
 * bytes it allocates and the HMACs it computes, against a naive draw in the same run: each stratum
 * shuffled with a seeded SecureRandom and its first k taken, then random inspectors tried per target.
 * Prints a markdown table and writes it to {@code infra/target/bench/draw-benchmark.md}.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -Xmx2g -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.DrawBenchmark
 * </pre>
 * Options: {@code --candidates N} (default 1000000), {@code --runs N} (measured runs, default 5),
 * {@code --warmup N} (default 2), {@code --out FILE}.
 */
public final class DrawBenchmark {
    private static final String[] STRATA = {"A", "B", "C", "D"};
    private static final double[] SHARES = {0.30, 0.30, 0.25, 0.15};
    private static final String[] RATIOS = {"0.05", "0.08", "0.12", "0.2"};
    private static final ThreadMXBean THREAD = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DrawBenchmark() { }

    /** One measured step: wall and CPU nanoseconds of each run, and bytes allocated by the last. */
    record Timing(long[] wall, long[] cpu, long allocated) {
        /** Wall time "min / median / max" and CPU time's median, in ms. */
        String ms() {
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f | %.0f", at(wall, 0), median(), at(wall, 100),
                    at(cpu, 50));
        }

        double median() {
            return at(wall, 50);
        }

        double cpuMedian() {
            return at(cpu, 50);
        }

        private static double at(long[] nanos, int percentile) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, percentile * sorted.length / 100)] / 1e6;
        }
    }

    public static void main(String[] args) throws IOException {
        int candidates = 1_000_000;
        int runs = 5;
        int warmup = 2;
        Path out = ImportBenchmark.repositoryRoot().resolve("infra/target/bench/draw-benchmark.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--candidates" -> candidates = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Random random = new Random(20260801);
        List<TargetCandidate> targets = targets(candidates, random);
        List<InspectorCandidate> roster = inspectors(5_000, 10, targets, random);
        List<InspectorCandidate> joint = roster.stream().filter(x -> x.department().compareTo("D03") <= 0).toList();
        Seed seed = Seed.of(new byte[Seed.BYTES]);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Draw core, %,d candidates in 4 strata, %d runs after %d warm-up"
                + " (wall ms min / median / max, CPU ms median; MB allocated by one run)%n%n", candidates, runs, warmup));
        report.append("| draw | K | inspectors | m | wall ms | CPU ms | allocated MB | HMACs / candidate"
                + " | inspector HMACs / (K·m) | naive wall ms | naive CPU ms | core / naive (CPU) |\n");
        report.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Object[] plan : new Object[][] {{"single department", roster, List.of(), 2},
                {"joint plan, 3 departments", joint, List.of("D01", "D02", "D03"), 3}}) {
            @SuppressWarnings("unchecked") List<InspectorCandidate> pool = (List<InspectorCandidate>) plan[1];
            @SuppressWarnings("unchecked") List<String> departments = (List<String>) plan[2];
            int m = (int) plan[3];
            DrawInput input = input(seed, targets, pool, departments, m);
            DrawOutcome[] last = new DrawOutcome[1];
            Timing core = time(warmup, runs, () -> last[0] = InspectorAssignment.assign(input,
                    TargetSelection.select(input)));
            Timing naive = time(warmup, runs, () -> naive(input));
            DrawOutcome o = last[0];
            report.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %s | %.0f | %.3f | %.2f | %s | %.2f |%n",
                    plan[0], o.targets().size(), pool.size(), m, core.ms(), core.allocated() / 1e6,
                    (o.targetHmacs() + o.inspectorHmacs()) / (double) candidates,
                    o.inspectorHmacs() / (double) (o.targets().size() * m), naive.ms(),
                    core.cpuMedian() / naive.cpuMedian()));
            progress(plan[0] + " done");
        }

        report.append(String.format(Locale.ROOT, "%nThe two halves of the single-department draw, and the assignment"
                + " alone with rosters of several sizes at the same K%n%n"));
        report.append("| step | inspectors | wall ms | CPU ms | allocated MB | inspector HMACs / (K·m) | unassigned |\n");
        report.append("|---|---|---|---|---|---|---|\n");
        DrawInput single = input(seed, targets, roster, List.of(), 2);
        Selection[] selection = new Selection[1];
        Timing select = time(warmup, runs, () -> selection[0] = TargetSelection.select(single));
        report.append(String.format(Locale.ROOT, "| target selection (%,d HMACs, hash of the sorted list) | – | %s |"
                + " %.0f | – | – |%n", selection[0].hmacs(), select.ms(), select.allocated() / 1e6));
        for (int size : new int[] {500, 5_000, 50_000}) {
            List<InspectorCandidate> inspectors = size == roster.size() ? roster
                    : inspectors(size, 10, targets, new Random(size));
            DrawInput input = input(seed, targets, inspectors, List.of(), 2);
            DrawOutcome[] last = new DrawOutcome[1];
            Timing assign = time(warmup, runs, () -> last[0] = InspectorAssignment.assign(input, selection[0]));
            DrawOutcome o = last[0];
            report.append(String.format(Locale.ROOT, "| inspector assignment, K = %,d, m = 2 | %,d | %s | %.0f | %.2f |"
                            + " %d |%n", o.targets().size(), size, assign.ms(), assign.allocated() / 1e6,
                    o.inspectorHmacs() / (2.0 * o.targets().size()),
                    o.targets().stream().filter(t -> t.unassigned() != null).count()));
            progress("assignment with " + size + " inspectors done");
        }
        System.out.print(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        progress("written to " + out);
    }

    private static DrawInput input(Seed seed, List<TargetCandidate> targets, List<InspectorCandidate> inspectors,
                                   List<String> departments, int m) {
        List<QuotaRule> rules = new ArrayList<>();
        for (int s = 0; s < STRATA.length; s++) {
            rules.add(QuotaRule.ratio(STRATA[s], RATIOS[s]));
        }
        return new DrawInput("P-bench-2026", seed, rules, m, departments, new Candidates(targets, inspectors));
    }

    private static Timing time(int warmup, int runs, Runnable run) {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long allocated = 0;
        for (int i = 0; i < runs; i++) {
            System.gc();
            long bytes = THREAD.getCurrentThreadAllocatedBytes();
            long cpuStart = THREAD.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            run.run();
            wall[i] = System.nanoTime() - start;
            cpu[i] = THREAD.getCurrentThreadCpuTime() - cpuStart;
            allocated = THREAD.getCurrentThreadAllocatedBytes() - bytes;
        }
        return new Timing(wall, cpu, allocated);
    }

    /**
     * The naive draw earlier systems made: each stratum shuffled with a seeded SecureRandom and its
     * first k taken, then for each drawn target random inspectors tried until m acceptable ones are
     * found (no cap, no joint departments, nothing anyone could recompute without the generator's state).
     */
    private static int naive(DrawInput input) {
        SecureRandom rng = seeded(input.seed().bytes());
        Map<String, List<TargetCandidate>> strata = new LinkedHashMap<>();
        for (TargetCandidate t : input.candidates().targets()) {
            strata.computeIfAbsent(t.stratum(), s -> new ArrayList<>()).add(t);
        }
        List<TargetCandidate> drawn = new ArrayList<>();
        for (QuotaRule rule : input.quotas()) {
            List<TargetCandidate> members = strata.getOrDefault(rule.stratum(), List.of());
            Collections.shuffle(members, rng);
            drawn.addAll(members.subList(0, rule.quota(members.size())));
        }
        List<InspectorCandidate> pool = input.candidates().inspectors();
        List<Set<String>> excluded = pool.stream().map(x -> (Set<String>) new HashSet<>(x.excluded())).toList();
        int assigned = 0;
        for (TargetCandidate t : drawn) {
            Set<Integer> chosen = new HashSet<>();
            for (int tries = 0; chosen.size() < input.inspectorsPerTarget() && tries < 100; tries++) {
                int x = rng.nextInt(pool.size());
                if (!excluded.get(x).contains(t.id())) {
                    chosen.add(x);
                }
            }
            assigned += chosen.size();
        }
        return assigned;
    }

    private static SecureRandom seeded(byte[] seed) {
        try {
            SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
            rng.setSeed(seed);
            return rng;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Credit-code-like ids in random order, as a roster read by county and class gives them, and made
     * in that order, as a parser would make them (objects made in id order and then shuffled would lie
     * in memory in id order, which a real list does not).
     */
    private static List<TargetCandidate> targets(int count, Random random) {
        List<Integer> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, random);
        List<TargetCandidate> targets = new ArrayList<>(count);
        for (int i : numbers) {
            targets.add(new TargetCandidate(String.format(Locale.ROOT, "91441600%010d", i * 7L + 3), STRATA[stratum(i,
                    count)]));
        }
        return targets;
    }

    /** The stratum of the i-th id: the first 30% in A, the next 30% in B, then 25% in C and 15% in D. */
    private static int stratum(int i, int count) {
        double bound = 0;
        for (int s = 0; s < STRATA.length - 1; s++) {
            bound += SHARES[s];
            if (i < bound * count) {
                return s;
            }
        }
        return STRATA.length - 1;
    }

    /** Inspectors in {@code departments} departments, each excluded from up to four random candidates. */
    private static List<InspectorCandidate> inspectors(int count, int departments, List<TargetCandidate> targets,
                                                       Random random) {
        List<InspectorCandidate> inspectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> excluded = new ArrayList<>();
            for (int e = random.nextInt(5); e > 0; e--) {
                excluded.add(targets.get(random.nextInt(targets.size())).id());
            }
            inspectors.add(new InspectorCandidate(String.format(Locale.ROOT, "INS-%06d", i),
                    String.format(Locale.ROOT, "D%02d", 1 + i % departments), excluded));
        }
        return inspectors;
    }

    private static void progress(String message) {
        System.err.println("[draw-benchmark] " + message);
    }
}
