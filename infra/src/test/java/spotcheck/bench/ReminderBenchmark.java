package spotcheck.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.Log;
import spotcheck.handlers.Services;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModel;
import spotcheck.reminders.ReminderRun;
import spotcheck.roster.Inspector;
import spotcheck.store.BatchWriter;
import spotcheck.store.Dynamo;
import spotcheck.store.EntityStore;
import spotcheck.store.S3Files;
import spotcheck.store.Tables;
import spotcheck.tasks.Task;

/**
 * Not a test: the daily reminder run over a bureau's open tasks and inspectors, at two shares due against the same
 * total (1% and 10% by default), to show that what it reads grows with what is due, not with the total. For each
 * share, fresh tables in one emulator (moto) hold {@code --tasks} open tasks (status assigned, two inspectors each,
 * three departments) and {@code --inspectors} active inspectors, put straight in as the store stores them (their
 * byDue keys included) in batches of 25: the due share of the tasks with their results due by 2026-09-01 (five
 * working days late on 2026-09-30), the others by 2026-12-31; the same share of the inspectors with a certificate
 * lapsing within 30 days. The run of 2026-09-30 then goes through the real service (in-app notifications and the
 * ledger; no outside channel) over a DynamoDB client that counts every request and the capacity DynamoDB would bill
 * ({@link CountingDynamo}). A second run of the same day shows the ledger's cost when everything is sent.
 * Options: {@code --tasks N}, {@code --inspectors N}, {@code --shares 0.01,0.1}, {@code --out FILE}.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.ReminderBenchmark \
 *     --tasks 100000 --inspectors 10000
 * </pre>
 */
public final class ReminderBenchmark {
    private static final PrintStream OUT = System.out;
    private static final Instant RUN_AT = Instant.parse("2026-09-30T01:00:00Z");
    private static final String CREATED = "2026-08-01T01:00:00Z";
    private static final List<String> DEPARTMENTS = List.of("hy-forestry-resources", "hy-forestry-protection",
            "hy-forestry-pest");

    private ReminderBenchmark() { }

