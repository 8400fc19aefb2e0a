package spotcheck.local.events;

import spotcheck.local.LocalStack;
import spotcheck.local.TestHandlers;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.template.TemplateModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * S3 notifications to the template's functions, end to end: objects put by the SDK, a presigned
 * URL or the AWS CLI; the emulator emits the notifications and the stack delivers the S3 events.
 */
class S3NotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Emulator.ACCESS_KEY, Emulator.SECRET_KEY));

    @TempDir
    static Path dir;
    static LocalStack stack;
    static S3Client s3;
    static String uploads;

    static Path template() {
        try {
            return Path.of(S3NotificationsTest.class.getResource("/spotcheck/local/s3-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stack on the test template; without retry delays, the default ones. */
    static LocalStack start(Path dataDir, Duration... retryDelays) {
        LocalStack.Options options = new LocalStack.Options().apiPort(0).dataDir(dataDir).template(template())
                .snapshotInterval(Duration.ZERO);
        return LocalStack.start(retryDelays.length == 0 ? options : options.s3RetryDelays(retryDelays));
    }

    static S3Client s3(LocalStack on) {
        return S3Client.builder().endpointOverride(on.awsUrl()).region(Region.of(TemplateModel.REGION))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).forcePathStyle(true)
                .build();
    }

    @BeforeAll
    static void startStack() {
        stack = start(dir.resolve("main"), Duration.ofMillis(100), Duration.ofMillis(200));
        s3 = s3(stack);
        uploads = stack.template().bucket("Uploads").orElseThrow().name();
    }

    @AfterAll
    static void stopStack() {
        if (s3 != null) {
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The records the import function received for a key. */
    static List<S3EventNotificationRecord> received(String key) {
        return TestHandlers.S3Recorder.SEEN.stream().flatMap(e -> e.getRecords().stream())
                .filter(r -> r.getS3().getObject().getUrlDecodedKey().equals(key)).toList();
    }

    static S3EventNotificationRecord receivedOnce(String key) {
        List<S3EventNotificationRecord> records = received(key);
        assertThat(records).as("events for " + key).hasSize(1);
        return records.get(0);
    }

    @Test
    void anObjectPutUnderThePrefixIsDeliveredOnceAsS3DescribesIt() {
        String key = "imports/targets/河源 名录.csv";
        byte[] content = "名称,地址\n河源市林业局,河源\n".getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();
        PutObjectResponse put = s3.putObject(r -> r.bucket(uploads).key(key), RequestBody.fromBytes(content));
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        S3EventNotificationRecord r = receivedOnce(key);
        assertThat(r.getEventVersion()).isEqualTo("2.1");
        assertThat(r.getEventSource()).isEqualTo("aws:s3");
        assertThat(r.getAwsRegion()).isEqualTo(TemplateModel.REGION);
        assertThat(r.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(r.getEventTime().toDate().toInstant())
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(r.getUserIdentity().getPrincipalId()).isEqualTo("AWS:" + TemplateModel.ACCOUNT_ID);
        assertThat(r.getRequestParameters().getSourceIPAddress()).isEqualTo("127.0.0.1");
        assertThat(r.getResponseElements().getxAmzRequestId()).matches("[0-9A-F]{16}");
        assertThat(r.getResponseElements().getxAmzId2()).matches("[A-Za-z0-9+/]{64}");
        assertThat(r.getS3().getS3SchemaVersion()).isEqualTo("1.0");
        assertThat(r.getS3().getConfigurationId()).isEqualTo("ImportFunctionUpload");
        assertThat(r.getS3().getBucket().getName()).isEqualTo(uploads);
        assertThat(r.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::" + uploads);
        assertThat(r.getS3().getBucket().getOwnerIdentity().getPrincipalId()).isEqualTo("LOCALOWNER");
        S3ObjectEntity object = r.getS3().getObject();
        assertThat(object.getKey()).isEqualTo("imports/targets/%E6%B2%B3%E6%BA%90+%E5%90%8D%E5%BD%95.csv");
        assertThat(object.getSizeAsLong()).isEqualTo(content.length);
        assertThat(object.geteTag()).isEqualTo(put.eTag().replace("\"", ""));
        assertThat(put.versionId()).isNotBlank();
        assertThat(object.getVersionId()).isEqualTo(put.versionId());
        assertThat(object.getSequencer()).matches("[0-9A-F]{18}");

        // The same key again: a second event, about the new version, with a greater sequencer.
        PutObjectResponse again = s3.putObject(p -> p.bucket(uploads).key(key), RequestBody.fromString("名称\n"));
        assertThat(stack.awaitS3Events(WAIT)).isTrue();
        List<S3EventNotificationRecord> both = received(key);
        assertThat(both).hasSize(2);
        S3ObjectEntity second = both.get(1).getS3().getObject();
        assertThat(second.getVersionId()).isEqualTo(again.versionId()).isNotEqualTo(put.versionId());
        assertThat(new BigInteger(second.getSequencer(), 16)).isGreaterThan(new BigInteger(object.getSequencer(), 16));
    }

    @Test
    void objectsOutsideThePrefixOrSuffixAreNotDelivered() {
        for (String key : List.of("other/list.csv", "imports/notes.txt", "imports.csv", "imports/ok.csv")) {
            s3.putObject(r -> r.bucket(uploads).key(key), RequestBody.fromString("x"));
        }
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        receivedOnce("imports/ok.csv");
        assertThat(received("other/list.csv")).isEmpty();
        assertThat(received("imports/notes.txt")).isEmpty();
        assertThat(received("imports.csv")).isEmpty();
        // S3's test message, sent when the notifications were configured, is nobody's event.
        assertThat(TestHandlers.S3Recorder.SEEN).allSatisfy(e -> assertThat(e.getRecords()).isNotEmpty());
    }

    @Test
    void eventsOfAnUnversionedBucketCarryNoVersionId() {
        String scratch = stack.template().bucket("Scratch").orElseThrow().name();
        s3.putObject(r -> r.bucket(scratch).key("any/where.bin"), RequestBody.fromString("x"));
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        S3EventNotificationRecord r = receivedOnce("any/where.bin");
        assertThat(r.getS3().getBucket().getName()).isEqualTo(scratch);
        assertThat(r.getS3().getObject().getVersionId()).isNullOrEmpty();
        assertThat(r.getS3().getObject().getSequencer()).matches("[0-9A-F]{18}");
    }

    @Test
    void aFailingFunctionIsTriedThreeTimesAndItsEventEndsInTheDeadLetterQueue() throws Exception {
        String key = "broken/名单 1.csv";
        s3.putObject(r -> r.bucket(uploads).key(key), RequestBody.fromString("x"));
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        assertThat(TestHandlers.S3Failing.ATTEMPTS).filteredOn(key::equals).hasSize(3);
        try (SqsClient sqs = SqsClient.builder().endpointOverride(stack.awsUrl())
                .region(Region.of(TemplateModel.REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String dlq = sqs.getQueueUrl(r -> r.queueName(stack.template().queues().get(0).name())).queueUrl();
            List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            assertThat(dead).hasSize(1);
            JsonNode event = JSON.readTree(dead.get(0).body());
            assertThat(event.at("/Records/0/s3/object/key").asText()).isEqualTo("broken/%E5%90%8D%E5%8D%95+1.csv");
            assertThat(event.at("/Records/0/s3/object/versionId").asText()).isNotBlank();
            Map<String, MessageAttributeValue> attributes = dead.get(0).messageAttributes();
            assertThat(attributes.get("ErrorCode").stringValue()).isEqualTo("200");
            assertThat(attributes.get("ErrorMessage").stringValue()).contains("IllegalStateException");
        }
    }

    @Test
    void anUploadThroughAPresignedUrlTriggers() throws Exception {
        String key = "imports/presigned 表.csv";
        PresignedPutObjectRequest presigned;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(stack.awsUrl())
                .region(Region.of(TemplateModel.REGION)).credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            presigned = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(uploads).key(key).contentType("text/csv")));
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(presigned.url().toURI())
                .PUT(HttpRequest.BodyPublishers.ofString("a,b\n"));
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> put.header(name, v));
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(put.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        S3EventNotificationRecord r = receivedOnce(key);
        assertThat(r.getS3().getObject().getKey()).isEqualTo("imports/presigned+%E8%A1%A8.csv");
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(4);
    }

    @Test
    void anUploadWithTheAwsCliTriggers() throws Exception {
        assumeTrue(Emulator.findOnPath("aws").isPresent(), "the AWS CLI is not installed");
        String key = "imports/cli/导入 1.csv";
        Path file = Files.writeString(dir.resolve("upload.csv"), "a,b\n1,2\n");
        ProcessBuilder cli = new ProcessBuilder("aws", "s3", "cp", file.toString(), "s3://" + uploads + "/" + key,
                "--endpoint-url", stack.awsUrl().toString(), "--only-show-errors");
        Map<String, String> env = cli.environment();
        env.put("AWS_ACCESS_KEY_ID", Emulator.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", Emulator.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", TemplateModel.REGION);
        // Nothing from this machine's own AWS configuration.
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.remove("AWS_PROFILE");
        cli.redirectErrorStream(true);
        Process process = cli.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(stack.awaitS3Events(WAIT)).isTrue();

        S3EventNotificationRecord r = receivedOnce(key);
        assertThat(r.getS3().getObject().getKey()).isEqualTo("imports/cli/%E5%AF%BC%E5%85%A5+1.csv");
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(8);
    }

    @Test
    void anEventNotHandledWhenTheStackStopsIsDeliveredAfterTheRestart() throws Exception {
        Path data = dir.resolve("restart");
        String key = "retry/名册.csv";
        String version;
        try (LocalStack first = start(data, Duration.ofMinutes(1), Duration.ofMinutes(2));
             S3Client client = s3(first)) {
            version = client.putObject(r -> r.bucket(uploads).key(key), RequestBody.fromString("x")).versionId();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!TestHandlers.S3FailsOnce.ATTEMPTS.contains(key) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(TestHandlers.S3FailsOnce.ATTEMPTS).containsExactly(key);
            // It now waits a minute for its retry: stopping keeps it.
        }
        assertThat(data.resolve(S3Notifications.PENDING_FILE)).exists();

        try (LocalStack second = start(data); S3Client client = s3(second)) {
            assertThat(second.awaitS3Events(WAIT)).isTrue();
            assertThat(second.s3EventsDelivered()).isEqualTo(1);
            assertThat(TestHandlers.S3FailsOnce.HANDLED).hasSize(1);
            S3Event event = TestHandlers.S3FailsOnce.HANDLED.get(0);
            S3ObjectEntity object = event.getRecords().get(0).getS3().getObject();
            assertThat(object.getUrlDecodedKey()).isEqualTo(key);
            // The event names the object's version, kept across the restart.
            assertThat(object.getVersionId()).isEqualTo(version)
                    .isEqualTo(client.headObject(r -> r.bucket(uploads).key(key)).versionId());

            // A new upload is announced too: the notification settings, kept with the data, lead to the same queues.
            client.putObject(r -> r.bucket(uploads).key("retry/after the restart.csv"), RequestBody.fromString("y"));
            assertThat(second.awaitS3Events(WAIT)).isTrue();
            assertThat(TestHandlers.S3FailsOnce.HANDLED).extracting(e -> e.getRecords().get(0).getS3().getObject()
                    .getUrlDecodedKey()).containsExactly(key, "retry/after the restart.csv");
        }
        assertThat(data.resolve(S3Notifications.PENDING_FILE)).doesNotExist();
    }
}
