package spotcheck.local.emulator;

import spotcheck.local.support.Console;
import spotcheck.local.support.DataFiles;
import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The data directory as earlier versions of the stack kept it: tables and buckets scanned out of the
 * emulator into {@code dump/}. Such a dump is loaded once, through the emulator's API as before, into
 * an emulator that starts empty; then the emulator's snapshot is saved and the dump removed. A start cut
 * short before that leaves the dump, and the next start does it again from the beginning.
 *
 * <p>The layout it reads:
 * <pre>
 *   dump/CURRENT                        name of the complete dump to load
 *   dump/d-TIME/tables/LOGICALID.jsonl  one item per line, DynamoDB JSON
 *   dump/d-TIME/buckets/LOGICALID.jsonl one object per line: key, etag, blob, content type, metadata
 *   dump/blobs/SHA256                   object bytes
 *   dump/s3-events.jsonl                S3 events not yet delivered (moved up to the data directory)
 * </pre>
 * Files are keyed by logical id, not physical name. Only the latest version of each object was kept.
 */
public final class LegacyDump {
    static final String DIR = "dump";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 8;

    private final Path root;
    private final DynamoDbClient dynamo;
    private final S3Client s3;

    /** What a migration loaded, for the log. */
    public record Stats(int items, int objects) { }

    private LegacyDump(Path dataDir, DynamoDbClient dynamo, S3Client s3) {
        this.root = dataDir.resolve(DIR);
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    /** Whether the data directory holds a dump of an earlier version, not yet migrated. */
    static boolean present(Path dataDir) {
        return Files.exists(dataDir.resolve(DIR).resolve("CURRENT"));
    }

    /** Removes an old dump (for --reset). */
    static void remove(Path dataDir) {
        DataFiles.deleteTree(dataDir.resolve(DIR));
    }

    /**
     * Moves the data of an old dump into the emulator the stack started, saves the emulator's snapshot and
     * removes the dump; empty when there is none. Files of the stack's own kept in {@code dump/} (the S3
     * events not yet delivered) move up to the data directory. An emulator the stack did not start gets
     * nothing: the dump is left as it is.
     */
    public static Optional<Stats> migrate(Path dataDir, TemplateModel model, Emulator emulator) {
        if (!present(dataDir)) {
            return Optional.empty();
        }
        if (emulator.pid() < 0) {
            Console.warn("the data kept in " + dataDir.resolve(DIR) + " by an earlier version is loaded only into"
                    + " the stack's own emulator; not into " + emulator.endpoint());
            return Optional.empty();
        }
        Stats stats = new LegacyDump(dataDir, emulator.dynamo(), emulator.s3()).load(model);
        emulator.saveSnapshot();
        try (Stream<Path> files = Files.list(dataDir.resolve(DIR))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("CURRENT") && !name.endsWith(".tmp")) {
                    Files.move(f, dataDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the stack's files out of " + dataDir.resolve(DIR), e);
        }
        remove(dataDir);
        return Optional.of(stats);
    }

    private Stats load(TemplateModel model) {
        try {
            Path dump = root.resolve(Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).trim());
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
        int loaded = 0;
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
            s3.putObject(put.build(), RequestBody.fromFile(blob));
            loaded++;
        }
        return loaded;
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
