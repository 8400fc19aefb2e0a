package spotcheck.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.handlers.Services;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModel;
import spotcheck.roster.Item;
import spotcheck.store.AuditKey;
import spotcheck.store.Tables;

/**
 * Cold start of the API function against a minimal handler ({@link MinimalHandler}) with the same
 * SDK, HTTP client and Jackson, each in fresh JVMs with Lambda's flags and the functions jar on the
 * class path (see {@link ColdStart}). Three sides, alternated run by run: the minimal handler; ours as an
 * on-demand cold start (init is the no-arg constructor, then the first GET /items against moto, on tables
 * shaped as the template's); and ours primed, as after a SnapStart restore (init, the priming hook, then the
 * first query). Each gives min, median and max of init, first query and the whole process over
 * {@code --runs} JVMs; then one more JVM per side with {@code -Xlog:class+load} counts the classes each part
 * loads. The table goes to standard output and to {@code --out} (default
 * {@code infra/target/bench/cold-start-benchmark.md}).
 *
 * <pre>java -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.ColdStartBenchmark
 *     [--jar functions/target/spotcheck-functions.jar] [--runs 10] [--java PATH] [--endpoint URL] [--commands]</pre>
 * {@code --java} runs the measured JVMs with another {@code java} (default: the one running this);
 * {@code --commands} prepares the tables and prints the environment and the three commands (to time the
 * whole processes with another tool), and measures nothing.
 */
public final class ColdStartBenchmark {
    static final String PREFIX = "coldbench";
    static final String MINIMAL = "spotcheck.bench.MinimalHandler";
    static final String OURS = "spotcheck.handlers.ApiHandler";

    /** A row of the table: a handler, primed or not. */
    record Side(String name, String handler, boolean prime) { }

    static final List<Side> SIDES = List.of(new Side("minimal", MINIMAL, false),
            new Side("ours (ApiHandler)", OURS, false),
            new Side("ours, primed (first query after a SnapStart restore)", OURS, true));

    /**
     * One JVM, in ms: init, the priming hook (0 unless primed), the first query, the whole process; and the
     * processor time the main thread spent in init and in the first query (0 where the OS does not say).
     */
    record Run(double initMs, double primeMs, double firstMs, double processMs, double initCpuMs,
               double firstCpuMs) { }

