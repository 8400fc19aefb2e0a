package spotcheck.local;

import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModelTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Data outlives a restart, --reset starts empty, and stopping leaves no emulator behind. */
class PersistenceTest {
    @TempDir
    Path dir;
    /** One port for every run, as with the default 3000: the token issuer's URL names it. */
    private final int apiPort = Emulator.freePort();

    private LocalStack start(boolean reset) {
        return LocalStack.start(new LocalStack.Options().apiPort(apiPort).dataDir(dir).reset(reset)
                .template(TemplateModelTest.REAL_TEMPLATE).dumpInterval(Duration.ZERO));
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

    private static Map<String, AttributeValue> key() {
        return Map.of("pk", AttributeValue.fromS("test#persist"), "sk", AttributeValue.fromS("v1"));
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
    void dataSurvivesARestartUnlessReset() {
        LocalStack first = start(false);
        String token = first.token("u1", null, "hy-forestry", "auditor");
        long pid = first.emulatorPid();
        String aws = first.awsUrl().toString();
        try (DynamoDbClient db = dynamo(first); S3Client s3 = s3(first)) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key());
            item.put("name", AttributeValue.fromS("林木采伐"));
            item.put("count", AttributeValue.fromN("3"));
            item.put("tags", AttributeValue.fromSs(java.util.List.of("a", "b")));
            db.putItem(r -> r.tableName(first.tableName("DataTable")).item(item));
            s3.putObject(r -> r.bucket(first.bucket()).key("imports/targets/河源 1.csv").contentType("text/csv")
                    .metadata(Map.of("kind", "targets")), RequestBody.fromString("a,b\n1,2\n"));
        } finally {
            first.close();
        }
        assertStopped(pid, aws);
        assertThat(dir.resolve(LocalStack.ENDPOINTS_FILE)).doesNotExist();

        try (LocalStack second = start(false)) {
            try (DynamoDbClient db = dynamo(second); S3Client s3 = s3(second)) {
                Map<String, AttributeValue> item = db.getItem(r -> r.tableName(second.tableName("DataTable"))
                        .key(key()).consistentRead(true)).item();
                assertThat(item).containsEntry("name", AttributeValue.fromS("林木采伐"))
                        .containsEntry("count", AttributeValue.fromN("3"));
                assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "b");
                ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(second.bucket())
                        .key("imports/targets/河源 1.csv"));
                assertThat(object.asString(StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
                assertThat(object.response().contentType()).isEqualTo("text/csv");
                assertThat(object.response().metadata()).containsEntry("kind", "targets");
            }
            // The signing key is kept too: a token from the first run still works.
            assertThat(second.invoker(token).get("/audit?entity=x").status()).isEqualTo(200);
        }

        try (LocalStack third = start(true)) {
            try (DynamoDbClient db = dynamo(third); S3Client s3 = s3(third)) {
                assertThat(db.getItem(r -> r.tableName(third.tableName("DataTable")).key(key())
                        .consistentRead(true)).hasItem()).isFalse();
                assertThat(s3.listObjectsV2(r -> r.bucket(third.bucket())).contents()).isEmpty();
            }
        }
    }

    @Test
    void dataIsSavedWhileRunning() throws InterruptedException {
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir)
                .template(TemplateModelTest.REAL_TEMPLATE).dumpInterval(Duration.ofMillis(200)))) {
            try (DynamoDbClient db = dynamo(stack)) {
                db.putItem(r -> r.tableName(stack.tableName("DataTable")).item(key()));
            }
            Path current = dir.resolve("dump").resolve("CURRENT");
            for (int i = 0; i < 50 && !java.nio.file.Files.exists(current); i++) {
                Thread.sleep(100);
            }
            assertThat(current).exists();
        }
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
}
