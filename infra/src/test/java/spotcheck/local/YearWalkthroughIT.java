package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModelTest;

/**
 * The year after the draw, as the bureau lives it, through the stack started from its jar with the demo data and
 * its clock at 2026-12-02: the stratified demo plan's results entered by a drawn inspector (through their linked
 * login) and by the department, reviewed, one returned and entered again, one exempt; published by hand and by the
 * daily publication run; the public results and the batch's export free of every private field the roster holds;
 * the reminder function run twice for one day sending each due reminder once; the year's statistics.
 */
class YearWalkthroughIT {
    private static final Path STACK_JAR = Path.of("target", "spotcheck-local.jar");
    private static final String PLAN_NAME = "2026年度林木采伐和木材经营加工双随机抽查";
    private static final String RESOURCES = "hy-forestry-resources";

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void resultsReviewedPublishedRemindedAndCounted(@TempDir Path dir) throws Exception {
        try (StackProcess stack = StackProcess.start(StackProcess.fromJar(STACK_JAR), false, dir.resolve("stack.log"),
                "--demo", "--api-port", "0", "--data-dir", dir.resolve("data").toString(), "--reset",
                "--clock", "2026-12-02T02:00:00Z", "--template", TemplateModelTest.REAL_TEMPLATE.toString())) {
            URI api = stack.api();
            LocalInvoker anonymous = new LocalInvoker(api, null);
            LocalInvoker admin = as(anonymous, api, "admin-1", "hy-forestry", "admin");
            LocalInvoker operator = as(anonymous, api, "op-resources", RESOURCES, "operator");

            // the demo's stratified plan, drawn: six tasks of 资源科, each with two inspectors
            String planId = null;
            for (JsonNode p : admin.get("/plans?year=2026&limit=50").json().get("items")) {
                if (PLAN_NAME.equals(p.get("name").asText())) {
                    planId = p.get("planId").asText();
                }
            }
            assertThat(planId).as("the demo's stratified plan").isNotNull();
            JsonNode tasks = admin.get("/tasks?planId=" + planId + "&limit=50").json().get("items");
            assertThat(tasks).hasSize(6);
            List<JsonNode> six = new ArrayList<>();
            tasks.forEach(six::add);

            // 1. a drawn inspector, given a login, sees the task in their to-do list and enters its result
            JsonNode first = six.get(0);
            String firstId = first.get("taskId").asText();
            String inspectorId = first.get("inspectors").get(0).asText();
            JsonNode inspector = admin.get("/inspectors/" + inspectorId).json();
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("accountId", "ins-walkthrough");
            link.put("version", inspector.get("version").asLong());
            LocalInvoker.Response linked = admin.put("/inspectors/" + inspectorId, merged(inspector, link));
            assertThat(linked.status()).as(linked.body()).isEqualTo(200);
            LocalInvoker field = as(anonymous, api, "ins-walkthrough", inspector.get("org").asText(), "inspector");
            JsonNode todo = field.get("/tasks?assignee=me&status=todo").json().get("items");
            assertThat(ids(todo)).contains(firstId);

            LocalInvoker.Response entered = field.put("/tasks/" + firstId + "/result",
                    result(first, "2026-11-02", "未发现问题", true, 1));
            assertThat(entered.status()).as(entered.body()).isEqualTo(200);
            assertThat(entered.json().get("status").asText()).isEqualTo("entered");
            assertThat(entered.json().get("completedDate").asText()).isEqualTo("2026-11-02");
            // 20 working days after 2026-11-02 on the official calendar
            assertThat(entered.json().get("publicationDue").asText()).isEqualTo("2026-11-30");
            // the inspector may not review their own result; the department's operator approves it, then publishes
            JsonNode reviewed = review(operator, firstId, "approve", null, 2);
            assertThat(reviewed.get("status").asText()).isEqualTo("reviewed");
            LocalInvoker.Response published = operator.post("/tasks/" + firstId + "/publish",
                    Map.of("version", reviewed.get("version").asLong()));
            assertThat(published.status()).as(published.body()).isEqualTo(200);
            assertThat(published.json().get("status").asText()).isEqualTo("published");

            // 2. entered by the department, returned with a comment, entered again, approved; left to the daily run
            JsonNode second = six.get(1);
            String secondId = second.get("taskId").asText();
            assertThat(operator.put("/tasks/" + secondId + "/result",
                    result(second, "2026-11-03", "发现问题已责令改正", true, 1)).status()).isEqualTo(200);
            JsonNode returned = review(admin, secondId, "return", "请补充整改期限", 2);
            assertThat(returned.get("status").asText()).isEqualTo("returned");
            assertThat(operator.put("/tasks/" + secondId + "/result",
                    result(second, "2026-11-03", "CORRECTED", true, 3)).status()).isEqualTo(200);
            assertThat(review(admin, secondId, "approve", null, 4).get("status").asText()).isEqualTo("reviewed");

            // 3. a result awaiting testing: exempt, never public, counted with its reason
            JsonNode third = six.get(2);
            String thirdId = third.get("taskId").asText();
            Map<String, Object> exempt = result(third, "2026-11-04", "发现问题待后续处理", false, 1);
            exempt.put("exemptReason", Map.of("code", "awaiting_testing", "note", "样品送检中"));
            LocalInvoker.Response exemptEntered = operator.put("/tasks/" + thirdId + "/result", exempt);
            assertThat(exemptEntered.status()).as(exemptEntered.body()).isEqualTo(200);
            assertThat(review(admin, thirdId, "approve", null, 2).get("status").asText()).isEqualTo("exempt");

            // the daily publication run: the second task was due on 2026-12-01, so it is published now; the
            // batch exports both published results; run again, it changes nothing
            LocalInvoker.Response run = anonymous.post("/local/schedules/PublicationFunction/run",
                    Map.of("time", "2026-12-02T16:30:00Z"));
            assertThat(run.status()).as(run.body()).isEqualTo(200);
            assertThat(admin.get("/tasks/" + secondId).json().get("status").asText()).isEqualTo("published");
            assertThat(admin.get("/tasks/" + thirdId).json().get("status").asText()).isEqualTo("exempt");
            JsonNode batch = admin.get("/publications/PUB-2026-12-03").json();
            LocalInvoker.Response again = anonymous.post("/local/schedules/PublicationFunction/run",
                    Map.of("time", "2026-12-02T16:30:00Z"));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(admin.get("/publications/PUB-2026-12-03").json()).isEqualTo(batch);

            // the public results: the two published, none exempt, and nothing private the roster holds
            JsonNode open = anonymous.get("/public/results?planId=" + planId).json();
            assertThat(open.get("items")).hasSize(2);
            List<String> privateValues = new ArrayList<>();
            for (JsonNode t : six.subList(0, 3)) {
                JsonNode target = admin.get("/targets/" + t.get("targetId").asText()).json();
                for (String field2 : List.of("legalRep", "address", "contactPhone", "idNumber")) {
                    // an individual business's registered name may carry its keeper's name: the name is public
                    if (target.hasNonNull(field2) && !target.get(field2).asText().isBlank()
                            && !target.get("name").asText().contains(target.get(field2).asText())) {
                        privateValues.add(target.get(field2).asText());
                    }
                }
            }
            assertThat(privateValues).as("the demo targets hold private fields").isNotEmpty();
            StringBuilder publicText = new StringBuilder(open.toString());
            for (JsonNode t : six.subList(0, 3)) {
                String creditCode = admin.get("/targets/" + t.get("targetId").asText()).json().path("creditCode")
                        .asText();
                if (!creditCode.isEmpty()) {
                    publicText.append(anonymous.get("/public/results?creditCode="
                            + URLEncoder.encode(creditCode, StandardCharsets.UTF_8)).body());
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            List<String> exported = new ArrayList<>();
            batch.get("downloads").forEach(d -> {
                if ("csv".equals(d.get("format").asText())) {
                    exported.add(d.get("url").asText());
                }
            });
            // the day's results and its penalty decisions (none recorded in the demo)
            assertThat(exported).hasSize(2);
            for (String url : exported) {
                HttpResponse<byte[]> csv = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(csv.statusCode()).isEqualTo(200);
                publicText.append(new String(csv.body(), StandardCharsets.UTF_8));
            }
            assertThat(publicText.toString()).contains(firstId, secondId).doesNotContain(thirdId);
            assertThat(publicText.toString()).doesNotContain(privateValues.toArray(String[]::new))
                    .doesNotContain("样品送检中", "请补充整改期限");

            // the reminder function, twice for the same day: each due reminder goes out once
            LocalInvoker.Response day = anonymous.post("/local/schedules/ReminderFunction/run",
                    Map.of("time", "2026-12-03T01:00:00Z"));
            assertThat(day.status()).as(day.body()).isEqualTo(200);
            long sent = day.json().at("/result/delivered").asLong();
            assertThat(sent).isPositive();
            List<String> inbox = notifications(operator);
            LocalInvoker.Response repeat = anonymous.post("/local/schedules/ReminderFunction/run",
                    Map.of("time", "2026-12-03T01:00:00Z"));
            assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
            assertThat(repeat.json().at("/result/delivered").asLong()).isZero();
            assertThat(repeat.json().at("/result/reminders").asLong()).isEqualTo(day.json().at("/result/reminders").asLong());
            assertThat(notifications(operator)).isEqualTo(inbox);
            // the three tasks still without a result are overdue (the plan ended 2026-10-31): one reminder each
            for (JsonNode t : six.subList(3, 6)) {
                String id = t.get("taskId").asText();
                assertThat(inbox.stream().filter(s -> s.equals("result/" + id)).count()).as(id).isEqualTo(1);
            }

            // the year's statistics count what was done
            JsonNode stats = admin.get("/stats?year=2026").json();
            // 3 of the demo's 15 random tasks have a result; of them one is exempt and two are published, both
            // after their due dates (11-30 and 12-01)
            assertThat(stats.get("completionRate").asText()).isEqualTo("0.2000");
            JsonNode overall = stats.at("/indicators/overall");
            assertThat(overall.at("/completion/random/tasks").asInt()).isEqualTo(15);
            assertThat(overall.at("/completion/random/completed").asInt()).isEqualTo(3);
            JsonNode publication = overall.get("publication");
            assertThat(List.of(publication.get("completed").asInt(), publication.get("exempt").asInt(),
                    publication.get("published").asInt(), publication.get("onTime").asInt(),
                    publication.get("late").asInt())).containsExactly(3, 1, 2, 0, 2);
            assertThat(publication.get("rate").asText()).isEqualTo("1.0000");
            assertThat(publication.get("onTimeRate").asText()).isEqualTo("0.0000");
            Map<String, Integer> categories = new LinkedHashMap<>();
            overall.get("categories").forEach(c -> categories.put(c.get("code").asText(), c.get("results").asInt()));
            assertThat(categories).containsExactly(Map.entry("NO_PROBLEM", 2), Map.entry("CORRECTED", 2),
                    Map.entry("PENDING_FOLLOW_UP", 2));
            // the joint plan's six tasks of fifteen
            assertThat(overall.at("/joint/share").asText()).isEqualTo("0.4000");
            stack.terminate();
            assertThat(stack.awaitExit(Duration.ofSeconds(30))).isNotNull();
        }
    }

    private static LocalInvoker as(LocalInvoker anonymous, URI api, String sub, String org, String role) {
        String token = anonymous.post("/local/token", Map.of("sub", sub, "name", sub, "org", org, "roles",
                List.of(role))).json().get("token").asText();
        return new LocalInvoker(api, token);
    }

    private static Map<String, Object> result(JsonNode task, String date, String result, boolean publish,
                                              long version) {
        List<Map<String, String>> items = new ArrayList<>();
        task.get("items").forEach(i -> items.add(Map.of("itemId", i.asText(), "result", result)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inspectionDate", date);
        body.put("method", "实地核查");
        body.put("items", items);
        body.put("findings", "现场核查经营台账");
        body.put("publish", publish);
        body.put("version", version);
        return body;
    }

    private static JsonNode review(LocalInvoker who, String taskId, String decision, String comment, long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        body.put("version", version);
        LocalInvoker.Response r = who.post("/tasks/" + taskId + "/review", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(JsonNode entity, Map<String, Object> changes) throws Exception {
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(entity, Map.class);
        for (String generated : List.of("createdAt", "updatedAt", "importId")) {
            body.remove(generated);
        }
        body.putAll(changes);
        return body;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("taskId").asText()));
        return ids;
    }

    /** The subjects of the caller's notifications, {@code rule/subjectId}, in the order listed. */
    private static List<String> notifications(LocalInvoker who) {
        List<String> subjects = new ArrayList<>();
        String next = null;
        do {
            LocalInvoker.Response r = who.get("/notifications?limit=100"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("items").forEach(n -> subjects.add(n.get("rule").asText() + "/"
                    + n.get("subjectId").asText()));
            next = r.json().path("next").isTextual() ? r.json().get("next").asText() : null;
        } while (next != null);
        return subjects;
    }
}