    private ColdStartBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path root = ImportBenchmark.repositoryRoot();
        Path jar = root.resolve("functions/target/spotcheck-functions.jar");
        Path out = root.resolve("infra/target/bench/cold-start-benchmark.md");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int runs = 10;
        URI endpoint = null;
        boolean commands = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--java" -> java = args[++i];
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--commands" -> commands = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not there: mvn -B -q -DskipTests package first");
        }
        Path template = root.resolve("template.yaml");
        Path dataDir = Files.createTempDirectory("coldbench");
        try (Emulator emulator = endpoint != null ? Emulator.attach(endpoint, dataDir) : Emulator.launch(dataDir)) {
            emulator.awaitReady(Duration.ofSeconds(30));
            TemplateModel model = TemplateModel.load(template, PREFIX, Map.of());
            emulator.createTables(model.tables());
            Tables tables = new Tables(model.table("DataTable").orElseThrow().name(),
                    model.table("AuditTable").orElseThrow().name());
            seed(emulator, tables);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JAVA_TOOL_OPTIONS", javaToolOptions(template));
            env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
            env.put("AWS_REGION", TemplateModel.REGION);
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("DATA_TABLE", tables.data());
            env.put("AUDIT_TABLE", tables.audit());
            env.put("AUDIT_KEY_SECRET", PREFIX + "-audit-key");
            env.put("UPLOADS_BUCKET", PREFIX + "-uploads");
            String classPath = jar + File.pathSeparator + benchClasses();
            if (commands) {
                env.forEach((k, v) -> System.out.println("export " + k + "='" + v + "'"));
                for (Side side : SIDES) {
                    System.out.println(String.join(" ", command(java, classPath, side, false)));
                }
                return;
            }
            Map<Side, List<Run>> results = new LinkedHashMap<>();
            for (Side side : SIDES) {
                run(java, classPath, side, env);   // warm the OS caches and the emulator
                results.put(side, new ArrayList<>());
            }
            for (int i = 0; i < runs; i++) {
                StringBuilder line = new StringBuilder("run " + (i + 1) + " (init/first query/process ms):");
                for (Side side : SIDES) {
                    Run r = run(java, classPath, side, env);
                    results.get(side).add(r);
                    line.append(String.format(Locale.ROOT, " %s %.0f/%.0f/%.0f;", side.name(), r.initMs(),
                            r.firstMs(), r.processMs()));
                }
                System.err.println(line);
            }
            Map<Side, int[]> classes = new LinkedHashMap<>();
            for (Side side : SIDES) {
                classes.put(side, classes(java, classPath, side, env));
            }
            String report = table(jar, javaVersion(java), env.get("JAVA_TOOL_OPTIONS"), runs, results, classes);
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.err.println("written to " + out);
        }
    }

    /** A few items, so that the first query reads, maps and writes some. */
    private static void seed(Emulator emulator, Tables tables) {
        Services services = new Services(emulator.dynamo(), tables, Clock.systemUTC(), null, PREFIX + "-uploads",
                AuditKey.of("coldbench".getBytes(StandardCharsets.UTF_8)));
        if (!services.entities.list(Item.KIND, List.of(), 1, null).items().isEmpty()) {
            return;
        }
        Actor actor = new Actor(new Principal("bench", "benchmark", "hy-forestry", Set.of(Role.ADMIN)), "seed");
        String now = "2026-01-05T00:00:00Z";
        for (int i = 0; i < 20; i++) {
            services.entities.create(Item.KIND, new Item("ITEM-COLD" + i, "林木采伐检查 " + i, "hy-forestry-resources",
                    "key", "《中华人民共和国森林法》第五十六条", "检查林木采伐许可证持证和按证采伐情况", List.of("on_site"),
                    List.of("enterprise", "individual"), "active", null, null, 1, now, now), actor);
        }
    }

    /** The test classes (where this class was loaded from). */
    private static String benchClasses() throws Exception {
        return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    static String javaToolOptions(Path template) throws IOException {
        Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS:\\s*(.+)").matcher(Files.readString(template));
        if (!m.find()) {
            throw new IllegalStateException("template.yaml sets no JAVA_TOOL_OPTIONS");
        }
        return m.group(1).trim();
    }

    /** Lambda's own flags besides JAVA_TOOL_OPTIONS: serial GC and class data sharing. */
    static List<String> command(String java, String classPath, Side side, boolean logClasses) {
        List<String> c = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto"));
        if (logClasses) {
            c.add("-Xlog:class+load=info:stdout");
        }
        c.addAll(List.of("-cp", classPath, "spotcheck.bench.ColdStart", side.handler()));
        if (side.prime()) {
            c.add("--prime");
        }
        return c;
    }

    private static List<String> exec(List<String> command, Map<String, String> env, long[] wallNanos)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        wallNanos[0] = System.nanoTime() - start;
        List<String> lines = Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\n"));
        if (code != 0) {
            throw new IllegalStateException(command + " exited " + code + ":\n" + String.join("\n", lines));
        }
        return lines;
    }

    private static final Pattern RESULT = Pattern.compile("RESULT init_ms=([0-9.]+) prime_ms=([0-9.]+)"
            + " first_ms=([0-9.]+) init_cpu_ms=([0-9.]+) first_cpu_ms=([0-9.]+)");

    private static Run run(String java, String classPath, Side side, Map<String, String> env) throws Exception {
        long[] wall = new long[1];
        List<String> lines = exec(command(java, classPath, side, false), env, wall);
        Matcher m = lines.stream().filter(l -> l.startsWith("RESULT ")).map(RESULT::matcher).filter(Matcher::find)
                .findFirst().orElseThrow(() -> new IllegalStateException("no RESULT from " + side.name() + ":\n"
                        + String.join("\n", lines)));
        return new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                wall[0] / 1e6, Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)));
    }

    private static String javaVersion(String java) throws Exception {
        List<String> lines = exec(List.of(java, "-version"), Map.of(), new long[1]);
        return lines.stream().filter(l -> l.contains("Runtime Environment")).findFirst().orElse(java).trim();
    }

    /** Classes loaded by init, by the priming hook and by the first query ({@link ColdStart}'s phase lines). */
    private static int[] classes(String java, String classPath, Side side, Map<String, String> env) throws Exception {
        List<String> phases = List.of("#phase init", "#phase priming", "#phase first-query", "#phase end");
        int[] counts = new int[phases.size()];
        int phase = -1;
        for (String l : exec(command(java, classPath, side, true), env, new long[1])) {
            int p = phases.indexOf(l.trim());
            if (p >= 0) {
                phase = p;
            } else if (phase >= 0 && l.contains("[class,load]")) {
                counts[phase]++;
            }
        }
        return counts;
    }

    private static double[] sorted(List<Run> runs, ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).sorted().toArray();
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        return median(sorted(runs, f));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** min / median / max. */
    private static String spread(List<Run> runs, ToDoubleFunction<Run> f) {
        double[] v = sorted(runs, f);
        return String.format(Locale.ROOT, "%.0f / **%.0f** / %.0f", v[0], median(runs, f), v[v.length - 1]);
    }

    private static String table(Path jar, String jvm, String flags, int runs, Map<Side, List<Run>> results,
                                Map<Side, int[]> classes) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Cold start: %d fresh JVMs per side, ms as min / **median** / max"
                + " (%s, %,d bytes; %s; %s -XX:+UseSerialGC -Xshare:auto)%n%n", runs, jar.getFileName(),
                Files.size(jar), jvm, flags));
        s.append("| handler | init | priming | first query | whole process | init, CPU | first query, CPU"
                + " | classes loaded: init | priming | first query |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((side, r) -> {
            int[] c = classes.get(side);
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %,d | %s | %,d |%n", side.name(),
                    spread(r, Run::initMs), side.prime() ? spread(r, Run::primeMs) : "", spread(r, Run::firstMs),
                    spread(r, Run::processMs), spread(r, Run::initCpuMs), spread(r, Run::firstCpuMs), c[0],
                    side.prime() ? String.format(Locale.ROOT, "%,d", c[1]) : "", c[2]));
        });
        List<Run> minimal = results.get(SIDES.get(0));
        for (Side side : SIDES.subList(1, SIDES.size())) {
            List<Run> r = results.get(side);
            s.append(String.format(Locale.ROOT, "| %s ÷ minimal (median of the run pairs' ratios) | %s | | %s | %s"
                    + " | %s | %s | | | |%n", side.name(), ratio(r, minimal, Run::initMs),
                    ratio(r, minimal, Run::firstMs), ratio(r, minimal, Run::processMs),
                    ratio(r, minimal, Run::initCpuMs), ratio(r, minimal, Run::firstCpuMs)));
        }
        s.append("\nInit is the handler's no-arg constructor, the first query its first GET /items (one DynamoDB"
                + " Query), the whole process the JVM from start to exit. CPU is the time the main thread spent on a"
                + " processor (JIT and GC threads not counted), which other work on the machine moves less than wall"
                + " time. Primed, the priming hook runs between init and the first query as it would before a"
                + " SnapStart snapshot: on Lambda that time is spent once per published version, not by a user; the"
                + " whole process here includes it.\n");
        return s.toString();
    }

    /** The median of the runs' ratios: each run of a side is timed next to one of the minimal handler's. */
    private static String ratio(List<Run> side, List<Run> minimal, ToDoubleFunction<Run> f) {
        double[] ratios = new double[side.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = f.applyAsDouble(side.get(i)) / f.applyAsDouble(minimal.get(i));
        }
        Arrays.sort(ratios);
        double r = median(ratios);
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f×", r) : "";
    }
}
