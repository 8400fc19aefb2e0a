package spotcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import java.time.Clock;
import spotcheck.core.Actor;
import spotcheck.core.Json;
import spotcheck.core.Log;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.handlers.Services;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanRules.PlanFields;
import spotcheck.plans.PlanService;
import spotcheck.store.S3Files;
import spotcheck.local.LocalStack;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.roster.Inspector;
import spotcheck.roster.Target;
import spotcheck.store.BatchWriter;
import spotcheck.store.EntityStore;
import spotcheck.store.Tables;

/**
 * The draw benchmark through the whole stack (not a test): 100,000 active targets (four risk classes, six counties,
 * three items) and 600 inspectors in three departments are put into the emulator in bulk, as the store stores them;
 * a stratified plan drawing about 3% and a joint plan of the three departments (3%, three inspectors per target) are
 * made and approved through the plan service in this JVM (moto takes longer to count the pool for their estimates
 * than the API's 29 seconds), and each is drawn through the API: 202, then {@code GET /draws/{drawId}} until
 * it has finished, the draw running in the draw function as it would in Lambda. A counting proxy between the stack
 * and the emulator ({@link WireMeter}) counts every DynamoDB request the functions make and the capacity DynamoDB
 * would bill for it; the candidate pool's index entries are measured whole in a pass of their own; and, as the
 * baseline in the same process, the same candidates are read the naive way: whole target items through the byCounty
 * index (sent), and one GetItem per target (computed from the same items' sizes). Prints a markdown table and writes
 * it to {@code infra/target/bench/draw-stack-benchmark.md}.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -Xmx1g -cp infra/target/spotcheck-local.jar:infra/target/test-classes spotcheck.bench.DrawStackBenchmark
 * </pre>
 * Options: {@code --targets N} (default 100000), {@code --inspectors N} (default 600), {@code --out FILE}.
 */
public final class DrawStackBenchmark {
    private static final PrintStream OUT = System.out;
    static final int YEAR = 2027;
    static final String BUREAU = "hy-bench";
    static final List<String> DEPARTMENTS = List.of("hy-bench-resources", "hy-bench-protection", "hy-bench-police");
    static final List<String> DIVISIONS = List.of("441602", "441625", "441624", "441622", "441621", "441623");
    static final String CREATED_AT = "2026-03-02T01:00:00Z";

    /** One draw through the stack, and what it cost. */
    record DrawRun(String name, String drawId, int candidates, int drawn, int tasks, int unassigned, double seconds,
                   int polls, int failedPolls, WireMeter.Counts counts, long recordBytes, long candidatesBytes) { }

    /** A read of every candidate in one way: requests, items, bytes and read units. */
    record PoolPass(String how, long requests, long items, long bytes, double readUnits) { }

    public static void main(String[] args) throws Exception {
        int targets = 100_000;
        int inspectors = 600;
        Path out = Path.of("infra/target/bench/draw-stack-benchmark.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> targets = Integer.parseInt(args[++i].replace("_", ""));
                case "--inspectors" -> inspectors = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Log.redirect(System.err);
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("spotcheck-draw-bench");
        Emulator moto = Emulator.launch(Files.createDirectories(work.resolve("moto")), Duration.ZERO);
        String report;
        try (moto) {
            moto.awaitReady(Duration.ofSeconds(120));
            try (WireMeter meter = WireMeter.in(moto.endpoint(), null);
                 LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0)
                         .dataDir(work.resolve("stack")).reset(true).snapshotInterval(Duration.ZERO)
                         .awsEndpoint(meter.url()))) {
                meter.auditTable(stack.tableName("AuditTable"));
                Path partialOut = out;
                report = new DrawStackBenchmark(stack, moto, meter).run(targets, inspectors, started, text -> {
                    try {
                        Files.createDirectories(partialOut.toAbsolutePath().getParent());
                        Files.writeString(partialOut, text + "\n(partial: the run goes on)\n", StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        progress("could not write " + partialOut + ": " + e);
                    }
                });
            }
        }
        OUT.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        progress("written to " + out);
        System.exit(0);
    }

    private final LocalStack stack;
    private final WireMeter meter;
    private final DynamoDbClient direct;
    private final software.amazon.awssdk.services.s3.S3Client s3;
    private final String table;
    private final LocalInvoker admin;

