package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.handlers.Services;
import spotcheck.local.template.TemplateModel;
import spotcheck.reminders.Delivery;
import spotcheck.reminders.Ledger;
import spotcheck.reminders.Reminder;
import spotcheck.reminders.ReminderRun;
import spotcheck.reminders.WebhookChannel;
import spotcheck.roster.Inspector;
import spotcheck.tasks.Task;

/**
 * The reminder function through the running stack on 2026-09-30 (a Wednesday before the National Day holiday):
 * run twice by its schedule endpoint, each due reminder goes out once, in-app to its audiences and to the SNS
 * topic (observed by an SQS queue subscribed to it in the emulator); listed and marked read through the API.
 * Then the ledger against the emulator with a real webhook receiver: two concurrent runs while the webhook
 * answers 500 (recorded failed, with the reason), two concurrent runs after it recovers (each delivered exactly
 * once), and one more (nothing).
 */
class RemindersE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIME = "2026-09-30T01:00:00Z";
    private static final Api api = Stack.api();
    private static final String S = Long.toString(System.nanoTime(), 36).toUpperCase();
    private static final String DEPT = "dept-rem-" + S;
    private static final String ACCOUNT = "acct-rem-" + S;
    private static final String INSPECTOR = "INS-REM" + S;
    /** Results due by 09-22, five working days before 09-30 across the Mid-Autumn holiday: overdue. */
    private static final String LATE = "TSK-REM-" + S + "-LATE";
    /** Results due by 09-23: not late yet. */
    private static final String NOT_LATE = "TSK-REM-" + S + "-OK";
    /** Publication due 10-09, the second working day after the holiday: due soon. */
    private static final String SOON = "TSK-REM-" + S + "-SOON";
    /** Publication due 10-12, the fourth: not yet. */
    private static final String LATER = "TSK-REM-" + S + "-LATER";
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void seed() {
        Services s = Stack.services();
        String now = Instant.now().toString();
        Actor actor = new Actor(new Principal("seed", "", "", Set.of()), "-");
        s.entities.create(Inspector.KIND, new Inspector(INSPECTOR, "检查员", DEPT, "44160020260001", "2026-10-20",
                List.of("ITEM-X"), List.of(), "active", null, List.of(), ACCOUNT, null, 1, now, now), actor);
        s.entities.create(Task.KIND, task(LATE, Task.ASSIGNED, "2026-09-22", null, now), actor);
        s.entities.create(Task.KIND, task(NOT_LATE, Task.ASSIGNED, "2026-09-23", null, now), actor);
        s.entities.create(Task.KIND, task(SOON, Task.ENTERED, "2026-09-20", "2026-10-09", now), actor);
        s.entities.create(Task.KIND, task(LATER, Task.ENTERED, "2026-09-20", "2026-10-12", now), actor);

        LocalStackClients c = new LocalStackClients();
        sqs = c.sqs;
        queueUrl = sqs.createQueue(r -> r.queueName("reminders-observed-" + S.toLowerCase())).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        String topicArn = Stack.get().template().topics().stream().filter(t -> t.logicalId().equals("ReminderTopic"))
                .map(TemplateModel.Topic::arn).findFirst().orElseThrow();
        c.sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    private static Task task(String id, String status, String resultsDue, String publicationDue, String now) {
        return new Task(id, Task.RANDOM, 2026, "PLN-REM-" + S, null, "TGT-REM-" + S, "A", List.of("ITEM-X"),
                List.of(DEPT), List.of(INSPECTOR), status, null, false, null, null, null, null,
                publicationDue == null ? null : "2026-09-10", publicationDue, resultsDue, null, List.of(), 1, now, now);
    }

    @AfterAll
    static void close() {
        if (sqs != null) {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    /** The emulator's SNS and SQS clients, over the stack's endpoint. */
    private static final class LocalStackClients {
        final SqsClient sqs = SqsClient.builder().endpointOverride(Stack.get().awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).build();
        final SnsClient sns = SnsClient.builder().endpointOverride(Stack.get().awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void runTwiceForTheSameDaySendsEachDueReminderOnceThenNotificationsAreListedAndRead() throws Exception {
        Api.Reply first = api.post("/local/schedules/ReminderFunction/run", null, "{\"time\":\"" + TIME + "\"}");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().at("/result/runId").asText()).isEqualTo("REM-2026-09-30");
        assertThat(first.json().at("/result/failed").asInt()).isZero();
        assertThat(first.json().at("/result/delivered").asInt()).isPositive();
        Api.Reply second = api.post("/local/schedules/ReminderFunction/run", null, "{\"time\":\"" + TIME + "\"}");
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().at("/result/delivered").asInt()).isZero();
        assertThat(second.json().at("/result/reminders").asInt())
                .isEqualTo(first.json().at("/result/reminders").asInt());

        // the topic: one message per due reminder of ours, with the attributes subscriptions filter on
        List<JsonNode> published = topicMessagesAbout(S, 3);
        assertThat(published).extracting(m -> m.get("Subject").asText()).containsExactlyInAnyOrder(
                "spotcheck: result overdue " + LATE, "spotcheck: publication due_soon " + SOON,
                "spotcheck: certificate due_soon " + INSPECTOR);
        JsonNode late = published.stream().filter(m -> m.get("Message").asText().contains(LATE)).findFirst()
                .orElseThrow();
        assertThat(late.at("/MessageAttributes/stage/Value").asText()).isEqualTo("overdue");
        assertThat(late.at("/MessageAttributes/org/Value").asText()).isEqualTo(DEPT);
        assertThat(late.get("Message").asText()).contains("plan PLN-REM-" + S).contains("due 2026-09-22")
                .doesNotContain("44160020260001");

        // in-app: the inspector (linked login), the department's operators, and the administrators for overdue only
        String inspector = Stack.token(ACCOUNT, "检查员", DEPT, "inspector");
        String operator = Stack.token("op-rem-" + S, "科员", DEPT, "operator");
        String otherOperator = Stack.token("op2-rem-" + S, "科员", "dept-other-" + S, "operator");
        String admin = Stack.token("admin-rem-" + S, "管理员", "hy-bureau", "admin");
        assertThat(ours(inspector, false)).containsExactlyInAnyOrder("result overdue " + LATE,
                "publication due_soon " + SOON, "certificate due_soon " + INSPECTOR);
        assertThat(ours(operator, false)).containsExactlyInAnyOrder("result overdue " + LATE,
                "publication due_soon " + SOON, "certificate due_soon " + INSPECTOR);
        assertThat(ours(otherOperator, false)).isEmpty();
        assertThat(ours(admin, false)).containsExactly("result overdue " + LATE);

        String id = notificationAbout(operator, SOON).get("notificationId").asText();
        Api.Reply read = api.post("/notifications/" + id + "/read", operator, null);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("state").asText()).isEqualTo("read");
        assertThat(ours(operator, true)).containsExactlyInAnyOrder("result overdue " + LATE,
                "certificate due_soon " + INSPECTOR);
        assertThat(api.post("/notifications/" + id + "/read", otherOperator, null).status()).isEqualTo(404);
        // read again: unchanged
        assertThat(api.post("/notifications/" + id + "/read", operator, null).json().get("version").asLong())
                .isEqualTo(read.json().get("version").asLong());
    }

    /**
     * A department with a head, named through {@code PUT /orgs/{id}} by an administrator: its overdue item goes to
     * the head's login, once over two runs, and not to the administrators. Its ids carry {@code s} (lower case), not
     * {@code S}, so the other tests' counts of reminders about {@code S} are unchanged.
     */
    @Test
    void anOverdueItemOfADepartmentWithAHeadGoesToTheHeadOnceAndNotToTheAdministrators() {
        String s = S.toLowerCase();
        String dept = "dept-rem-head-" + s;
        String head = "head-rem-" + s;
        String late = "TSK-RHD-" + s + "-LATE";
        String admin = Stack.token("admin-rem-" + S, "管理员", "hy-bureau", "admin");
        String operator = Stack.token("op-rem-head-" + s, "科员", dept, "operator");
        String elsewhere = Stack.token("op-rem-else-" + s, "科员", DEPT, "operator");
        Api.Reply created = api.post("/orgs", admin, Api.json(Map.of("orgId", dept, "name", "负责人测试科" + s,
                "kind", "department")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        ObjectNode org = (ObjectNode) created.json();
        org.put("headAccount", head);
        assertThat(api.put("/orgs/" + dept, operator, org.toString()).status()).isEqualTo(403);
        Api.Reply set = api.put("/orgs/" + dept, admin, org.toString());
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.json().get("headAccount").asText()).isEqualTo(head);
        // private: the department's own operator reads it, another department's does not
        assertThat(api.get("/orgs/" + dept, operator).json().get("headAccount").asText()).isEqualTo(head);
        assertThat(api.get("/orgs/" + dept, elsewhere).json().has("headAccount")).isFalse();

        String now = Instant.now().toString();
        Stack.services().entities.create(Task.KIND, new Task(late, Task.RANDOM, 2026, "PLN-RHD-" + s, null,
                "TGT-RHD-" + s, "A", List.of("ITEM-X"), List.of(dept), List.of(), Task.ASSIGNED, null, false, null,
                null, null, null, null, null, "2026-09-22", null, List.of(), 1, now, now),
                new Actor(new Principal("seed", "", "", Set.of()), "-"));
        for (int run = 0; run < 2; run++) {
            Api.Reply r = api.post("/local/schedules/ReminderFunction/run", null, "{\"time\":\"" + TIME + "\"}");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().at("/result/failed").asInt()).isZero();
        }

        // the head signs in with any role and organisation: the reminder is addressed to their login
        String headToken = Stack.token(head, "科长", "hy-bureau", "inspector");
        assertThat(about(headToken, late)).containsExactly("result overdue " + late);
        assertThat(about(operator, late)).containsExactly("result overdue " + late);
        assertThat(about(admin, late)).isEmpty();
    }

    /** The caller's notifications about {@code subject}, as "rule stage subject". */
    private static List<String> about(String token, String subject) {
        return all(token, false).stream().filter(n -> n.get("subjectId").asText().equals(subject))
                .map(n -> n.get("rule").asText() + " " + n.get("stage").asText() + " " + subject).toList();
    }

    @Test
    void aFailingWebhookIsRetriedByTheNextRunAndEachReminderIsDeliveredOnceUnderConcurrentRuns() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failing.get() ? 500 : 200;
            if (status == 200) {
                delivered.add(JSON.readTree(body).at("/text/content").asText());
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        try {
            Services s = Stack.services();
            WebhookChannel webhook = new WebhookChannel(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/robot/send?key=secret"));
            Instant now = Instant.parse(TIME);
            twoAtOnce(s.reminderRun(List.of(webhook)), now);
            Delivery failed = s.entities.get(Delivery.KIND, Ledger.idOf(new Reminder("result", "overdue", "task", LATE,
                    null, null, null, null, List.of()), "webhook")).orElseThrow();
            assertThat(failed.status()).isEqualTo(Delivery.FAILED);
            assertThat(failed.reason()).isEqualTo("IOException: the webhook answered HTTP 500");
            // the second run claims it only if the first had already recorded its failure
            assertThat(failed.attempts()).isBetween(1, 2);
            assertThat(delivered).isEmpty();

            failing.set(false);
            twoAtOnce(s.reminderRun(List.of(webhook)), now);
            List<String> ours = delivered.stream().filter(m -> m.contains(S)).toList();
            assertThat(ours).hasSize(3);
            assertThat(ours).anyMatch(m -> m.contains("task " + LATE)).anyMatch(m -> m.contains("task " + SOON))
                    .anyMatch(m -> m.contains("inspector " + INSPECTOR));
            // the next day (a holiday): the results due 09-23 are five working days late now, and only they go out
            twoAtOnce(s.reminderRun(List.of(webhook)), now.plus(Duration.ofDays(1)));
            ours = delivered.stream().filter(m -> m.contains(S)).toList();
            assertThat(ours).hasSize(4);
            assertThat(ours.get(3)).contains("task " + NOT_LATE).contains("due 2026-09-23");
            assertThat(delivered).doesNotHaveDuplicates();
            Delivery sent = s.entities.get(Delivery.KIND, failed.id()).orElseThrow();
            assertThat(sent.status()).isEqualTo(Delivery.SENT);
            assertThat(sent.attempts()).isEqualTo(failed.attempts() + 1);
        } finally {
            server.stop(0);
        }
    }

    private static void twoAtOnce(ReminderRun run, Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ReminderRun.Summary> task = () -> run.run(now, "test");
            List<Future<ReminderRun.Summary>> both = pool.invokeAll(List.of(task, task));
            for (Future<ReminderRun.Summary> f : both) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The caller's notifications about this test's entities, as "rule stage subject". */
    private static List<String> ours(String token, boolean unreadOnly) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : all(token, unreadOnly)) {
            if (n.get("subjectId").asText().contains(S)) {
                out.add(n.get("rule").asText() + " " + n.get("stage").asText() + " " + n.get("subjectId").asText());
            }
        }
        return out;
    }

    private static JsonNode notificationAbout(String token, String subject) {
        return all(token, false).stream().filter(n -> n.get("subjectId").asText().equals(subject)).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> all(String token, boolean unreadOnly) {
        List<JsonNode> out = new ArrayList<>();
        String next = null;
        do {
            Api.Reply page = api.get("/notifications?limit=200" + (unreadOnly ? "&unread=true" : "")
                    + (next == null ? "" : "&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)), token);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("items").forEach(out::add);
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
        } while (next != null);
        return out;
    }

    /** The SNS envelopes the subscribed queue received that mention {@code marker}, once {@code expected} came. */
    private static List<JsonNode> topicMessagesAbout(String marker, int expected) throws IOException,
            InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                JsonNode envelope = JSON.readTree(m.body());
                if (envelope.path("Message").asText().contains(marker)) {
                    found.add(envelope);
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (batch.isEmpty() && found.size() >= expected) {
                break;
            }
        }
        return found;
    }

}
