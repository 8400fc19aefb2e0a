package spotcheck.local.emulator;

import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps the emulator's data across restarts, since moto holds it in memory only.
 *
 * <p>Layout under the data directory:
 * <pre>
 *   dump/CURRENT                        name of the complete dump to load
 *   dump/d-TIME/tables/LOGICALID.jsonl  one item per line, DynamoDB JSON, sorted
 *   dump/d-TIME/buckets/LOGICALID.jsonl one object per line: key, etag, blob, content type, metadata
 *   dump/blobs/SHA256                   object bytes, shared by dumps (unchanged objects are not rewritten)
 *   dump/s3-events.jsonl                S3 events not yet delivered when the stack stopped ({@code events.S3Notifications})
 * </pre>
 * A dump is written into a fresh directory and only then named in CURRENT (temp file +
 * atomic rename), so a crash mid-dump leaves the previous dump intact. Files are keyed by
 * logical id, not physical name, so data survives a change of the local name prefix.
 * Only the latest version of each S3 object is kept. SQS queues are not saved: messages in the
 * template's queues (a dead-letter queue, say) are gone after a restart.
 */
public final class DataDump {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final Path root;
    private final TemplateModel model;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    /** What the last dump or load found per bucket and key, so unchanged objects are not downloaded again. */
    private final Map<String, Map<String, ObjectNode>> knownObjects = new HashMap<>();
    private String lastDigest;

    /** Counts for the log. */
    public record Stats(int items, int objects) { }

    public DataDump(Path dataDir, TemplateModel model, DynamoDbClient dynamo, S3Client s3) {
        this.root = dataDir.resolve("dump");
        this.model = model;
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    /** Removes every dump (for --reset). */
    public static void clear(Path dataDir) {
        deleteTree(dataDir.resolve("dump"));
    }

    // ---- save ------------------------------------------------------------------------------

    /** Writes a dump if anything changed since the last one; answers whether it wrote. */
    public synchronized boolean save() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Map<String, List<String>> tables = new LinkedHashMap<>();
            for (TemplateModel.Table t : model.tables()) {
                List<String> lines = scan(t.name());
                Collections.sort(lines);
                tables.put(t.logicalId(), lines);
                feed(digest, "table " + t.logicalId(), lines);
            }
            Map<String, List<String>> buckets = new LinkedHashMap<>();
            for (TemplateModel.Bucket b : model.buckets()) {
                List<String> lines = manifest(b);
                buckets.put(b.logicalId(), lines);
                feed(digest, "bucket " + b.logicalId(), lines);
            }
            String fingerprint = HexFormat.of().formatHex(digest.digest());
            if (fingerprint.equals(lastDigest)) {
                return false;
            }
            String name = "d-" + System.currentTimeMillis();
            for (int n = 1; Files.exists(root.resolve(name)); n++) {
                name = "d-" + System.currentTimeMillis() + "-" + n;
            }
            Path tmp = root.resolve(name + ".tmp");
            deleteTree(tmp);
            for (var e : tables.entrySet()) {
                writeLines(tmp.resolve("tables").resolve(e.getKey() + ".jsonl"), e.getValue());
            }
            for (var e : buckets.entrySet()) {
                writeLines(tmp.resolve("buckets").resolve(e.getKey() + ".jsonl"), e.getValue());
            }
            Files.move(tmp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            writeAtomically(root.resolve("CURRENT"), name);
            removeOldDumps(name);
            removeUnusedBlobs(buckets.values());
            lastDigest = fingerprint;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dump under " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> scan(String table) {
        List<String> lines = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(item -> lines.add(DynamoJson.write(item)));
        }
        return lines;
    }

