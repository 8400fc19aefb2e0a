package spotcheck.local;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModelTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Data outlives a restart as the emulator held it (indexes, conditions, object versions), is saved while the
 * stack runs when it changed, --reset starts empty, an earlier version's dump is moved into the snapshot,
 * a snapshot another moto wrote is refused, and stopping leaves no emulator behind.
 */
class PersistenceTest {
    private static final String KEY = "imports/targets/河源 1.csv";

    @TempDir
    Path dir;
    /** One port for every run, as with the default 3000: the token issuer's URL names it. */
    private final int apiPort = Emulator.freePort();

    private LocalStack start(boolean reset) {
        return LocalStack.start(new LocalStack.Options().apiPort(apiPort).dataDir(dir).reset(reset)
                .template(TemplateModelTest.REAL_TEMPLATE).snapshotInterval(Duration.ZERO));
    }

    private static DynamoDbClient dynamo(LocalStack stack) {
        return DynamoDbClient.builder().endpointOverride(stack.awsUrl()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static S3Client s3(LocalStack stack) {
        return S3Client.builder().endpointOverride(stack.awsUrl()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("#"));
    }

    /** A target's current state as the store files it under its county (byCounty: countyKey, entitySort). */
    private static Map<String, AttributeValue> target(String id, String county) {
        Map<String, AttributeValue> item = new HashMap<>(key("TGT#" + id));
        item.put("entityKind", AttributeValue.fromS("TGT"));
        item.put("entitySort", AttributeValue.fromS(id));
        item.put("countyKey", AttributeValue.fromS("TGT#" + county));
        item.put("name", AttributeValue.fromS("林木采伐 " + id));
        item.put("version", AttributeValue.fromN("3"));
        item.put("tags", AttributeValue.fromSs(List.of("a", "b")));
        return item;
    }

    private static List<String> countyIds(DynamoDbClient db, String table, String county) {
        return db.query(r -> r.tableName(table).indexName("byCounty").keyConditionExpression("countyKey = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("TGT#" + county)))).items().stream()
                .map(i -> i.get("entitySort").s()).toList();
    }

    private static void assertStopped(long pid, String awsUrl) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("emulator pid " + pid)
                .isFalse();
        String port = awsUrl.substring(awsUrl.lastIndexOf(':') + 1);
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(Emulator.COMMAND) && c.contains(port)))
                .as("moto_server processes left on port " + port).isEmpty();
    }

    @Test
    void dataSurvivesARestartAsTheEmulatorHeldItUnlessReset() {
        LocalStack first = start(false);
        String token = first.token("u1", null, "hy-forestry", "auditor");
        long pid = first.emulatorPid();
        String aws = first.awsUrl().toString();
        String table = first.tableName("DataTable");
        List<ObjectVersion> versions;
        try (DynamoDbClient db = dynamo(first); S3Client s3 = s3(first)) {
            db.putItem(r -> r.tableName(table).item(target("T1", "dongyuan")));
            db.putItem(r -> r.tableName(table).item(target("T2", "dongyuan")));
            db.putItem(r -> r.tableName(table).item(target("T3", "heping")));
            PutObjectResponse v1 = s3.putObject(r -> r.bucket(first.bucket()).key(KEY).contentType("text/csv")
                    .metadata(Map.of("kind", "targets")), RequestBody.fromString("a,b\n1,2\n"));
            PutObjectResponse v2 = s3.putObject(r -> r.bucket(first.bucket()).key(KEY).contentType("text/csv")
                    .metadata(Map.of("kind", "targets")), RequestBody.fromString("a,b\n3,4\n"));
            assertThat(v1.versionId()).isNotEqualTo(v2.versionId());
            versions = s3.listObjectVersions(r -> r.bucket(first.bucket()).prefix(KEY)).versions();
            assertThat(versions).hasSize(2);
        } finally {
            first.close();
        }
        assertStopped(pid, aws);
        assertThat(dir.resolve(LocalStack.ENDPOINTS_FILE)).doesNotExist();
        assertThat(Emulator.snapshotFile(dir)).isRegularFile();

        try (LocalStack second = start(false); DynamoDbClient db = dynamo(second); S3Client s3 = s3(second)) {
            Map<String, AttributeValue> item = db.getItem(r -> r.tableName(table).key(key("TGT#T1"))
                    .consistentRead(true)).item();
            assertThat(item).isEqualTo(target("T1", "dongyuan"));
            assertThat(countyIds(db, table, "dongyuan")).containsExactly("T1", "T2");
            assertThat(countyIds(db, table, "heping")).containsExactly("T3");
            // Conditions hold on the kept items: a second create of T1 is refused, in a transaction too.
            assertThatThrownBy(() -> db.putItem(r -> r.tableName(table).item(target("T1", "heping"))
                    .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
            assertThatThrownBy(() -> db.transactWriteItems(r -> r.transactItems(
                    t -> t.put(p -> p.tableName(table).item(target("T4", "heping"))
                            .conditionExpression("attribute_not_exists(pk)")),
                    t -> t.put(p -> p.tableName(table).item(target("T2", "heping"))
                            .conditionExpression("attribute_not_exists(pk)")))))
                    .isInstanceOf(TransactionCanceledException.class);
            db.transactWriteItems(r -> r.transactItems(t -> t.put(p -> p.tableName(table).item(target("T4", "heping"))
                    .conditionExpression("attribute_not_exists(pk)"))));
            assertThat(countyIds(db, table, "heping")).containsExactly("T3", "T4");
            assertThat(countyIds(db, table, "dongyuan")).containsExactly("T1", "T2");

            // Every version of the object, with its id and ETag; each version's bytes.
            assertThat(s3.listObjectVersions(r -> r.bucket(second.bucket()).prefix(KEY)).versions())
                    .extracting(ObjectVersion::versionId, ObjectVersion::eTag, ObjectVersion::isLatest)
                    .containsExactlyElementsOf(versions.stream().map(v -> tuple(
                            v.versionId(), v.eTag(), v.isLatest())).toList());
            for (ObjectVersion v : versions) {
                ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(second.bucket()).key(KEY)
                        .versionId(v.versionId()));
                assertThat(object.asString(StandardCharsets.UTF_8)).isEqualTo(v.isLatest() ? "a,b\n3,4\n" : "a,b\n1,2\n");
                assertThat(object.response().contentType()).isEqualTo("text/csv");
                assertThat(object.response().metadata()).containsEntry("kind", "targets");
            }
            // The signing key is kept too: a token from the first run still works.
            assertThat(second.invoker(token).get("/audit?entity=x").status()).isEqualTo(200);
        }

        try (LocalStack third = start(true); DynamoDbClient db = dynamo(third); S3Client s3 = s3(third)) {
            assertThat(db.getItem(r -> r.tableName(table).key(key("TGT#T1")).consistentRead(true)).hasItem()).isFalse();
            assertThat(s3.listObjectVersions(r -> r.bucket(third.bucket())).versions()).isEmpty();
        }
    }

    @Test
    void dataIsSavedWhileRunningWhenItChanged() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir)
                .template(TemplateModelTest.REAL_TEMPLATE).snapshotInterval(Duration.ofMillis(200)));
             DynamoDbClient db = dynamo(stack)) {
            db.putItem(r -> r.tableName(stack.tableName("DataTable")).item(key("test#1")));
            awaitSaveAfter(FileTime.fromMillis(0));
            stack.saveData(); // whatever the start changed too
            FileTime saved = Files.getLastModifiedTime(Emulator.snapshotFile(dir));
            // Reads change nothing: no save follows them.
            for (int i = 0; i < 5; i++) {
                db.getItem(r -> r.tableName(stack.tableName("DataTable")).key(key("test#1")));
                db.scan(r -> r.tableName(stack.tableName("DataTable")));
            }
            Thread.sleep(1_000);
            assertThat(Files.getLastModifiedTime(Emulator.snapshotFile(dir))).isEqualTo(saved);
            db.putItem(r -> r.tableName(stack.tableName("DataTable")).item(key("test#2")));
            awaitSaveAfter(saved);
        }
    }

    private FileTime awaitSaveAfter(FileTime before) throws Exception {
        Path snapshot = Emulator.snapshotFile(dir);
        for (int i = 0; i < 100; i++) {
            if (Files.exists(snapshot) && Files.getLastModifiedTime(snapshot).compareTo(before) > 0) {
                return Files.getLastModifiedTime(snapshot);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no save within 5 s");
    }

    @Test
    void unchangedDataIsNotWrittenAgain() {
        try (LocalStack stack = start(false)) {
            try (DynamoDbClient db = dynamo(stack)) {
                db.putItem(r -> r.tableName(stack.tableName("AuditTable")).item(Map.of(
                        "entity", AttributeValue.fromS("item/X"), "sk", AttributeValue.fromS("2024"))));
            }
            assertThat(stack.saveData()).isTrue();
            assertThat(stack.saveData()).isFalse();
        }
    }

    @Test
    void aDumpOfAnEarlierVersionIsMovedIntoTheSnapshot() throws Exception {
        Path dump = dir.resolve("dump");
        Files.createDirectories(dump.resolve("d-1").resolve("tables"));
        Files.createDirectories(dump.resolve("d-1").resolve("buckets"));
        Files.createDirectories(dump.resolve("blobs"));
        Files.writeString(dump.resolve("CURRENT"), "d-1");
        Files.writeString(dump.resolve("d-1").resolve("tables").resolve("DataTable.jsonl"), String.join("\n",
                "{\"countyKey\":{\"S\":\"TGT#dongyuan\"},\"entityKind\":{\"S\":\"TGT\"},\"entitySort\":{\"S\":\"T1\"},"
                        + "\"name\":{\"S\":\"林木采伐 T1\"},\"pk\":{\"S\":\"TGT#T1\"},\"sk\":{\"S\":\"#\"},"
                        + "\"tags\":{\"SS\":[\"a\",\"b\"]},\"version\":{\"N\":\"3\"}}",
                "{\"pk\":{\"S\":\"TGT#T9\"},\"sk\":{\"S\":\"V#0000000001\"},\"item\":{\"M\":{\"ok\":{\"BOOL\":true},"
                        + "\"l\":{\"L\":[{\"N\":\"1\"},{\"NULL\":true}]}}}}", ""));
        Files.writeString(dump.resolve("blobs").resolve("b1"), "a,b\n1,2\n");
        Files.writeString(dump.resolve("d-1").resolve("buckets").resolve("UploadsBucket.jsonl"),
                "{\"key\":\"" + KEY + "\",\"etag\":\"\\\"x\\\"\",\"blob\":\"b1\",\"size\":8,\"contentType\":\"text/csv\","
                        + "\"metadata\":{\"kind\":\"targets\"}}\n");

        for (int run = 0; run < 2; run++) {
            try (LocalStack stack = start(false); DynamoDbClient db = dynamo(stack); S3Client s3 = s3(stack)) {
                assertThat(dump).as("the dump, once moved").doesNotExist();
                String table = stack.tableName("DataTable");
                assertThat(db.getItem(r -> r.tableName(table).key(key("TGT#T1"))).item())
                        .isEqualTo(target("T1", "dongyuan"));
                assertThat(countyIds(db, table, "dongyuan")).containsExactly("T1");
                assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("TGT#T9"),
                        "sk", AttributeValue.fromS("V#0000000001")))).item().get("item").m())
                        .containsEntry("ok", AttributeValue.fromBool(true))
                        .containsEntry("l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                                AttributeValue.fromNul(true))));
                ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(stack.bucket()).key(KEY));
                assertThat(object.asString(StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
                assertThat(object.response().contentType()).isEqualTo("text/csv");
                assertThat(object.response().metadata()).containsEntry("kind", "targets");
            }
        }
    }

    @Test
    void aSnapshotAnotherMotoVersionWroteIsRefusedUntilReset() throws Exception {
        try (LocalStack stack = start(false); DynamoDbClient db = dynamo(stack)) {
            db.putItem(r -> r.tableName(stack.tableName("DataTable")).item(key("test#kept")));
        }
        Path snapshot = Emulator.snapshotFile(dir);
        byte[] saved = Files.readAllBytes(snapshot);
        int headerEnd = indexOf(saved, (byte) '\n');
        String header = new String(saved, 0, headerEnd, StandardCharsets.UTF_8);
        String older = header.replaceFirst("\"moto\": \"[^\"]+\"", "\"moto\": \"4.0.0\"");
        assertThat(older).isNotEqualTo(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(older.getBytes(StandardCharsets.UTF_8));
        out.write(saved, headerEnd, saved.length - headerEnd);
        byte[] rewritten = out.toByteArray();
        Files.write(snapshot, rewritten);

        assertThatThrownBy(() -> start(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was saved by moto 4.0.0").hasMessageContaining("--reset");
        assertThat(Files.readAllBytes(snapshot)).as("the refused snapshot, left as it was").isEqualTo(rewritten);
        try (LocalStack stack = start(true); DynamoDbClient db = dynamo(stack)) {
            assertThat(db.getItem(r -> r.tableName(stack.tableName("DataTable")).key(key("test#kept"))).hasItem())
                    .isFalse();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