    private DrawStackBenchmark(LocalStack stack, Emulator moto, WireMeter meter) {
        this.stack = stack;
        this.meter = meter;
        // Loading and the measuring passes go straight to the emulator, past the meter.
        this.direct = DynamoDbClient.builder().endpointOverride(moto.endpoint()).httpClient(UrlConnectionHttpClient
                .builder().socketTimeout(Duration.ofMinutes(10)).build()).build();
        this.s3 = moto.s3();
        this.table = stack.tableName("DataTable");
        this.admin = stack.invoker(stack.token("bench-admin", "基准管理员", BUREAU, "admin"));
    }

    private String run(int targets, int inspectors, long started, java.util.function.Consumer<String> partial)
            throws Exception {
        progress("organisations and items through the API");
        ok(admin.post("/orgs", Map.of("orgId", BUREAU, "name", "河源市林业局", "kind", "bureau")));
        String[] names = {"资源科", "保护科", "森林公安"};
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            ok(admin.post("/orgs", Map.of("orgId", DEPARTMENTS.get(d), "name", names[d], "kind", "department",
                    "parentId", BUREAU)));
        }
        for (int c = 0; c < BulkTargets.COUNTIES.size(); c++) {
            ok(admin.post("/orgs", Map.of("orgId", BulkTargets.COUNTIES.get(c), "name", "县区" + c, "kind", "county",
                    "parentId", BUREAU, "divisionCode", DIVISIONS.get(c))));
        }
        List<String> items = new ArrayList<>();
        String[] itemNames = {"林木采伐监督检查", "野生动物保护监督检查", "森林防火监督检查"};
        for (int d = 0; d < DEPARTMENTS.size(); d++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", itemNames[d]);
            item.put("department", DEPARTMENTS.get(d));
            item.put("category", "general");
            item.put("legalBasis", "《中华人民共和国森林法》");
            item.put("content", "检查" + itemNames[d]);
            item.put("methods", List.of("on_site"));
            item.put("targetTypes", List.of("enterprise", "individual", "other"));
            items.add(ok(admin.post("/items", item)).get("itemId").asText());
        }

