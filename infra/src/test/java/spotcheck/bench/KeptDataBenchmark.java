package spotcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import spotcheck.local.StackProcess;

/**
 * The local stack at a bureau's size: {@link KeptDataRun} with 100,000 targets (or the sizes given), the
 * stack started from its jar as the README runs it. Prints a markdown table and writes it to
 * {@code infra/target/bench/kept-data-benchmark.md} (or {@code --out FILE}); progress goes to stderr.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.KeptDataBenchmark 100000
 * </pre>
 * Options: {@code --jar FILE} (default {@code infra/target/spotcheck-local.jar}), {@code --template FILE}
 * (default {@code template.yaml}), {@code --out FILE}. Run from the repository's root.
 */
public final class KeptDataBenchmark {
    private KeptDataBenchmark() { }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path jar = Path.of("infra", "target", "spotcheck-local.jar");
        Path template = Path.of("template.yaml");
        Path out = Path.of("infra", "target", "bench", "kept-data-benchmark.md");
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--template" -> template = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i].replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(100_000);
        }
        if (!StackProcess.canRunInOwnProcessGroup()) {
            throw new IllegalStateException("setsid and kill are needed to send Ctrl-C to the stack's process group");
        }
        StringBuilder table = new StringBuilder()
                .append("| targets | start | load (requests) | first page | next pages (median) | Ctrl-C stop"
                        + " | left running | snapshot | last save | start again (snapshot load) | first page again"
                        + " | county listed / expected | list county | last target | SIGTERM stop | load average |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int n : sizes) {
            Path work = Files.createTempDirectory("kept-data-" + n + "-");
            System.err.println("[kept-data] " + n + " targets; data and log under " + work);
            KeptDataRun.Figures f = new KeptDataRun(StackProcess.fromJar(jar), work, template).run(n);
            table.append(row(f)).append('\n');
        }
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
    }

    private static String row(KeptDataRun.Figures f) {
        List<KeptDataRun.Call> later = f.laterPages().stream()
                .sorted(Comparator.comparing(KeptDataRun.Call::took)).toList();
        return String.join(" | ", "| " + f.targets(), s(f.startup()), s(f.load()) + " (" + f.writeRequests() + ")",
                page(f.firstPage()), page(later.get(later.size() / 2)), s(f.interruptStop()),
                String.valueOf(f.leftRunning().size()), String.format(Locale.ROOT, "%.1f MB", f.snapshotBytes() / 1e6),
                String.format(Locale.ROOT, "%.2f s", f.lastSaveSeconds()),
                s(f.restartStartup()) + String.format(Locale.ROOT, " (%.2f s)", f.loadSeconds()),
                page(f.firstPageAfterRestart()),
                f.countyListed() + " / " + f.countyExpected() + (f.countyExact() ? "" : " (differ)"),
                s(f.countyListing()), f.lastTargetFound() ? "found" : "MISSING", s(f.terminateStop()),
                f.loadAverage() + " |");
    }

    private static String page(KeptDataRun.Call c) {
        return c.items() + " items, " + s(c.took()) + " (CPU: stack " + s(c.stackCpu()) + ", emulator "
                + s(c.emulatorCpu()) + ")" + (c.status() == 200 ? "" : " (status " + c.status() + ")");
    }

    private static String s(Duration d) {
        return d == null ? "did not stop within 60 s" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
