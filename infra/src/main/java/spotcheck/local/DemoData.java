package spotcheck.local;

import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.support.Console;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Heyuan (河源) forestry demo, loaded by {@code --demo} through the real API as an admin,
 * so it is validated and audited like anything a user creates: organisations and the item list
 * through the API, then both rosters as a bureau sends them, as files put into the uploads
 * bucket (targets as a GBK CSV, inspectors as the template's CSV) and imported by the import
 * function. The roster data is generated once and committed (see DemoFiles in the tests).
 * Then the year's three plans are created, approved and drawn through the API (see {@link #plans}).
 * Loading twice is harmless: 409 (already there) counts as done, a file already imported
 * is not imported again, and a plan found by its name in the year is not made or drawn again.
 */
public final class DemoData {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the demo's roster files go: direct uploads, so their imports are found by these keys. */
    static final String TARGETS_KEY = "imports/targets/demo-targets.csv";
    static final String INSPECTORS_KEY = "imports/inspectors/demo-inspectors.csv";
    /** Excel on a Chinese Windows machine saves "CSV" in GBK: the demo file is uploaded so. */
    private static final Charset GBK = Charset.forName("GBK");
    private static final Duration IMPORT_WAIT = Duration.ofSeconds(120);

    private DemoData() { }

    /** The uploads bucket, and a wait until the S3 events sent so far have reached their functions. */
    public record Bucket(S3Client s3, String name, Predicate<Duration> awaitEvents) { }

    /** One organisation as {@code POST /orgs} takes it. */
    record Org(String orgId, String name, String kind, String parentId, String divisionCode) {
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orgId", orgId);
            body.put("name", name);
            body.put("kind", kind);
            if (parentId != null) {
                body.put("parentId", parentId);
            }
            if (divisionCode != null) {
                body.put("divisionCode", divisionCode);
            }
            return body;
        }
    }

    static final String BUREAU = "hy-forestry";

    /** The city forestry bureau, its five departments, the six county-level divisions and the city police. */
    static final List<Org> ORGS = List.of(
            new Org(BUREAU, "河源市林业局", "bureau", null, null),
            new Org("hy-forestry-resources", "资源科", "department", BUREAU, null),
            new Org("hy-forestry-restoration", "生态修复科", "department", BUREAU, null),
            new Org("hy-forestry-protection", "保护科", "department", BUREAU, null),
            new Org("hy-forestry-pest", "防检科", "department", BUREAU, null),
            new Org("hy-forestry-legal", "政策法规科", "department", BUREAU, null),
            new Org("yuancheng", "源城区", "county", BUREAU, "441602"),
            new Org("dongyuan", "东源县", "county", BUREAU, "441625"),
            new Org("heping", "和平县", "county", BUREAU, "441624"),
            new Org("longchuan", "龙川县", "county", BUREAU, "441622"),
            new Org("zijin", "紫金县", "county", BUREAU, "441621"),
            new Org("lianping", "连平县", "county", BUREAU, "441623"),
            new Org("hy-police", "河源市公安局", "agency", null, null));

    /**
     * Loads the demo with an admin's invoker, and its plans for {@code year}, approved and drawn; answers false if
     * anything could not be loaded.
     */
    public static boolean load(LocalInvoker admin, Bucket bucket, int year) {
        boolean orgsLoaded = loadOrgs(admin);
        boolean itemsLoaded = loadItems(admin);
        // Both rosters arrive as bureaus send them: files put into the bucket, imported by the import function.
        RosterFile targets = targetsFile();
        RosterFile inspectors = inspectorsFile();
        Started targetImport = start(admin, bucket, targets);
        Started inspectorImport = start(admin, bucket, inspectors);
        boolean targetsLoaded = finish(admin, bucket, targets, targetImport);
        boolean inspectorsLoaded = finish(admin, bucket, inspectors, inspectorImport);
        boolean plansLoaded = targetsLoaded && inspectorsLoaded && loadPlans(admin, year);
        return targetsLoaded && inspectorsLoaded && itemsLoaded && orgsLoaded && plansLoaded;
    }

    /** The witness recorded with each demo draw (监督人员: here a notary's office, for the demo). */
    static String witness(int year) {
        return "河源市林业局 " + year + " 年度双随机抽查 公证: 演示";
    }

    /**
     * The year's three demo plans, each as {@code POST /plans} takes it: a stratified plan of the resources
     * department (a ratio per credit-risk class), a joint plan with the city police (部门联合抽查: blasting in
     * protected areas, in July), and a targeted plan (定向) over two counties' wildlife businesses of risk classes
     * B to D. Their items are chosen so that no target falls under two of them: the year's draws are disjoint.
     */
    static List<Map<String, Object>> plans(int year) {
        Map<String, Object> stratified = plan(year, year + "年度林木采伐和木材经营加工双随机抽查", "random",
                "hy-forestry-resources", List.of(), List.of("HYLY-001", "HYLY-003"),
                Map.of("A", "0.02", "B", "0.03", "C", "0.05", "D", "0.10"), "-08-01", "-10-31");
        Map<String, Object> joint = plan(year, year + "年度自然保护地内爆破作业部门联合抽查", "random",
                "hy-forestry-protection", List.of("hy-police"), List.of("HYLY-008", "HYGA-001"),
                Map.of("ALL", "0.3"), "-07-01", "-07-31");
        joint.put("joint", true);
        Map<String, Object> targeted = plan(year, year + "年度东源县和平县野生动植物经营利用定向抽查", "targeted",
                "hy-forestry-protection", List.of(), List.of("HYLY-006", "HYLY-007"), Map.of("ALL", "0.3"),
                "-09-01", "-10-31");
        targeted.put("scope", Map.of("counties", List.of("dongyuan", "heping"),
                "targetTypes", List.of("enterprise", "individual"), "riskClasses", List.of("B", "C", "D")));
        return List.of(stratified, joint, targeted);
    }

    private static Map<String, Object> plan(int year, String name, String type, String lead, List<String> cooperating,
                                            List<String> items, Map<String, String> quota, String start, String end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", year);
        body.put("name", name);
        body.put("type", type);
        body.put("leadDepartment", lead);
        if (!cooperating.isEmpty()) {
            body.put("departments", cooperating);
        }
        body.put("items", items);
        body.put("quota", new java.util.TreeMap<>(quota));
        body.put("inspectorsPerTarget", 2);
        body.put("startDate", year + start);
        body.put("endDate", year + end);
        return body;
    }

    /**
     * Creates, approves and draws the year's demo plans, each step only where it is still to be done: a plan of
     * the same name in the year is the demo's, an approved one is drawn, a drawn one is left as it is.
     */
    private static boolean loadPlans(LocalInvoker admin, int year) {
        Map<String, JsonNode> existing = new LinkedHashMap<>();
        String next = null;
        do {
            LocalInvoker.Response r = admin.get("/plans?year=" + year + "&limit=200"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            if (!r.ok()) {
                Console.warn("demo: GET /plans?year=" + year + " -> " + r.status() + " " + errorCode(r));
                return false;
            }
            r.json().path("items").forEach(p -> existing.putIfAbsent(p.path("name").asText(), p));
            next = r.json().path("next").isTextual() ? r.json().path("next").asText() : null;
        } while (next != null);
        boolean ok = true;
        int drawn = 0;
        for (Map<String, Object> body : plans(year)) {
            String name = (String) body.get("name");
            JsonNode plan = existing.get(name);
            if (plan == null) {
                LocalInvoker.Response created = admin.post("/plans", body);
                if (!created.ok()) {
                    Console.warn("demo: POST /plans " + name + " -> " + created.status() + " " + errorCode(created));
                    ok = false;
                    continue;
                }
                plan = created.json();
            }
            String planId = plan.path("planId").asText();
            if ("draft".equals(plan.path("status").asText())) {
                LocalInvoker.Response approved = admin.post("/plans/" + planId + "/approve",
                        Map.of("version", plan.path("version").asLong()));
                if (!approved.ok()) {
                    Console.warn("demo: approve " + planId + " -> " + approved.status() + " " + errorCode(approved));
                    ok = false;
                    continue;
                }
                approved.json().path("warnings").forEach(w -> Console.info("demo: approving " + planId + ": "
                        + w.path("code").asText()));
                plan = approved.json().path("plan");
            }
            if ("approved".equals(plan.path("status").asText())) {
                LocalInvoker.Response draw = admin.post("/plans/" + planId + "/draw", Map.of("witness", witness(year)));
                if (draw.status() == 201) {
                    JsonNode d = draw.json().path("draw");
                    Console.info("demo: drew " + planId + " (" + name + "): " + d.path("targets").asInt()
                            + " targets of " + d.path("candidates").asInt() + ", " + d.path("unassigned").asInt()
                            + " without inspectors, " + d.path("drawId").asText());
                    drawn++;
                } else if (draw.status() != 409) {
                    Console.warn("demo: draw " + planId + " -> " + draw.status() + " " + errorCode(draw));
                    ok = false;
                }
            }
        }
        Console.info("demo: " + year + " plans: " + drawn + " drawn now, " + existing.size() + " there before");
        return ok;
    }

    private static boolean loadOrgs(LocalInvoker admin) {
        int created = 0;
        int existing = 0;
        int failed = 0;
        for (Org org : ORGS) {
            LocalInvoker.Response r = admin.post("/orgs", org.body());
            if (r.ok()) {
                created++;
            } else if (r.status() == 409) {
                existing++;
            } else {
                failed++;
                Console.warn("demo: POST /orgs " + org.orgId() + " -> " + r.status() + " " + errorCode(r));
            }
        }
        Console.info("demo: orgs " + created + " created, " + existing + " already there, " + failed + " failed");
        return failed == 0;
    }

    /**
     * The forestry item list from {@code demo/items.json}; an entry with {@code "retire"} is
     * created and then retired with that reason, so the demo shows an item's history.
     */
    private static boolean loadItems(LocalInvoker admin) {
        List<Map<String, Object>> items;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/items.json")) {
            items = JSON.readValue(in, new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/items.json: " + e.getMessage());
            return false;
        }
        int created = 0;
        int existing = 0;
        int failed = 0;
        for (Map<String, Object> item : items) {
            Map<String, Object> body = new LinkedHashMap<>(item);
            Object retireReason = body.remove("retire");
            LocalInvoker.Response r = admin.post("/items", body);
            if (r.status() == 409) {
                existing++;
                continue;
            }
            if (!r.ok()) {
                failed++;
                Console.warn("demo: POST /items " + item.get("itemId") + " -> " + r.status() + " " + errorCode(r));
                continue;
            }
            created++;
            if (retireReason != null) {
                LocalInvoker.Response retired = admin.post("/items/" + item.get("itemId") + "/retire",
                        Map.of("version", 1, "reason", retireReason));
                if (!retired.ok()) {
                    failed++;
                    Console.warn("demo: retire " + item.get("itemId") + " -> " + retired.status());
                }
            }
        }
        Console.info("demo: items " + created + " created, " + existing + " already there, " + failed + " failed");
        return failed == 0;
    }

    /** A roster file of the demo: where it goes in the bucket, what it is called in the log, its bytes. */
    private record RosterFile(String key, String label, byte[] bytes, String contentType) { }

    /** Where an import stands after the upload: not needed, not possible, or started after {@code before}. */
    private record Started(boolean done, boolean failed, String before) { }

    /** {@code demo/targets.csv} as a GBK file, as Excel saves a CSV on a Chinese Windows machine. */
    private static RosterFile targetsFile() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/targets.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ByteBuffer encoded = GBK.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] file = new byte[encoded.remaining()];
            encoded.get(file);
            return new RosterFile(TARGETS_KEY, "targets", file, "text/csv; charset=GBK");
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/targets.csv: " + e.getMessage());
            return null;
        }
    }

    /**
     * {@code demo/inspectors.json} as the import template's CSV; an entry with {@code "deactivate"}
     * (调离, 退休) has that word as its status, which makes the officer inactive with it as the reason.
     */
    private static RosterFile inspectorsFile() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/inspectors.json")) {
            List<Map<String, Object>> inspectors = JSON.readValue(in, new TypeReference<>() { });
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (spotcheck.sheets.SheetWriter w = spotcheck.sheets.Sheets.csvWriter(out)) {
                w.writeRow(List.of("姓名", "单位/科室", "执法证号", "有效期至", "可检查事项", "业务专长", "状态", "回避对象"));
                for (Map<String, Object> i : inspectors) {
                    w.writeRow(List.of(String.valueOf(i.get("name")), String.valueOf(i.get("org")),
                            String.valueOf(i.get("certificateNo")), String.valueOf(i.get("certificateValidUntil")),
                            joined(i.get("qualifiedItems")), joined(i.get("expertise")),
                            i.get("deactivate") == null ? "在岗" : String.valueOf(i.get("deactivate")),
                            joined(i.get("conflicts"))));
                }
            }
            return new RosterFile(INSPECTORS_KEY, "inspectors", out.toByteArray(), "text/csv; charset=utf-8");
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/inspectors.json: " + e.getMessage());
            return null;
        }
    }

    private static String joined(Object list) {
        return list instanceof List<?> l ? String.join("、", l.stream().map(String::valueOf).toList()) : "";
    }

    /**
     * Puts a roster file into the bucket, which starts the import function. Skipped when the
     * bucket already holds this very file and its last import succeeded (a restart with kept data).
     */
    private static Started start(LocalInvoker admin, Bucket bucket, RosterFile file) {
        if (file == null) {
            return new Started(false, true, null);
        }
        JsonNode last = lastImport(admin, file.key());
        if (last != null && "succeeded".equals(last.path("status").asText())
                && md5(file.bytes()).equals(etag(bucket, file.key()))) {
            Console.info("demo: " + file.label() + " already imported from " + file.key() + " ("
                    + last.path("importId").asText() + ")");
            return new Started(true, false, null);
        }
        try {
            bucket.s3().putObject(b -> b.bucket(bucket.name()).key(file.key()).contentType(file.contentType()),
                    RequestBody.fromBytes(file.bytes()));
        } catch (RuntimeException e) {
            Console.warn("demo: cannot put " + file.key() + " into " + bucket.name() + ": " + e.getMessage());
            return new Started(false, true, null);
        }
        return new Started(false, false, last == null ? "" : last.path("importId").asText());
    }

    /** Waits for the import the upload started, logs its counts, and answers whether every row went in. */
    private static boolean finish(LocalInvoker admin, Bucket bucket, RosterFile file, Started started) {
        if (started.done() || started.failed()) {
            return started.done();
        }
        JsonNode job = awaitImport(admin, bucket, file.key(), started.before());
        if (job == null) {
            Console.warn("demo: the import of " + file.key() + " did not finish within " + IMPORT_WAIT.toSeconds()
                    + " s");
            return false;
        }
        JsonNode rows = job.path("rows");
        Console.info("demo: " + file.label() + " import " + job.path("importId").asText() + " of " + file.key() + " "
                + job.path("status").asText() + ": " + rows.path("total").asLong() + " rows, "
                + rows.path("created").asLong() + " created, " + rows.path("updated").asLong() + " updated, "
                + rows.path("unchanged").asLong() + " unchanged, " + rows.path("rejected").asLong() + " rejected");
        if (!"succeeded".equals(job.path("status").asText())) {
            Console.warn("demo: " + job.path("error").path("message").asText("the import failed"));
            return false;
        }
        return rows.path("rejected").asLong() == 0;
    }

    /** The import after {@code before} once it has finished, or null if it does not within the wait. */
    private static JsonNode awaitImport(LocalInvoker admin, Bucket bucket, String key, String before) {
        long deadline = System.nanoTime() + IMPORT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            bucket.awaitEvents().test(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            JsonNode job = lastImport(admin, key);
            String status = job == null ? "" : job.path("status").asText();
            if ((status.equals("succeeded") || status.equals("failed"))
                    && !job.path("importId").asText().equals(before)) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The newest import of a key, or null. */
    private static JsonNode lastImport(LocalInvoker admin, String key) {
        LocalInvoker.Response r = admin.get("/imports?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        if (!r.ok()) {
            Console.warn("demo: GET /imports?key=" + key + " -> " + r.status() + " " + errorCode(r));
            return null;
        }
        JsonNode items = r.json().path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    /** The ETag of the object under a key (the MD5 of a single-part upload), or "" without one. */
    private static String etag(Bucket bucket, String key) {
        try {
            return bucket.s3().headObject(b -> b.bucket(bucket.name()).key(key)).eTag().replace("\"", "");
        } catch (S3Exception e) {
            // not found, or not readable: either way not known to be the demo's file
            return "";
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errorCode(LocalInvoker.Response r) {
        try {
            return r.json().path("error").path("code").asText(r.json().path("message").asText(""));
        } catch (RuntimeException e) {
            return "";
        }
    }
}
