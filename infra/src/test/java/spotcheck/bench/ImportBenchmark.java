package spotcheck.bench;

import spotcheck.local.LocalStack;
import spotcheck.local.template.TemplateModel;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import spotcheck.handlers.Services;
import spotcheck.store.AuditKey;
import spotcheck.core.Actor;
import spotcheck.core.Log;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.imports.ImportJob;
import spotcheck.imports.ImportProcessor;
import spotcheck.jobs.JobRunner;
import spotcheck.orgs.Org;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.store.BatchWriter;
import spotcheck.store.S3Files;
import spotcheck.store.Tables;

/**
 * The import benchmark (not a test): target rosters of several sizes, as GBK CSV and XLSX, put
 * through the real import path in this JVM against the local stack's emulator, and, in the
 * same process, through a naive writer that does one PutItem per row. Each run gets fresh
 * tables, so the import and the baseline face the same table sizes. Prints a markdown table
 * and writes it to {@code infra/target/bench/import-benchmark.md}.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -Xmx1024m -cp infra/target/spotcheck-local.jar:infra/target/test-classes \
 *     spotcheck.bench.ImportBenchmark 10000 100000 200000
 * </pre>
 * Options: {@code --naive-max N} (largest size the baseline runs on; default 100000),
 * {@code --xlsx-max N} (largest size also run as XLSX; default 100000), {@code --warmup N}
 * (rows of an unreported first round, for the JIT; default 5000; 0 skips it), {@code --repeat N}
 * (pairs of runs, in alternating order, for sizes up to {@code --repeat-max}; default 3 and 10000:
 * the machine may be shared, and the median of a few pairs says more than one), {@code --out FILE}.
 */
public final class ImportBenchmark {
    static final String COUNTY_ID = "dongyuan";
    static final String COUNTY_NAME = "东源县";
    static final List<String> ITEM_NAMES = List.of("林木采伐监督检查", "林木种苗质量监督检查");
    private static final PrintStream OUT = System.out;
    private static final Clock CLOCK = Clock.systemUTC();
    /** The benchmark runs on an emulator of its own, without the template's secret: a fixed digest key. */
    private static final AuditKey AUDIT_KEY = AuditKey.of("benchmark-audit-key".getBytes(
            java.nio.charset.StandardCharsets.UTF_8));

