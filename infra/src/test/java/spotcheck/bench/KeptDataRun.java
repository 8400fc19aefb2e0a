package spotcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.local.StackProcess;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModel;
import spotcheck.roster.Target;

/**
 * A bureau-sized roster through the stack's life, as a user lives it: the stack started in a process group
 * of its own, {@code n} targets put into its emulator, a county's first page asked for, Ctrl-C (SIGINT to
 * the group), a start again on the kept data, every target of one county listed through the API and one
 * read by id, and SIGTERM. Each step is timed; {@code KeptDataE2ETest} asserts on a small run and
 * {@link KeptDataBenchmark} reports a big one.
 */
public final class KeptDataRun {
    public static final String COUNTY = "dongyuan";
    public static final int PAGE = 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Pattern SAVED = Pattern.compile("snapshot: saved (\\d+) bytes in ([\\d.]+) s");
    private static final Pattern LOADED = Pattern.compile("snapshot: loaded (\\d+) bytes in ([\\d.]+) s");

    /**
     * A timed answer of the API: the time it took, and the processor time the stack's JVM and its emulator spent
     * meanwhile (what the answer costs on a machine of its own, whatever else runs on this one).
     */
    public record Call(int status, int items, Duration took, Duration stackCpu, Duration emulatorCpu) { }

    /** What a run measured; a stop that did not happen within a minute is null. */
    public record Figures(int targets, Duration startup, Duration load, long writeRequests, Call firstPage,
                          List<Call> laterPages, Duration interruptStop, List<String> leftRunning, long snapshotBytes,
                          double lastSaveSeconds, Duration restartStartup, double loadSeconds, Call firstPageAfterRestart,
                          int countyListed, int countyExpected, boolean countyExact, Duration countyListing,
                          boolean lastTargetFound, Duration terminateStop, String loadAverage) { }

    private final List<String> launcher;
    private final Path work;
    private final Path template;

    /** Runs {@code launcher} ({@link StackProcess#fromClassPath()} or {@link StackProcess#fromJar}) with data under work. */
    public KeptDataRun(List<String> launcher, Path work, Path template) {
        this.launcher = launcher;
        this.work = work;
        this.template = template;
    }

    public Figures run(int n) throws IOException, InterruptedException {
        Path data = work.resolve("data");
        Path log = work.resolve("stack.log");
        String table = TemplateModel.load(template, TemplateModel.DEFAULT_PREFIX, Map.of()).table("DataTable")
                .orElseThrow().name();
        BulkTargets targets = new BulkTargets();

        Duration startup;
        Duration load;
        long requests;
        Call first;
        List<Call> later = new ArrayList<>();
        Duration interruptStop;
        List<ProcessHandle> emulator;
        try (StackProcess stack = start(data, log)) {
            startup = stack.startup();
            emulator = stack.handle().descendants().toList();
            long started = System.nanoTime();
            try (DynamoDbClient dynamo = stack.dynamo()) {
                requests = targets.put(dynamo, table, 0, n);
            }
            load = Duration.ofNanos(System.nanoTime() - started);
            progress("loaded " + n + " targets in " + load.toSeconds() + " s");
            LocalInvoker admin = admin(stack.api());
            first = firstPage(admin, stack);
            for (int i = 0; i < 4; i++) {
                later.add(firstPage(admin, stack));
            }
            stack.interruptGroup();
            interruptStop = stack.awaitExit(STOP_WAIT);
        }
        List<String> left = stillRunning(emulator);
        String savedLog = Files.readString(data.resolve("moto.log"), StandardCharsets.UTF_8);
        double lastSave = lastMatch(SAVED, savedLog, 2);
        long bytes = Files.size(Emulator.snapshotFile(data));

        try (StackProcess stack = start(data, log)) {
            double loadSeconds = lastMatch(LOADED, Files.readString(data.resolve("moto.log"), StandardCharsets.UTF_8), 2);
            LocalInvoker admin = admin(stack.api());
            Call again = firstPage(admin, stack);
            long listing = System.nanoTime();
            Set<String> listed = countyIds(admin);
            Duration listingTook = Duration.ofNanos(System.nanoTime() - listing);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (BulkTargets.county(i).equals(COUNTY)) {
                    expected.add(targets.target(i).targetId());
                }
            }
            Target last = targets.target(n - 1);
            JsonNode read = admin.get("/targets/" + last.targetId()).json();
            boolean found = last.name().equals(read.path("name").asText());
            Duration startupAgain = stack.startup();
            stack.terminate();
            Duration terminateStop = stack.awaitExit(STOP_WAIT);
            return new Figures(n, startup, load, requests, first, later, interruptStop, left, bytes, lastSave,
                    startupAgain, loadSeconds, again, listed.size(), expected.size(), listed.equals(expected),
                    listingTook, found, terminateStop, loadAverage());
        }
    }

    private StackProcess start(Path data, Path log) throws IOException {
        Files.createDirectories(data);
        return StackProcess.start(launcher, true, log, "--api-port", "0", "--data-dir", data.toString(),
                "--template", template.toString());
    }

    private static LocalInvoker admin(URI api) {
        String token = new LocalInvoker(api, null).post("/local/token", Map.of("sub", "bench-admin", "name", "管理员",
                "org", "hy-forestry", "roles", List.of("admin"))).json().get("token").asText();
        return new LocalInvoker(api, token);
    }

    private static Call firstPage(LocalInvoker admin, StackProcess stack) {
        List<ProcessHandle> emulator = stack.handle().descendants().toList();
        Duration stackCpu = cpu(List.of(stack.handle()));
        Duration emulatorCpu = cpu(emulator);
        long started = System.nanoTime();
        LocalInvoker.Response page = admin.get("/targets?county=" + COUNTY + "&limit=" + PAGE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Call(page.status(), page.ok() ? page.json().path("items").size() : -1, took,
                cpu(List.of(stack.handle())).minus(stackCpu), cpu(emulator).minus(emulatorCpu));
    }

    private static Duration cpu(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The machine's load averages (1, 5, 15 minutes) where the system tells them, to read the times by. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Every target of the county, page by page (200 a page, the most the API gives). */
    private static Set<String> countyIds(LocalInvoker admin) {
        Set<String> ids = new HashSet<>();
        String next = null;
        do {
            LocalInvoker.Response page = admin.get("/targets?county=" + COUNTY + "&limit=200"
                    + (next == null ? "" : "&next=" + next));
            if (!page.ok()) {
                throw new IllegalStateException("listing the county answered " + page.status() + ": " + page.body());
            }
            page.json().path("items").forEach(t -> ids.add(t.path("targetId").asText()));
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
        } while (next != null);
        return ids;
    }

    /** The processes of the stack's emulator still running a few seconds after the stack stopped. */
    private static List<String> stillRunning(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    private static double lastMatch(Pattern pattern, String log, int group) {
        Matcher m = pattern.matcher(log);
        double last = -1;
        while (m.find()) {
            last = Double.parseDouble(m.group(group));
        }
        return last;
    }

    private static void progress(String message) {
        System.err.println("[kept-data] " + message);
    }
}