        long t0 = System.nanoTime();
        progress(String.format(Locale.ROOT, "%,d targets and %,d inspectors straight into the table", targets,
                inspectors));
        BulkTargets bulk = new BulkTargets();
        BatchWriter writer = new BatchWriter(direct, table);
        List<Map<String, AttributeValue>> batch = new ArrayList<>();
        List<String> someTargets = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            Target t = bulk.target(i);
            List<String> its = i % 3 == 0 ? List.of(items.get(0), items.get(1 + i % 2)) : List.of(items.get(0));
            batch.add(EntityStore.currentItem(Target.KIND, new Target(t.targetId(), t.creditCode(), t.name(),
                    t.type(), t.county(), its, t.riskClass(), t.status(), t.statusReason(), t.legalRep(),
                    t.address(), t.contactPhone(), t.idNumber(), t.reviewFlags(), t.importId(), 1, CREATED_AT,
                    CREATED_AT)));
            if (i % 997 == 0) {
                someTargets.add(t.targetId());
            }
            if (batch.size() == 1000) {
                writer.putAll(batch);
                batch.clear();
            }
            if ((i + 1) % 20_000 == 0) {
                progress(String.format(Locale.ROOT, "  %,d targets in %.0f s", i + 1, (System.nanoTime() - t0) / 1e9));
            }
        }
        for (int i = 0; i < inspectors; i++) {
            int d = i % DEPARTMENTS.size();
            List<String> conflicts = i % 50 == 0 ? List.of(someTargets.get(i / 50 % someTargets.size())) : List.of();
            batch.add(EntityStore.currentItem(Inspector.KIND, new Inspector(String.format("INS-BENCH-%04d", i),
                    "检查员" + i, DEPARTMENTS.get(d), "GD-BENCH-" + i, "2028-12-31", List.of(items.get(d)),
                    List.of(), "active", null, conflicts, null, null, 1, CREATED_AT, CREATED_AT)));
        }
        writer.putAll(batch);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        progress(String.format(Locale.ROOT, "loaded in %.0f s", loadSeconds));

        Map<String, Object> stratified = plan("2027年林木采伐分级随机抽查", DEPARTMENTS.get(0), DEPARTMENTS.subList(0, 1),
                List.of(items.get(0)), Map.of("A", "0.02", "B", "0.025", "C", "0.04", "D", "0.06"), 2);
        Map<String, Object> joint = plan("2027年林业部门联合随机抽查", DEPARTMENTS.get(0), DEPARTMENTS, items,
                Map.of("ALL", "0.03"), 3);
        joint.put("joint", true);
        List<DrawRun> runs = new ArrayList<>();
        // The plans are made and approved through the services in this JVM, as the API function would: each
        // counts the pool for its estimate, which moto, reading its whole table for every page, takes longer over
        // 100,000 targets than the API's 29 seconds (on AWS, about a hundred queries of 1,000 compact entries).
        // moto copies the whole table for each transaction, which at this size can outlast the SDK's 30 s read
        // timeout; the SDK would then send it again, and the repeat fails its version check.
        DynamoDbClient patient = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofMinutes(10)).build()).build();
        Services services = new Services(patient, new Tables(table, stack.tableName("AuditTable")),
                Clock.systemUTC(), S3Files.fromEnvironment(), stack.bucket());
        Actor actor = new Actor(new Principal("bench-admin", "基准管理员", BUREAU, Set.of(Role.ADMIN)), "bench");
        for (Map<String, Object> body : List.of(stratified, joint)) {
            long p0 = System.nanoTime();
            Plan plan = services.plans.create(actor, Json.MAPPER.convertValue(body, PlanFields.class));
            services.plans.approve(actor, plan.planId(), new PlanService.ApproveInput(plan.version()));
            progress(String.format(Locale.ROOT, "%s made and approved in %.0f s (two estimates, each reading the"
                    + " pool)", plan.planId(), (System.nanoTime() - p0) / 1e9));
            runs.add(draw((String) body.get("name"), plan.planId()));
            // what is measured so far, in case the emulator gives out before the end
            partial.accept(report(targets, inspectors, loadSeconds, runs, null, null, null,
                    (System.nanoTime() - started) / 60e9));
        }
        meter.reset();

        progress("the pool's index entries, whole (what DynamoDB bills a query of them by)");
        PoolPass poolWhole = pass("byPool index, whole entries (pages of 1,000, as the draw reads)",
                Tables.BY_POOL_INDEX, Target::poolPartition, 1000, null);
        progress("the naive read: whole target items through the byCounty index");
        List<Long> itemSizes = new ArrayList<>();
        PoolPass naive = pass("byCounty index, whole target items (1 MB pages)", Tables.BY_COUNTY_INDEX,
                Target::indexPartition, null, itemSizes);
        double getItemUnits = 0;
        for (long size : itemSizes) {
            getItemUnits += Math.max(1, (size + 4095) / 4096) / 2.0;
        }
        PoolPass getItems = new PoolPass("GetItem per target, eventually consistent (computed from the same items)",
                itemSizes.size(), itemSizes.size(), itemSizes.stream().mapToLong(Long::longValue).sum(),
                getItemUnits);
        double minutes = (System.nanoTime() - started) / 60e9;
        return report(targets, inspectors, loadSeconds, runs, poolWhole, naive, getItems, minutes);
    }

    private static Map<String, Object> plan(String name, String lead, List<String> departments, List<String> items,
                                            Map<String, Object> quota, int m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", YEAR);
        body.put("name", name);
        body.put("type", "random");
        body.put("leadDepartment", lead);
        body.put("departments", departments);
        body.put("items", items);
        body.put("quota", quota);
        body.put("inspectorsPerTarget", m);
        body.put("startDate", YEAR + "-03-01");
        body.put("endDate", YEAR + "-10-31");
        body.put("excludeDrawnThisYear", false);
        return body;
    }

    /** Draws the plan through the API (202, then polls) and takes what the meter counted meanwhile. */
    private DrawRun draw(String name, String planId) throws InterruptedException {
        meter.reset();
        long t0 = System.nanoTime();
        LocalInvoker.Response started = admin.post("/plans/" + planId + "/draw", Map.of("witness", "0930"));
        if (started.status() != 202 && started.status() != 201) {
            throw new IllegalStateException("expected 202, got " + started.status() + ": " + started.body());
        }
        // 201 only for small rosters (20,000 candidates or fewer), which a request draws itself
        String drawId = started.json().at("/draw/drawId").asText();
        progress("drawing " + drawId + " (" + started.status() + "; polling GET /draws/" + drawId + ")");
        int polls = 0;
        JsonNode view = started.json();
        int failedPolls = 0;
        while (started.status() == 202) {
            Thread.sleep(500);
            polls++;
            LocalInvoker.Response poll = admin.get("/draws/" + drawId);
            if (poll.status() >= 500) {
                // moto answers nothing while it copies the table for another request's transaction, which at this
                // size can outlast the API's 29 s: a client polls again, and so does this one
                failedPolls++;
                progress("  a poll answered " + poll.status() + "; polling on");
                continue;
            }
            view = ok(poll);
            String status = view.at("/draw/status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        WireMeter.Counts counts = meter.reset();
        if (!view.at("/draw/status").asText().equals("succeeded")) {
            throw new IllegalStateException("the draw failed: " + view);
        }
        JsonNode d = view.get("draw");
        String bucket = stack.bucket();
        long recordBytes = s3.headObject(b -> b.bucket(bucket).key(d.get("recordKey").asText())).contentLength();
        long candidatesBytes = s3.headObject(b -> b.bucket(bucket).key(d.get("candidatesKey").asText()))
                .contentLength();
        progress(String.format(Locale.ROOT, "  %s: %,d candidates, %,d drawn, %.1f s, %,d requests", drawId,
                d.get("candidates").asInt(), d.get("targets").asInt(), seconds, counts.requests()));
        return new DrawRun(name, drawId, d.get("candidates").asInt(), d.get("targets").asInt(),
                d.get("tasksWritten").asInt(), d.get("unassigned").asInt(), seconds, polls, failedPolls, counts,
                recordBytes, candidatesBytes);
    }

    /** Reads every county's partition of an index, whole items, counting what DynamoDB would bill. */
    private PoolPass pass(String how, String index, java.util.function.Function<String, String> partition,
                          Integer limit, List<Long> sizes) {
        long requests = 0;
        long count = 0;
        long bytes = 0;
        double units = 0;
        Set<String> seen = new HashSet<>();
        for (String county : BulkTargets.COUNTIES) {
            String hash = index.equals(Tables.BY_POOL_INDEX) ? Target.POOL_KEY : Target.COUNTY_KEY;
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                        .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", hash))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(partition.apply(county))))
                        .exclusiveStartKey(start);
                if (limit != null) {
                    q.limit(limit);
                }
                QueryResponse r = direct.query(q.build());
                requests++;
                long pageBytes = 0;
                for (Map<String, AttributeValue> item : r.items()) {
                    long size = BatchWriter.itemBytes(item);
                    pageBytes += size;
                    if (sizes != null && seen.add(item.get("pk").s())) {
                        sizes.add(size);
                    }
                }
                count += r.items().size();
                bytes += pageBytes;
                units += Math.max(1, (pageBytes + 4095) / 4096) / 2.0;
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return new PoolPass(how, requests, count, bytes, units);
    }

    private static String report(int targets, int inspectors, double loadSeconds, List<DrawRun> runs,
                                 PoolPass whole, PoolPass naive, PoolPass getItems, double minutes) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "## The draw through the stack: %,d targets, %,d inspectors%n%n", targets,
                inspectors));
        s.append(String.format(Locale.ROOT, "Java %s, %d processors; the whole run took %.1f minutes (the bulk load"
                + " %.0f s). DynamoDB requests and capacity units are counted on the wire between the stack and the"
                + " emulator and computed as DynamoDB bills them: they and their ratios hold on AWS. The times are"
                + " moto's (a query there reads the whole table): they do not carry over.%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), minutes, loadSeconds));
        s.append("| | ").append(String.join(" | ", runs.stream().map(DrawRun::name).toList())).append(" |\n");
        s.append("|---|").append("---:|".repeat(runs.size())).append('\n');
        row(s, runs, "candidates / drawn / unassigned", r -> String.format(Locale.ROOT, "%,d / %,d / %,d",
                r.candidates(), r.drawn(), r.unassigned()));
        row(s, runs, "wall time, 202 to finished (emulator-bound)", r -> String.format(Locale.ROOT,
                "%.1f s (%d polls, %d timed out)", r.seconds(), r.polls(), r.failedPolls()));
        row(s, runs, "DynamoDB requests", r -> String.format(Locale.ROOT, "%,d", r.counts().requests()));
        row(s, runs, "by operation", r -> r.counts().byOperation());
        row(s, runs, "candidate reads: byPool queries / items", r -> String.format(Locale.ROOT, "%,d / %,d",
                r.counts().poolQueries, r.counts().poolItems));
        if (whole != null) {
            row(s, runs, "candidate read units, as billed (whole index entries)", r -> String.format(Locale.ROOT,
                    "%,.1f RCU", whole.readUnits() * r.counts().poolItems / whole.items()));
            row(s, runs, "**read units per candidate** (goal ≤ 0.05)", r -> String.format(Locale.ROOT, "**%.4f**",
                    whole.readUnits() / whole.items()));
        }
        row(s, runs, "the same, counting only the attributes returned", r -> String.format(Locale.ROOT, "%.4f",
                r.counts().poolReadUnits / r.counts().poolItems));
        row(s, runs, "read units, everything else", r -> String.format(Locale.ROOT, "%,.1f RCU",
                r.counts().readUnits - r.counts().poolReadUnits));
        row(s, runs, "tasks written (task items)", r -> String.format(Locale.ROOT, "%,d (%,d)", r.tasks(),
                r.counts().taskItems));
        row(s, runs, "task write units / mean task item", r -> String.format(Locale.ROOT, "%,.0f WCU / %,d B",
                r.counts().taskWriteUnits, r.counts().taskItems == 0 ? 0 : r.counts().taskBytes / r.counts().taskItems));
        row(s, runs, "audit write units (records)", r -> String.format(Locale.ROOT, "%,.0f WCU (%,d)",
                r.counts().auditWriteUnits, r.counts().auditItems));
        row(s, runs, "**write units per task** (goal 1 + audit share)", r -> String.format(Locale.ROOT,
                "**%.3f** + %.3f audit", r.counts().taskWriteUnits / r.tasks(), r.counts().auditWriteUnits / r.tasks()));
        row(s, runs, "write units, everything (base tables)", r -> String.format(Locale.ROOT, "%,.0f WCU",
                r.counts().writeUnits));
        row(s, runs, "S3: record / candidate list", r -> String.format(Locale.ROOT, "%,d B / %,d B", r.recordBytes(),
                r.candidatesBytes()));
        s.append('\n');
        if (whole == null) {
            return s.toString();
        }
        s.append("Reading the same candidates, once each way. DynamoDB bills a query by the whole items (index entries)"
                + " it reads, whatever the projection asks for: the first row is what the draw's read costs.\n\n");
        s.append("| how | requests | items | bytes | read units | per candidate | ÷ the draw's |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double drawPer = whole.readUnits() / whole.items();
        PoolPass drawn = new PoolPass("the draw: byPool, the five attributes it asks for, as returned (the wire)",
                runs.get(0).counts().poolQueries, runs.get(0).counts().poolItems, runs.get(0).counts().poolBytes,
                runs.get(0).counts().poolReadUnits);
        for (PoolPass p : List.of(whole, drawn, naive, getItems)) {
            double per = p.readUnits() / p.items();
            s.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,.1f | %.4f | %.1f× |%n", p.how(),
                    p.requests(), p.items(), p.bytes(), p.readUnits(), per, per / drawPer));
        }
        s.append('\n');
        s.append("Task writes add the byKind index's copy of each task item (ALL projection) on AWS, one more write"
                + " unit per task item under 1 KB; the audit table has no index. The GetItem baseline is computed from"
                + " the sizes of the items the byCounty pass read, not sent.\n");
        return s.toString();
    }

    private static void row(StringBuilder s, List<DrawRun> runs, String label,
                            java.util.function.Function<DrawRun, String> cell) {
        s.append("| ").append(label).append(" | ")
                .append(String.join(" | ", runs.stream().map(cell).toList())).append(" |\n");
    }

    private static JsonNode ok(LocalInvoker.Response r) {
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    private static void progress(String message) {
        System.err.println("[draw-stack-benchmark] " + message);
    }
}
