package spotcheck.local;

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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Heyuan (河源) forestry demo, loaded by {@code --demo} through the real API as an admin,
 * so it is validated and audited like anything a user creates: organisations, the item list,
 * the target roster (imported from a file put into the uploads bucket, as a bureau does) and
 * the inspector roster. The roster files are generated once and committed (see DemoFiles in
 * the tests). Loading twice is harmless: 409 (already there) counts as done, and a target
 * file already imported is not imported again.
 */
public final class DemoData {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the demo's target file goes; a direct upload, so its import is found by this key. */
    static final String TARGETS_KEY = "imports/targets/demo-targets.csv";
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

    /** Loads the demo with an admin's invoker; answers false if anything could not be loaded. */
    public static boolean load(LocalInvoker admin, Bucket bucket) {
        boolean orgsLoaded = loadOrgs(admin);
        boolean itemsLoaded = loadItems(admin);
        // The import function runs on its own while the API function takes the inspectors.
        TargetImport targets = startTargets(admin, bucket);
        boolean inspectorsLoaded = loadInspectors(admin);
        return finishTargets(admin, bucket, targets) && inspectorsLoaded && itemsLoaded && orgsLoaded;
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

    /** Where the target import stands after the upload: not needed, not started, or started after {@code before}. */
    private record TargetImport(boolean done, boolean failed, String before) { }

    /**
     * Puts {@code demo/targets.csv} into the bucket as a GBK file, which starts the import
     * function. Skipped when the bucket already holds this very file and its last import succeeded.
     */
    private static TargetImport startTargets(LocalInvoker admin, Bucket bucket) {
        byte[] file;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/targets.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ByteBuffer encoded = GBK.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            file = new byte[encoded.remaining()];
            encoded.get(file);
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/targets.csv: " + e.getMessage());
            return new TargetImport(false, true, null);
        }
        JsonNode last = lastImport(admin);
        if (last != null && "succeeded".equals(last.path("status").asText()) && md5(file).equals(etag(bucket))) {
            Console.info("demo: targets already imported from " + TARGETS_KEY + " (" + last.path("importId").asText()
                    + ")");
            return new TargetImport(true, false, null);
        }
        try {
            bucket.s3().putObject(b -> b.bucket(bucket.name()).key(TARGETS_KEY)
                    .contentType("text/csv; charset=GBK"), RequestBody.fromBytes(file));
        } catch (RuntimeException e) {
            Console.warn("demo: cannot put " + TARGETS_KEY + " into " + bucket.name() + ": " + e.getMessage());
            return new TargetImport(false, true, null);
        }
        return new TargetImport(false, false, last == null ? "" : last.path("importId").asText());
    }

    /** Waits for the import the upload started, logs its counts, and answers whether every row went in. */
    private static boolean finishTargets(LocalInvoker admin, Bucket bucket, TargetImport started) {
        if (started.done() || started.failed()) {
            return started.done();
        }
        JsonNode job = awaitImport(admin, bucket, started.before());
        if (job == null) {
            Console.warn("demo: the import of " + TARGETS_KEY + " did not finish within " + IMPORT_WAIT.toSeconds()
                    + " s");
            return false;
        }
        JsonNode rows = job.path("rows");
        Console.info("demo: targets import " + job.path("importId").asText() + " of " + TARGETS_KEY + " "
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
    private static JsonNode awaitImport(LocalInvoker admin, Bucket bucket, String before) {
        long deadline = System.nanoTime() + IMPORT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            bucket.awaitEvents().test(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            JsonNode job = lastImport(admin);
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

    /** The newest import of the demo's key, or null. */
    private static JsonNode lastImport(LocalInvoker admin) {
        LocalInvoker.Response r = admin.get("/imports?key=" + URLEncoder.encode(TARGETS_KEY, StandardCharsets.UTF_8));
        if (!r.ok()) {
            Console.warn("demo: GET /imports?key=" + TARGETS_KEY + " -> " + r.status() + " " + errorCode(r));
            return null;
        }
        JsonNode items = r.json().path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    /** The ETag of the object under the demo's key (the MD5 of a single-part upload), or "" without one. */
    private static String etag(Bucket bucket) {
        try {
            return bucket.s3().headObject(b -> b.bucket(bucket.name()).key(TARGETS_KEY)).eTag().replace("\"", "");
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

    /**
     * The inspector roster from {@code demo/inspectors.json}; an entry with {@code "deactivate"}
     * is created and then made inactive with that reason (调离, 退休), as its department would.
     */
    private static boolean loadInspectors(LocalInvoker admin) {
        List<Map<String, Object>> inspectors;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/inspectors.json")) {
            inspectors = JSON.readValue(in, new TypeReference<>() { });
        } catch (IOException | RuntimeException e) {
            Console.warn("demo: cannot read demo/inspectors.json: " + e.getMessage());
            return false;
        }
        Set<String> known = knownCertificates(admin);
        int created = 0;
        int existing = 0;
        int failed = 0;
        for (Map<String, Object> inspector : inspectors) {
            if (known.contains(String.valueOf(inspector.get("certificateNo")))) {
                existing++;
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>(inspector);
            Object leaveReason = body.remove("deactivate");
            LocalInvoker.Response r = admin.post("/inspectors", body);
            if (r.status() == 409) {
                existing++;
                continue;
            }
            if (!r.ok()) {
                failed++;
                Console.warn("demo: POST /inspectors " + inspector.get("certificateNo") + " -> " + r.status() + " "
                        + errorCode(r));
                continue;
            }
            created++;
            if (leaveReason != null) {
                JsonNode made = r.json();
                LocalInvoker.Response left = admin.post("/inspectors/" + made.path("inspectorId").asText()
                        + "/deactivate", Map.of("version", made.path("version").asLong(), "reason", leaveReason));
                if (!left.ok()) {
                    failed++;
                    Console.warn("demo: deactivate " + made.path("inspectorId").asText() + " -> " + left.status());
                }
            }
        }
        Console.info("demo: inspectors " + created + " created, " + existing + " already there, " + failed
                + " failed");
        return failed == 0;
    }

    /**
     * The certificate numbers already in the roster: one list read, where a POST answering 409
     * would cost a validated request per inspector on every restart.
     */
    private static Set<String> knownCertificates(LocalInvoker admin) {
        Set<String> known = new HashSet<>();
        String next = null;
        do {
            LocalInvoker.Response r = admin.get("/inspectors?limit=200"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            if (!r.ok()) {
                // the POSTs will tell: 409 for those already there
                return known;
            }
            r.json().path("items").forEach(i -> known.add(i.path("certificateNo").asText()));
            next = r.json().path("next").isTextual() ? r.json().path("next").asText() : null;
        } while (next != null);
        return known;
    }

    private static String errorCode(LocalInvoker.Response r) {
        try {
            return r.json().path("error").path("code").asText(r.json().path("message").asText(""));
        } catch (RuntimeException e) {
            return "";
        }
    }
}
