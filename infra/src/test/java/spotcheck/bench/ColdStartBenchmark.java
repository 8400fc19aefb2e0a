package spotcheck.bench;

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
 * class path (see {@link ColdStart}): init (the no-arg constructor), the first GET /items against
 * moto (tables shaped as the template's) and the whole process, medians of {@code --runs} JVMs per
 * side, alternated; then one JVM per side with {@code -Xlog:class+load} counting the classes init
 * loads and those the first query still loads after the SnapStart priming hook ran.
 *
 * <pre>java -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.ColdStartBenchmark
 *     [--jar functions/target/spotcheck-functions.jar] [--runs 7] [--endpoint URL] [--commands]</pre>
 * {@code --commands} prepares the tables and prints the environment and both commands (to time the
 * whole processes with another tool), and measures nothing.
 */
public final class ColdStartBenchmark {
    static final String PREFIX = "coldbench";
    static final String MINIMAL = "spotcheck.bench.MinimalHandler";
    static final String OURS = "spotcheck.handlers.ApiHandler";

    private ColdStartBenchmark() { }

    record Run(double initMs, double firstMs, double processMs) { }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("functions/target/spotcheck-functions.jar");
        int runs = 7;
        URI endpoint = null;
        boolean commands = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--endpoint" -> endpoint = URI.create(args[++i]);
                case "--commands" -> commands = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is not there: mvn -B -q -DskipTests package first");
        }
        Path template = Path.of("template.yaml");
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
            String classPath = jar + java.io.File.pathSeparator + benchClasses();
            if (commands) {
                env.forEach((k, v) -> System.out.println("export " + k + "='" + v + "'"));
                System.out.println(String.join(" ", command(classPath, MINIMAL, false, false)));
                System.out.println(String.join(" ", command(classPath, OURS, false, false)));
                return;
            }
            List<Run> minimal = new ArrayList<>();
            List<Run> ours = new ArrayList<>();
            run(classPath, MINIMAL, env);   // warm the OS caches and the emulator
            run(classPath, OURS, env);
            for (int i = 0; i < runs; i++) {
                minimal.add(run(classPath, MINIMAL, env));
                ours.add(run(classPath, OURS, env));
                System.err.printf(Locale.ROOT, "run %d: minimal %s, ours %s%n", i + 1, minimal.get(i), ours.get(i));
            }
            int[] minimalClasses = classes(classPath, MINIMAL, env);
            int[] ourClasses = classes(classPath, OURS, env);
            System.out.println(table(jar, runs, minimal, ours, minimalClasses, ourClasses));
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
    static List<String> command(String classPath, String handler, boolean prime, boolean logClasses) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto"));
        if (logClasses) {
            c.add("-Xlog:class+load=info:stdout");
        }
        c.addAll(List.of("-cp", classPath, "spotcheck.bench.ColdStart", handler));
        if (prime) {
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

    private static Run run(String classPath, String handler, Map<String, String> env) throws Exception {
        long[] wall = new long[1];
        List<String> lines = exec(command(classPath, handler, false, false), env, wall);
        String result = lines.stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RESULT from " + handler + ":\n" + lines));
        Matcher m = Pattern.compile("init_ms=([0-9.]+) first_ms=([0-9.]+)").matcher(result);
        if (!m.find()) {
            throw new IllegalStateException(result);
        }
        return new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), wall[0] / 1e6);
    }

    /** Classes loaded before the first query (init, and priming where the handler has it), and by it. */
    private static int[] classes(String classPath, String handler, Map<String, String> env) throws Exception {
        List<String> lines = exec(command(classPath, handler, true, true), env, new long[1]);
        int before = 0;
        int during = 0;
        int phase = 0;
        for (String l : lines) {
            if (l.startsWith("#first-query-begin")) {
                phase = 1;
            } else if (l.startsWith("#first-query-end")) {
                phase = 2;
            } else if (l.contains("[class,load]")) {
                if (phase == 0) {
                    before++;
                } else if (phase == 1) {
                    during++;
                }
            }
        }
        return new int[] {before, during};
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String table(Path jar, int runs, List<Run> minimal, List<Run> ours, int[] minimalClasses,
                                int[] ourClasses) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Cold start, medians of %d fresh JVMs per side (%s, %,d bytes; JVM %s)%n%n",
                runs, jar.getFileName(), Files.size(jar), System.getProperty("java.version")));
        s.append("| handler | init ms | first query ms | whole process ms | classes loaded before the first query"
                + " (init + priming) | classes the first query loads |\n|---|---:|---:|---:|---:|---:|\n");
        row(s, "minimal", minimal, minimalClasses);
        row(s, "ours (ApiHandler)", ours, ourClasses);
        s.append(String.format(Locale.ROOT, "| ours / minimal | %.2f× | %.2f× | %.2f× | | |%n",
                median(ours, Run::initMs) / median(minimal, Run::initMs),
                median(ours, Run::firstMs) / median(minimal, Run::firstMs),
                median(ours, Run::processMs) / median(minimal, Run::processMs)));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, List<Run> runs, int[] classes) {
        s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %,d | %,d |%n", name,
                median(runs, Run::initMs), median(runs, Run::firstMs), median(runs, Run::processMs), classes[0],
                classes[1]));
    }
}