    public static void main(String[] args) throws Exception {
        int tasks = 100_000;
        int inspectors = 10_000;
        List<Double> shares = List.of(0.01, 0.10);
        Path out = Path.of("infra/target/bench/reminder-benchmark.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[++i].replace("_", ""));
                case "--inspectors" -> inspectors = Integer.parseInt(args[++i].replace("_", ""));
                case "--out" -> out = Path.of(args[++i]);
                case "--shares" -> shares = java.util.Arrays.stream(args[++i].split(",")).map(Double::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Log.redirect(System.err);
        Path work = Files.createTempDirectory("spotcheck-reminder-bench");
        Path template = Path.of("template.yaml");
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Reminder run of 2026-09-30 over %,d open tasks and %,d inspectors"
                + " (moto, one JVM)%n%n", tasks, inspectors));
        report.append("| due | reminders | deliveries | run | DynamoDB requests | read units | of which byDue queries"
                + " | byDue queries | write units | repeat run: requests | repeat: read units |\n");
        report.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        try (Emulator moto = Emulator.launch(Files.createDirectories(work.resolve("moto")), Duration.ZERO)) {
            moto.awaitReady(Duration.ofSeconds(120));
            System.setProperty("aws.region", TemplateModel.REGION);
            System.setProperty("aws.accessKeyId", Emulator.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", Emulator.SECRET_KEY);
            System.setProperty("aws.endpointUrl", moto.endpoint().toString());
            int round = 0;
            for (double share : shares) {
                TemplateModel model = TemplateModel.load(template, "rembench" + (++round), Map.of());
                moto.createTables(model.tables());
                Tables tables = new Tables(model.table("DataTable").orElseThrow().name(),
                        model.table("AuditTable").orElseThrow().name());
                long t0 = System.nanoTime();
                seed(tables.data(), tasks, inspectors, share);
                progress(String.format(Locale.ROOT, "%.0f%%: seeded in %.1f s", share * 100,
                        (System.nanoTime() - t0) / 1e9));
                CountingDynamo counted = CountingDynamo.around(Dynamo.client());
                Services services = new Services(counted.client(), tables, Clock.fixed(RUN_AT, ZoneOffset.UTC),
                        S3Files.fromEnvironment(), "unused", () -> new byte[32]);
                ReminderRun run = services.reminderRun(List.of());
                long started = System.nanoTime();
                ReminderRun.Summary s = run.run(RUN_AT, "bench");
                double seconds = (System.nanoTime() - started) / 1e9;
                long requests = counted.requests();
                double reads = counted.readUnits;
                double writes = counted.writeUnits;
                progress("first run: " + s + "; " + counted.byOperation());
                ReminderRun.Summary again = run.run(RUN_AT, "bench-again");
                progress("repeat run: " + again);
                double queryReads = counted.queryReadUnits;
                report.append(String.format(Locale.ROOT, "| %.0f%% | %,d | %,d | %.1f s | %,d | %,.1f | %,.1f | %,d"
                                + " | %,.0f | %,d | %,.1f |%n", share * 100, s.reminders(), s.delivered(), seconds,
                        requests, reads, queryReads, s.queries(), writes, counted.requests() - requests,
                        counted.readUnits - reads));
            }
        }
        report.append("\nRead and write units as DynamoDB would bill them (CountingDynamo: a consistent get 1 per"
                + " started 4 KB, a key not found 1, an index query's page 0.5 per started 4 KB of the items it"
                + " returns, a write 1 per started KB, twice in a transaction). The reads outside the index are the"
                + " inspectors' batch read and the ledger's and notifications' consistent gets, one per delivery;"
                + " the writes are the ledger's claims and records, the notifications and their audit records.\n");
        OUT.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        progress("written to " + out);
        System.exit(0);
    }

    private static void seed(String table, int tasks, int inspectors, double share) {
        BatchWriter writer = new BatchWriter(Dynamo.client(), table);
        int inspectorsDue = (int) Math.round(inspectors * share);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < inspectors; i++) {
            String id = String.format("INS-B%06d", i);
            items.add(EntityStore.currentItem(Inspector.KIND, new Inspector(id, "检查员" + i,
                    DEPARTMENTS.get(i % DEPARTMENTS.size()), String.format("4416%010d", i),
                    i < inspectorsDue ? "2026-10-15" : "2028-12-31", List.of("ITEM-bench"), List.of(), "active", null,
                    List.of(), i % 2 == 0 ? "acct-" + id : null, null, 1, CREATED, CREATED)));
            if (items.size() == 1000) {
                writer.putAll(items);
                items.clear();
            }
        }
        int tasksDue = (int) Math.round(tasks * share);
        // spread the due ones over the whole range, as a year's tasks would be
        int step = Math.max(1, tasks / Math.max(1, tasksDue));
        int due = 0;
        for (int i = 0; i < tasks; i++) {
            boolean isDue = i % step == 0 && due < tasksDue;
            if (isDue) {
                due++;
            }
            String dept = DEPARTMENTS.get(i % DEPARTMENTS.size());
            items.add(EntityStore.currentItem(Task.KIND, new Task(String.format("TSK-2026-BENCH-%07d", i),
                    Task.RANDOM, 2026, "PLN-2026-BENCH", "DRW-2026-BENCH", String.format("TGT-%07d", i), "A",
                    List.of("ITEM-bench"), List.of(dept),
                    List.of(String.format("INS-B%06d", (2 * i) % inspectors),
                            String.format("INS-B%06d", (2 * i + 1) % inspectors)),
                    Task.ASSIGNED, null, false, null, null, null, null, null, null,
                    isDue ? "2026-09-01" : "2026-12-31", null, List.of(), 1, CREATED, CREATED)));
            if (items.size() == 1000) {
                writer.putAll(items);
                items.clear();
            }
        }
        writer.putAll(items);
    }

    private static void progress(String message) {
        System.err.println("[reminder-bench] " + message);
    }
}
