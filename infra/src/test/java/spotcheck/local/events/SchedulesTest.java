package spotcheck.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import spotcheck.local.LocalStack;
import spotcheck.local.TestHandlers;
import spotcheck.local.emulator.Emulator;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModel;

/** The template's schedules in a stack whose clock starts just before 09:00 Beijing time. */
class SchedulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 08:59:50 in Beijing: the 09:00 schedules fire about ten seconds after the start. */
    private static final Instant START = Instant.parse("2026-10-28T00:59:50Z");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path dir;
    static LocalStack stack;

    static Path template() {
        try {
            return Path.of(SchedulesTest.class.getResource("/spotcheck/local/schedule-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir).template(template())
                .snapshotInterval(Duration.ZERO).clock(START).s3RetryDelays(Duration.ofMillis(100), Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static List<JsonNode> seenBy(String functionName) {
        return TestHandlers.ScheduleRecorder.SEEN.stream().filter(s -> s.get("function").equals(functionName))
                .map(s -> (JsonNode) s.get("event")).toList();
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void aCronScheduleFiresOnTheStackClockInItsTimeZoneWithAScheduledEvent() throws Exception {
        String name = stack.template().function("MorningFunction").orElseThrow().name();
        await(() -> seenBy(name).stream().anyMatch(e -> e.path("time").asText().equals("2026-10-28T01:00:00Z")));
        List<JsonNode> fired = seenBy(name).stream()
                .filter(e -> e.path("time").asText().equals("2026-10-28T01:00:00Z")).toList();
        assertThat(fired).hasSize(1);
        JsonNode event = fired.get(0);
        assertThat(event.path("id").asText()).matches(UUID);
        assertThat(event).isEqualTo(JSON.readTree("""
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events",
                 "account":"123456789012","time":"2026-10-28T01:00:00Z","region":"us-east-1",
                 "resources":["arn:aws:scheduler:us-east-1:123456789012:schedule/default/morning-reminders"],
                 "detail":{}}""".formatted(event.path("id").asText())));
        assertThat(stack.scheduledEventsDelivered()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFailingScheduledFunctionIsRetriedTwiceThenItsEventGoesToTheDeadLetterQueue() throws Exception {
        await(() -> TestHandlers.ScheduleFailing.ATTEMPTS.size() >= 3);
        Thread.sleep(500);
        assertThat(TestHandlers.ScheduleFailing.ATTEMPTS).containsExactly("2026-10-28T01:00:00Z",
                "2026-10-28T01:00:00Z", "2026-10-28T01:00:00Z");
        List<Message> messages;
        try (SqsClient sqs = SqsClient.builder().endpointOverride(stack.awsUrl())
                .region(Region.of(TemplateModel.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulator.ACCESS_KEY,
                        Emulator.SECRET_KEY))).build()) {
            String dlq = sqs.getQueueUrl(r -> r.queueName(stack.template().queues().get(0).name())).queueUrl();
            messages = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(5)
                    .messageAttributeNames("All")).messages();
        }
        assertThat(messages).hasSize(1);
        JsonNode body = JSON.readTree(messages.get(0).body());
        assertThat(body.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(body.path("time").asText()).isEqualTo("2026-10-28T01:00:00Z");
        assertThat(body.path("resources").path(0).asText())
                .isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/FailingReminderFunctionMorning");
        assertThat(messages.get(0).messageAttributes().get("ErrorMessage").stringValue())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void runOnDemandAnswersWithTheFunctionsResultAndTakesTheEventTime() throws Exception {
        LocalInvoker local = stack.invoker(null);
        LocalInvoker.Response r = local.post("/local/schedules/WeeklyFunction/run",
                Map.of("time", "2026-11-02T02:30:00Z"));
        assertThat(r.status()).isEqualTo(200);
        // A constant Input is what the function gets, as EventBridge sends it.
        assertThat(r.json().path("event")).isEqualTo(JSON.readTree("{\"kind\":\"weekly\"}"));
        assertThat(r.json().path("function").asText()).isEqualTo("WeeklyFunction");
        assertThat(r.json().path("schedule").asText()).isEqualTo("Weekly");
        String weekly = stack.template().function("WeeklyFunction").orElseThrow().name();
        assertThat(seenBy(weekly)).containsExactly(JSON.readTree("{\"kind\":\"weekly\"}"));
        // The function's own answer: how many events the recorder had, this one included.
        int position = 0;
        for (int i = 0; i < TestHandlers.ScheduleRecorder.SEEN.size(); i++) {
            if (TestHandlers.ScheduleRecorder.SEEN.get(i).get("function").equals(weekly)) {
                position = i + 1;
            }
        }
        assertThat(r.json().path("result")).isEqualTo(JSON.createObjectNode().put("seen", position));

        LocalInvoker.Response timed = local.post("/local/schedules/MorningFunction/run",
                Map.of("time", "2026-10-30T01:00:00Z"));
        assertThat(timed.status()).isEqualTo(200);
        assertThat(timed.json().path("event").path("time").asText()).isEqualTo("2026-10-30T01:00:00Z");
        assertThat(timed.json().path("event").path("detail-type").asText()).isEqualTo("Scheduled Event");

        // Without a time: now, by the stack's clock (started at 2026-10-28T00:59:50Z).
        LocalInvoker.Response now = local.send("POST", "/local/schedules/MorningFunction/run", null);
        assertThat(now.status()).isEqualTo(200);
        Instant time = Instant.parse(now.json().path("event").path("time").asText());
        assertThat(time).isBetween(START, START.plus(Duration.ofMinutes(5)));
        assertThat(Duration.between(stack.clock().instant(), time).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void runOnDemandReportsErrorsAndUnknownFunctions() {
        LocalInvoker local = stack.invoker(null);
        LocalInvoker.Response failed = local.post("/local/schedules/FailingReminderFunction/run", "{}");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().path("error").path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        LocalInvoker.Response unknown = local.post("/local/schedules/NoSuchFunction/run", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("not_found");
        LocalInvoker.Response badTime = local.post("/local/schedules/MorningFunction/run",
                Map.of("time", "tomorrow"));
        assertThat(badTime.status()).isEqualTo(422);
        LocalInvoker.Response badBody = local.post("/local/schedules/MorningFunction/run", "[1]");
        assertThat(badBody.status()).isEqualTo(400);
    }

    @Test
    void anExpressionTheStackCannotRunStopsTheStartWithAClearMessage(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("template.yaml");
        Files.writeString(bad, Files.readString(template())
                .replace("cron(30 2 ? * MON-FRI *)", "cron(0 9 L * ? *)"));
        TemplateModel model = TemplateModel.load(bad);
        assertThatThrownBy(() -> new Schedules(model, Map.of(), null, Clock.systemUTC(), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The template has schedules the local stack cannot run:" + System.lineSeparator()
                        + "  WeeklyFunction: schedule Weekly: cron(0 9 L * ? *): day-of-month 'L' uses L, W or #,"
                        + " which the local stack does not support");
    }
}