    private List<String> manifest(TemplateModel.Bucket bucket) throws IOException {
        Map<String, ObjectNode> known = knownObjects.getOrDefault(bucket.logicalId(), Map.of());
        Map<String, ObjectNode> now = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket.name())).contents()) {
            ObjectNode entry = known.get(o.key());
            if (entry == null || !entry.path("etag").asText().equals(o.eTag())) {
                entry = download(bucket.name(), o);
            }
            now.put(o.key(), entry);
            lines.add(JSON.writeValueAsString(entry));
        }
        knownObjects.put(bucket.logicalId(), now);
        return lines;
    }

    private ObjectNode download(String bucket, S3Object o) throws IOException {
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key()));
        byte[] bytes = object.asByteArray();
        String blob = sha256(bytes);
        Path file = root.resolve("blobs").resolve(blob);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(blob + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        GetObjectResponse meta = object.response();
        ObjectNode entry = JSON.createObjectNode();
        entry.put("key", o.key());
        entry.put("etag", o.eTag());
        entry.put("blob", blob);
        entry.put("size", bytes.length);
        putIfSet(entry, "contentType", meta.contentType());
        putIfSet(entry, "contentEncoding", meta.contentEncoding());
        putIfSet(entry, "contentDisposition", meta.contentDisposition());
        putIfSet(entry, "cacheControl", meta.cacheControl());
        if (meta.hasMetadata() && !meta.metadata().isEmpty()) {
            ObjectNode m = entry.putObject("metadata");
            meta.metadata().forEach(m::put);
        }
        return entry;
    }

    // ---- load ------------------------------------------------------------------------------

    /** Loads the current dump into the (empty) emulator. */
    public synchronized Stats load() {
        Path current = root.resolve("CURRENT");
        if (!Files.exists(current)) {
            return new Stats(0, 0);
        }
        try {
            Path dump = root.resolve(Files.readString(current, StandardCharsets.UTF_8).trim());
            int items = 0;
            int objects = 0;
            Set<String> known = new HashSet<>();
            for (TemplateModel.Table t : model.tables()) {
                known.add("tables/" + t.logicalId() + ".jsonl");
                Path file = dump.resolve("tables").resolve(t.logicalId() + ".jsonl");
                if (Files.exists(file)) {
                    items += loadTable(t.name(), Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
            for (TemplateModel.Bucket b : model.buckets()) {
                known.add("buckets/" + b.logicalId() + ".jsonl");
                Path file = dump.resolve("buckets").resolve(b.logicalId() + ".jsonl");
                if (Files.exists(file)) {
                    objects += loadBucket(b, Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
            for (String kind : List.of("tables", "buckets")) {
                if (Files.isDirectory(dump.resolve(kind))) {
                    try (Stream<Path> files = Files.list(dump.resolve(kind))) {
                        files.map(f -> kind + "/" + f.getFileName()).filter(f -> !known.contains(f)).forEach(f ->
                                Console.warn("dump " + f + " is not in the template any more; not loaded"));
                    }
                }
            }
            return new Stats(items, objects);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dump under " + root, e);
        }
    }

    private int loadTable(String table, List<String> lines) {
        List<WriteRequest> pending = new ArrayList<>();
        int count = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, AttributeValue> item = DynamoJson.read(line);
            pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            count++;
            if (pending.size() == BATCH) {
                writeBatch(table, pending);
                pending = new ArrayList<>();
            }
        }
        if (!pending.isEmpty()) {
            writeBatch(table, pending);
        }
        return count;
    }

    /** BatchWriteItem with DynamoDB's contract: unprocessed items are retried with backoff. */
    private void writeBatch(String table, List<WriteRequest> requests) {
        List<WriteRequest> left = requests;
        for (int attempt = 1; !left.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(left.size() + " items could not be loaded into " + table);
            }
            List<WriteRequest> batch = left;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
            left = response.unprocessedItems().getOrDefault(table, List.of());
            if (!left.isEmpty()) {
                sleep(25L << attempt);
            }
        }
    }

    private int loadBucket(TemplateModel.Bucket bucket, List<String> lines) throws IOException {
        Map<String, ObjectNode> loaded = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode entry = (ObjectNode) JSON.readTree(line);
            Path blob = root.resolve("blobs").resolve(entry.path("blob").asText());
            if (!Files.exists(blob)) {
                Console.warn("dump: an object of " + bucket.logicalId() + " has lost its bytes; skipped");
                continue;
            }
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket.name())
                    .key(entry.path("key").asText());
            if (entry.hasNonNull("contentType")) {
                put.contentType(entry.get("contentType").asText());
            }
            if (entry.hasNonNull("contentEncoding")) {
                put.contentEncoding(entry.get("contentEncoding").asText());
            }
            if (entry.hasNonNull("contentDisposition")) {
                put.contentDisposition(entry.get("contentDisposition").asText());
            }
            if (entry.hasNonNull("cacheControl")) {
                put.cacheControl(entry.get("cacheControl").asText());
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            entry.path("metadata").properties().forEach(f -> metadata.put(f.getKey(), f.getValue().asText()));
            if (!metadata.isEmpty()) {
                put.metadata(metadata);
            }
            String etag = s3.putObject(put.build(), RequestBody.fromFile(blob)).eTag();
            // The emulator's ETag for the re-created object, so the next dump sees it unchanged.
            entry.put("etag", etag);
            loaded.put(entry.path("key").asText(), entry);
        }
        knownObjects.put(bucket.logicalId(), loaded);
        return loaded.size();
    }

    // ---- files -----------------------------------------------------------------------------

    private void removeOldDumps(String keep) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().startsWith("d-"))
                    .filter(p -> !p.getFileName().toString().equals(keep))
                    .forEach(DataDump::deleteTree);
        }
    }

    private void removeUnusedBlobs(Iterable<List<String>> manifests) throws IOException {
        Path blobs = root.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        Set<String> used = new HashSet<>();
        for (List<String> lines : manifests) {
            for (String line : lines) {
                JsonNode entry = JSON.readTree(line);
                used.add(entry.path("blob").asText());
            }
        }
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!used.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        writeDurably(file, text.toString());
    }

    public static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writeDurably(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeDurably(Path file, String content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static void feed(MessageDigest digest, String header, List<String> lines) {
        digest.update((header + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the dump", e);
        }
    }
}