    /** One run of one writer over one file. */
    record Run(String writer, int rows, String format, long fileBytes, double seconds, long written,
               long peakHeap, long peakAfterGc, long baselineHeap, CountingDynamo counts, BatchWriter.Stats stats,
               long[] tenths) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        /** How much slower the last tenth of the rows went than the second (the first includes setup). */
        double slowdown() {
            if (tenths == null || tenths[9] == 0 || tenths[0] == 0 || tenths[1] == 0) {
                return Double.NaN;
            }
            return (double) (tenths[9] - tenths[8]) / (tenths[1] - tenths[0]);
        }
    }

    private final Path work;
    private final S3Client s3;
    private final String bucket;
    private final TemplateModel.Table dataTable;
    private final TemplateModel.Table auditTable;
    private final DynamoDbClient admin;
    private int tableSerial;

    private ImportBenchmark(LocalStack stack, Path work) {
        this.work = work;
        this.s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(stack.awsUrl().toString())).forcePathStyle(true).build();
        // A bucket of our own, without notifications: the stack's S3 trigger must not import these files too.
        this.bucket = "spotcheck-bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        s3.createBucket(b -> b.bucket(bucket));
        this.dataTable = stack.template().table("DataTable").orElseThrow();
        this.auditTable = stack.template().table("AuditTable").orElseThrow();
        // moto copies a table for each transaction, which at 200,000 rows can outlast the SDK's 30 s read
        // timeout; the SDK would then send it again, and the repeat fails its version check.
        this.admin = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofMinutes(10)).build()).build();
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        int naiveMax = 100_000;
        int xlsxMax = 100_000;
        int warmup = 5_000;
        int repeat = 3;
        int repeatMax = 10_000;
        Path out = repositoryRoot().resolve("infra/target/bench/import-benchmark.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--naive-max" -> naiveMax = Integer.parseInt(args[++i]);
                case "--xlsx-max" -> xlsxMax = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--repeat-max" -> repeatMax = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i].replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000, 200_000);
        }
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        // Standard output carries the results; the functions' JSON log lines go with the stack's to stderr.
        Log.redirect(System.err);
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("spotcheck-bench");
        List<Run> runs = new ArrayList<>();
        if (warmup > 0) {
            progress("warm-up: " + warmup + " rows, not reported");
            try (LocalStack stack = startStack(work, "warmup")) {
                new ImportBenchmark(stack, work).round(warmup, true, true, 1, false);
            }
        }
        for (int size : sizes) {
            // A new emulator for each size: moto keeps growing with what it has held, and each size should
            // start from the same state.
            try (LocalStack stack = startStack(work, Integer.toString(size))) {
                runs.addAll(new ImportBenchmark(stack, work).round(size, size <= naiveMax, size <= xlsxMax,
                        size <= repeatMax ? repeat : 1, true));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String report = report(runs, naiveMax, minutes);
        OUT.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        progress("written to " + out);
        deleteTree(work);
        System.exit(0);
    }

    private static LocalStack startStack(Path work, String name) {
        return LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(work.resolve("stack-" + name))
                .reset(true).snapshotInterval(Duration.ZERO));
    }

    /** One size: the CSV (and XLSX) through the import, and through the naive writer where asked. */
    private List<Run> round(int rows, boolean naive, boolean xlsx, int pairs, boolean report) throws Exception {
        RosterFiles roster = new RosterFiles(COUNTY_NAME, ITEM_NAMES, rows);
        List<Run> runs = new ArrayList<>();
        List<String> formats = xlsx ? List.of("csv", "xlsx") : List.of("csv");
        for (String format : formats) {
            Path file = work.resolve("roster-" + rows + "." + format);
            long t0 = System.nanoTime();
            long bytes = "csv".equals(format) ? roster.writeCsv(file, rows) : roster.writeXlsx(file, rows);
            progress(String.format(Locale.ROOT, "%,d rows as %s: %,d bytes (%.0f per row), made in %.1f s", rows,
                    format, bytes, (double) bytes / rows, (System.nanoTime() - t0) / 1e9));
            String key = "imports/targets/roster-" + rows + "-" + format + "-" + (report ? "run" : "warmup") + "."
                    + format;
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            Files.delete(file);
            for (int pair = 0; pair < pairs; pair++) {
                // Alternate the order, so that a machine getting busier or quieter favours neither writer.
                if (naive && pair % 2 == 0) {
                    runs.add(naive(rows, format, bytes, key));
                }
                runs.add(importRun(rows, format, bytes, key, put, pair));
                if (naive && pair % 2 == 1) {
                    runs.add(naive(rows, format, bytes, key));
                }
            }
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        return runs;
    }

    private Run importRun(int rows, String format, long bytes, String key, PutObjectResponse put, int pair)
            throws Exception {
        Tables tables = freshTables("imp");
        try {
            seed(tables);
            CountingDynamo measured = CountingDynamo.around(admin);
            ImportProcessor processor = new Services(measured.client(), tables, CLOCK, S3Files.fromEnvironment(),
                    bucket, AUDIT_KEY).importProcessor();
            ImportProcessor.Upload upload = new ImportProcessor.Upload(bucket, key, put.versionId(),
                    put.eTag().replace("\"", ""), bytes, String.format("%016X", System.nanoTime() + pair));
            int good = rows - RosterFiles.badRows(rows);
            progress(String.format(Locale.ROOT, "import %,d rows (%s)...", rows, format));
            measured.expectTargets(good);
            try (HeapWatch heap = HeapWatch.start()) {
                long t0 = System.nanoTime();
                Optional<ImportJob> done = processor.run(upload, new JobRunner.Invocation("bench", null, () -> "{}",
                        () -> Long.MAX_VALUE)).map(JobRunner.Outcome::job);
                long t1 = System.nanoTime();
                ImportJob job = done.orElseThrow(() -> new IllegalStateException("the import did nothing"));
                if (!ImportJob.SUCCEEDED.equals(job.status()) || job.rows().created() != good
                        || job.rows().rejected() != rows - good) {
                    throw new IllegalStateException("unexpected result: " + job.status() + " " + job.rows()
                            + (job.error() != null ? " " + job.error() : ""));
                }
                Run run = new Run("import", rows, format, bytes, (t1 - t0) / 1e9, job.rows().created(),
                        heap.peakUsedBytes(), heap.peakAfterGcBytes(), heap.baselineBytes(), measured,
                        processor.lastStats(), measured.tenths());
                progress(describe(run));
                return run;
            }
        } finally {
            dropTables(tables);
        }
    }

    private Run naive(int rows, String format, long bytes, String key) throws Exception {
        Tables tables = freshTables("naive");
        try {
            seed(tables);
            CountingDynamo measured = CountingDynamo.around(admin);
            Services measuredServices = new Services(measured.client(), tables, CLOCK, S3Files.fromEnvironment(),
                    bucket, AUDIT_KEY);
            progress(String.format(Locale.ROOT, "naive %,d rows (%s)...", rows, format));
            try (HeapWatch heap = HeapWatch.start()) {
                long t0 = System.nanoTime();
                NaiveWriter.Result result = NaiveWriter.run(measured.client(), tables.data(),
                        measuredServices.entities, measuredServices.files, bucket, key, rows, work, CLOCK);
                long t1 = System.nanoTime();
                if (result.rows() != rows || result.written() != rows - RosterFiles.badRows(rows)) {
                    throw new IllegalStateException("naive writer read " + result.rows() + " and wrote "
                            + result.written());
                }
                Run run = new Run("naive", rows, format, bytes, (t1 - t0) / 1e9, result.written(),
                        heap.peakUsedBytes(), heap.peakAfterGcBytes(), heap.baselineBytes(), measured, null,
                        result.tenths());
                progress(describe(run));
                return run;
            }
        } finally {
            dropTables(tables);
        }
    }

    /** The county and the items the rows name, written as the API would (each with its audit record). */
    private void seed(Tables tables) {
        Services services = new Services(admin, tables, CLOCK, S3Files.fromEnvironment(), bucket, AUDIT_KEY);
        Actor actor = new Actor(new Principal("bench", "benchmark", "hy-forestry", java.util.Set.of(Role.ADMIN)),
                "bench-seed");
        String now = CLOCK.instant().toString();
        services.entities.create(Org.KIND, new Org(COUNTY_ID, COUNTY_NAME, "county", null, "441625", null, "active", 1,
                now, now), actor);
        for (int i = 0; i < ITEM_NAMES.size(); i++) {
            services.entities.create(Item.KIND, new Item("ITEM-BENCH" + i, ITEM_NAMES.get(i), "hy-forestry-resources",
                    "key", "《中华人民共和国森林法》第五十六条", "检查林木采伐许可证持证和按证采伐情况", List.of("on_site"),
                    List.of("enterprise", "individual", "other"), "active", null, null, 1, now, now), actor);
        }
    }

    /** A data and an audit table shaped as the template's, under new names. */
    private Tables freshTables(String purpose) {
        tableSerial++;
        String prefix = "bench-" + purpose + "-" + tableSerial;
        create(dataTable, prefix + "-data");
        create(auditTable, prefix + "-audit");
        return new Tables(prefix + "-data", prefix + "-audit");
    }

    private void create(TemplateModel.Table t, String name) {
        admin.createTable(c -> {
            c.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(t.attributes().stream().map(a -> AttributeDefinition.builder()
                            .attributeName(a.name()).attributeType(a.type()).build()).toList())
                    .keySchema(keys(t.keySchema()));
            if (!t.globalIndexes().isEmpty()) {
                c.globalSecondaryIndexes(t.globalIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema()))
                        .projection(Projection.builder().projectionType(i.projectionType())
                                .nonKeyAttributes(i.nonKeyAttributes().isEmpty() ? null : i.nonKeyAttributes())
                                .build()).build()).toList());
            }
        });
    }

    private static List<KeySchemaElement> keys(List<TemplateModel.KeyElement> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType())
                .build()).toList();
    }

    /** Dropped after each run, so the emulator does not carry every run's items into the next. */
    private void dropTables(Tables tables) {
        admin.deleteTable(d -> d.tableName(tables.data()));
        admin.deleteTable(d -> d.tableName(tables.audit()));
    }

    private static String describe(Run r) {
        return String.format(Locale.ROOT, "%s %,d rows (%s): %.1f s, %,.0f rows/s, heap peak %d MB (after GC %d MB,"
                        + " before %d MB), %,d requests (%.1f s in DynamoDB calls: %s), %.0f WCU, %.0f RCU, last/second tenth %.2f",
                r.writer(),
                r.rows(), r.format(), r.seconds(), r.rowsPerSecond(), mb(r.peakHeap()), mb(r.peakAfterGc()),
                mb(r.baselineHeap()), r.counts().requests(), r.counts().seconds(), r.counts().byOperation(),
                r.counts().writeUnits, r.counts().readUnits,
                r.slowdown());
    }

    static String report(List<Run> runs, int naiveMax, double minutes) {
        StringBuilder s = new StringBuilder();
        s.append("# Import benchmark\n\n");
        s.append(String.format(Locale.ROOT, "%s; JVM %s, max heap %d MB (%s), %d cores; emulator: moto_server"
                        + " on loopback; whole run %.1f min.%n%n", Instant.now().toString().substring(0, 16)
                        .replace('T', ' ') + " UTC", System.getProperty("java.version"),
                mb(Runtime.getRuntime().maxMemory()), String.join(" ", ManagementFactory.getRuntimeMXBean()
                        .getInputArguments().stream().filter(a -> a.startsWith("-Xm")).toList()),
                Runtime.getRuntime().availableProcessors(), minutes));
        s.append("| rows | format | import s | import rows/s | naive rows/s | ratio | peak heap MB (sampled)"
                + " | heap after GC MB | write requests | WCU/row | read requests | RCU/row | final tx s"
                + " | ratio without tx | all requests | all WCU/row | all RCU/row |\n");
        s.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : medians(runs, "import")) {
            Optional<Run> naive = baseline(runs, r);
            BatchWriter.Stats st = r.stats();
            double tx = r.counts().nanos.getOrDefault("transactWriteItems", 0L) / 1e9;
            s.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %,.0f | %s | %s | %d | %d | %,d | %.3f | %,d | %.3f"
                            + " | %.1f | %s | %,d | %.3f | %.3f |%n", r.rows(), r.format(), r.seconds(),
                    r.rowsPerSecond(),
                    naive.map(n -> String.format(Locale.ROOT, "%,.0f%s", n.rowsPerSecond(),
                            n.rows() == r.rows() ? "" : " (at " + n.rows() / 1000 + "k)")).orElse("–"),
                    naive.map(n -> String.format(Locale.ROOT, "%.1f×", r.rowsPerSecond() / n.rowsPerSecond()))
                            .orElse("–"),
                    mb(r.peakHeap()), mb(r.peakAfterGc()), st.writeRequests, (double) st.writeUnits / r.written(),
                    st.readRequests, (double) st.readUnits / r.written(), tx,
                    naive.map(n -> String.format(Locale.ROOT, "%.1f×", r.rows() / (r.seconds() - tx)
                            / n.rowsPerSecond())).orElse("–"),
                    r.counts().requests(), r.counts().writeUnits / r.written(), r.counts().readUnits / r.written()));
        }
        s.append("\nEvery run (import and naive writer; the table above shows the median of each size and format):"
                + "\n\n");
        s.append("| rows | format | writer | s | rows/s | peak heap MB (sampled) | heap after GC MB | requests"
                + " | all WCU/row | all RCU/row | last tenth ÷ second tenth | time in DynamoDB calls |\n");
        s.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Run r : runs) {
            s.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.1f | %,.0f | %d | %d | %,d | %.3f | %.3f | %.2f"
                            + " | %.1f s: %s |%n", r.rows(), r.format(), r.writer(), r.seconds(), r.rowsPerSecond(),
                    mb(r.peakHeap()), mb(r.peakAfterGc()), r.counts().requests(), r.counts().writeUnits / r.written(),
                    r.counts().readUnits / r.written(), r.slowdown(), r.counts().seconds(), r.counts().byOperation()));
        }
        long itemBytes = runs.stream().mapToLong(r -> r.counts().meanTargetBytes()).max().orElse(0);
        s.append("\nNotes\n\n");
        s.append("- Rows/s counts every row of the file; 1 in ").append(RosterFiles.BAD_EVERY)
                .append(" has a phone nobody can dial and is rejected into the error report. The import's time runs")
                .append(" from the S3 event to the finished job (download, checking pass, writing pass, report upload,")
                .append(" final transaction); the naive writer's from the download to its last PutItem. A stored")
                .append(" target item is about ").append(itemBytes).append(" bytes as DynamoDB counts them.\n");
        s.append("- Each size runs on a new emulator, and each run on fresh tables holding only the county and two")
                .append(" items, so both writers face the same table sizes. The naive writer ran on files of up to ")
                .append(String.format(Locale.ROOT, "%,d", naiveMax)).append(" rows; a larger file is compared with")
                .append(" its rate on the largest file of the same format (marked \"at …k\"). That is fair because")
                .append(" moto's time per PutItem and per BatchWriteItem does not grow with the table (see \"last")
                .append(" tenth ÷ second tenth\", about 1).\n");
        s.append("- Final tx: the job's closing transaction (job record and its audit record). moto deep-copies every")
                .append(" table a transaction touches, so it grows with the table here; on DynamoDB it is one")
                .append(" small request. \"ratio without tx\" leaves it out; \"ratio\" does not.\n");
        s.append("- write/read requests, WCU/row and RCU/row are the import's own count (`lastStats()`: the")
                .append(" BatchWriteItem/BatchGetItem path). The \"all\" columns count every DynamoDB request of the")
                .append(" run at the client (job claim, checkpoints, one audit record per 100-row chunk, the final")
                .append(" transaction, the reference lookups), with capacity as DynamoDB bills the base tables: 1 WCU")
                .append(" per started KB (2 in a transaction), 1 RCU per started 4 KB per item read strongly")
                .append(" consistently, and 1 RCU per key asked for and not found. The byKind index (projection ALL)")
                .append(" costs about one more WCU per item written, for both writers alike.\n");
        s.append("- Heap: \"sampled\" is the most heap in use seen every 20 ms, garbage included; \"after GC\" is")
                .append(" the most in use right after a collection, which bounds what the run keeps. Both are for the")
                .append(" whole JVM, which also hosts the local stack (about 14 MB after GC before any run).\n");
        s.append("- moto's per-request time is its own and the machine may be shared; absolute times say little")
                .append(" about DynamoDB. Ratios from the same process and request/capacity counts do.\n");
        return s.toString();
    }

    /** One run per size and format of a writer: the one with the median time. */
    private static List<Run> medians(List<Run> runs, String writer) {
        List<Run> picked = new ArrayList<>();
        for (Run r : runs) {
            if (!writer.equals(r.writer()) || picked.stream().anyMatch(p -> p.rows() == r.rows()
                    && p.format().equals(r.format()))) {
                continue;
            }
            List<Run> same = runs.stream().filter(o -> writer.equals(o.writer()) && o.rows() == r.rows()
                    && o.format().equals(r.format())).sorted(java.util.Comparator.comparingDouble(Run::seconds))
                    .toList();
            picked.add(same.get(same.size() / 2));
        }
        return picked;
    }

    /** The naive run to compare with: the median one of the same size and format, else of the largest smaller. */
    private static Optional<Run> baseline(List<Run> runs, Run r) {
        return medians(runs, "naive").stream().filter(n -> n.format().equals(r.format()) && n.rows() <= r.rows())
                .max((a, b) -> Integer.compare(a.rows(), b.rows()));
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
