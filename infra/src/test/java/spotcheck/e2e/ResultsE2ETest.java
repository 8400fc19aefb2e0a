package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import spotcheck.core.Json;

/**
 * Results through the running stack, on today's date: a drawn plan's inspectors find their tasks in their worklist
 * (through their linked logins), announce evidence and upload it with the presigned URL, and enter the result; the
 * lead department returns it, an inspector enters it again, and it is approved; a result kept from the public is
 * approved as exempt. Refusals on the way: the wrong person (403), a department that cannot see the task (404), a
 * stale version (409), bad bodies (422 with each detail), the enterer reviewing their own result (403).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultsE2ETest extends WorldTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static LocalDate today;
    static int year;
    static String item;
    static String plan;
    static String loginA;
    static String loginB;
    static String tokenA;
    static String tokenB;
    static List<String> taskIds;

    @BeforeAll
    static void drawnPlan() {
        today = LocalDate.now(ZONE);
        year = today.getYear();
        ensureCalendars(year);
        item = w.newItem(w.deptA, "林木种子生产经营许可监督检查");
        PlansE2ETest.targets(2, w.county, "B", List.of(item));
        loginA = "sso|" + w.suffix + "-wang";
        loginB = "sso|" + w.suffix + "-zhao";
        VoidAndAssignE2ETest.inspector(w.deptA, item, List.of(), loginA);
        VoidAndAssignE2ETest.inspector(w.deptA, item, List.of(), loginB);
        tokenA = Stack.token(loginA, "王五", w.deptA, "inspector");
        tokenB = Stack.token(loginB, "赵六", w.deptA, "inspector");
        Map<String, Object> body = World.targetedPlan(year, year + "年林木种子抽查", w.deptA, List.of(item), w.county);
        body.put("quota", Map.of("ALL", "1"));
        body.put("startDate", year + "-01-01");
        body.put("endDate", year + "-12-31");
        plan = PlansE2ETest.create(w.operatorA, body);
        PlansE2ETest.ok(api.post("/plans/" + plan + "/approve", w.operatorA, "{\"version\":1}"), 200);
        PlansE2ETest.ok(api.post("/plans/" + plan + "/draw", w.operatorA, ""), 201);
        taskIds = new ArrayList<>();
        w.all("/tasks?planId=" + plan, w.operatorA, "taskId").forEach(t -> taskIds.add(t.get("taskId").asText()));
        assertThat(taskIds).hasSize(2);
    }

    /** The working-day calendars a result entered today needs (this year and the next), added where missing. */
    static void ensureCalendars(int from) {
        for (int y = from; y <= from + 1; y++) {
            if (api.get("/calendar/" + y, w.adminToken).status() == 404) {
                Api.Reply put = api.put("/calendar/" + y, w.adminToken, "{\"holidays\":[],\"workingDays\":[],"
                        + "\"version\":0}");
                assertThat(put.status()).as(put.text()).isIn(200, 409);
            }
        }
    }

    static JsonNode task(String id, String token) {
        return PlansE2ETest.ok(api.get("/tasks/" + id, token), 200);
    }

    static Map<String, Object> result(long version, String result, List<String> attachments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inspectionDate", today.toString());
        body.put("method", "实地核查");
        body.put("items", List.of(Map.of("itemId", item, "result", result)));
        body.put("findings", "现场核查种子生产经营许可证及档案");
        body.put("publish", true);
        body.put("attachments", attachments);
        body.put("version", version);
        return body;
    }

    static List<String> todo(String token) {
        List<String> ids = new ArrayList<>();
        w.all("/tasks?assignee=me&status=todo&year=" + year, token, "taskId").forEach(t -> ids.add(
                t.get("taskId").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void enteredReturnedEnteredAgainAndApprovedWithUploadedEvidence() throws Exception {
        String id = taskIds.get(0);
        String path = "/tasks/" + id + "/result";
        assertThat(todo(tokenA)).containsExactlyInAnyOrderElementsOf(taskIds);
        JsonNode before = task(id, tokenA);
        assertThat(before.get("status").asText()).isEqualTo("assigned");

        // evidence: announced, uploaded with the presigned URL, listed on the task
        byte[] photo = "\u00ff\u00d8\u00ff fake jpeg bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode started = PlansE2ETest.ok(api.post("/tasks/" + id + "/attachments", tokenA, Api.json(Map.of(
                "fileName", "现场照片.jpg", "contentType", "image/jpeg", "size", photo.length))), 201);
        String attachmentId = started.get("attachmentId").asText();
        assertThat(started.get("key").asText()).isEqualTo("attachments/" + id + "/" + attachmentId + "/file.jpg");
        assertThat(started.get("version").asLong()).isEqualTo(before.get("version").asLong() + 1);
        JsonNode wrongType = VoidAndAssignE2ETest.error(api.post("/tasks/" + id + "/attachments", tokenA,
                Api.json(Map.of("fileName", "视频.mp4", "contentType", "video/mp4", "size", 10))), 422);
        assertThat(wrongType.get("details")).isEqualTo(VoidAndAssignE2ETest.tree(List.of(Map.of("field",
                "contentType", "message", "'video/mp4' is not accepted; evidence is a JPEG or PNG photo, or a PDF,"
                        + " DOCX or XLSX document"))));
        long version = started.get("version").asLong();
        Map<String, Object> citing = result(version, "未发现问题", List.of(attachmentId));
        JsonNode notUploaded = VoidAndAssignE2ETest.error(api.put(path, tokenA, Api.json(citing)), 422);
        assertThat(notUploaded.get("details")).isEqualTo(VoidAndAssignE2ETest.tree(List.of(Map.of("field",
                "attachments[0]", "message", "'" + attachmentId + "' (现场照片.jpg) has not been uploaded: PUT it to"
                        + " its uploadUrl first"))));
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(started.get("uploadUrl").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode listed = task(id, w.operatorA).get("attachments");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("fileName").asText()).isEqualTo("现场照片.jpg");
        assertThat(listed.get(0).get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(listed.get(0).get("size").asLong()).isEqualTo(photo.length);
        assertThat(listed.get(0).has("uploadedAt")).isFalse();

        // refusals change nothing
        JsonNode bad = VoidAndAssignE2ETest.error(api.put(path, tokenA, Api.json(Map.of("inspectionDate",
                today.plusDays(1).toString(), "method", "电话询问", "items", List.of(Map.of("itemId", item,
                        "result", "合格")), "publish", false, "version", version))), 422);
        assertThat(bad.get("message").asText()).isEqualTo("The result is not valid: 4 problems");
        assertThat(bad.get("details")).isEqualTo(VoidAndAssignE2ETest.tree(List.of(
                Map.of("field", "inspectionDate", "message", "inspectionDate " + today.plusDays(1)
                        + " is after today (" + today + ")"),
                Map.of("field", "method", "message", "'电话询问' is not a method of inspection; use one of on_site,"
                        + " written, online_monitoring, testing, expert_assisted (or 实地核查, 书面检查, 网络监测, 检验检测,"
                        + " 委托专业机构辅助)"),
                Map.of("field", "items[0].result", "message", "'合格' is not a result category; use a code or label"
                        + " of GET /result-categories"),
                Map.of("field", "exemptReason.code", "message", "exemptReason.code is required when publish is"
                        + " false; one of awaiting_testing, awaiting_expert_opinion, not_public_by_law"))));
        assertThat(VoidAndAssignE2ETest.error(api.put(path, tokenA, "{\"version\":"), 400).get("code").asText())
                .isEqualTo("malformed_request");
        assertThat(VoidAndAssignE2ETest.error(api.put(path, w.inspector, Api.json(citing)), 403).get("message")
                .asText()).isEqualTo("The result of the task '" + id + "' is entered by its inspectors, an operator"
                + " of its departments (" + w.deptA + ") or an administrator");
        assertThat(VoidAndAssignE2ETest.error(api.put(path, w.operatorB, Api.json(citing)), 404).get("code")
                .asText()).isEqualTo("not_found");
        assertThat(VoidAndAssignE2ETest.error(api.put(path, tokenA, Api.json(result(version - 1, "未发现问题",
                List.of()))), 409).get("message").asText()).isEqualTo("The task '" + id + "' was changed by someone"
                + " else; read it again and retry (current version " + version + ")");
        assertThat(task(id, tokenA).get("version").asLong()).isEqualTo(version);

        JsonNode entered = PlansE2ETest.ok(api.put(path, tokenA, Api.json(citing)), 200);
        String due = PlansE2ETest.ok(api.get("/calendar/working-days/add?from=" + today + "&days=20", tokenA), 200)
                .get("date").asText();
        assertThat(entered.get("status").asText()).isEqualTo("entered");
        assertThat(entered.get("completedDate").asText()).isEqualTo(today.toString());
        assertThat(entered.get("publicationDue").asText()).isEqualTo(due);
        assertThat(entered.at("/result/items")).isEqualTo(VoidAndAssignE2ETest.tree(List.of(Map.of("itemId", item,
                "result", "NO_PROBLEM"))));
        assertThat(entered.at("/result/method").asText()).isEqualTo("on_site");
        assertThat(entered.at("/result/enteredBy").asText()).isEqualTo(loginA);
        assertThat(entered.at("/attachments/0/uploadedAt").asText()).isEqualTo(entered.get("updatedAt").asText());
        assertThat(PlansE2ETest.ok(api.get("/plans/" + plan, w.operatorA), 200).get("status").asText())
                .isEqualTo("in_progress");
        assertThat(todo(tokenA)).containsExactly(taskIds.get(1));

        // returned by the lead department with a comment, entered again by the other inspector, approved
        String review = "/tasks/" + id + "/review";
        long v = entered.get("version").asLong();
        assertThat(VoidAndAssignE2ETest.error(api.post(review, tokenA, Api.json(Map.of("decision", "approve",
                "version", v))), 403).get("code").asText()).isEqualTo("forbidden");
        assertThat(VoidAndAssignE2ETest.error(api.post(review, w.operatorA, Api.json(Map.of("decision", "return",
                "version", v))), 422).get("details")).isEqualTo(VoidAndAssignE2ETest.tree(List.of(Map.of("field",
                "comment", "message", "comment is required to return a result: say what to change (4 to 500"
                        + " characters)"))));
        JsonNode returned = PlansE2ETest.ok(api.post(review, w.operatorA, Api.json(Map.of("decision", "return",
                "comment", "请补充许可证档案照片", "version", v))), 200);
        assertThat(returned.get("status").asText()).isEqualTo("returned");
        assertThat(returned.at("/result/reviewComment").asText()).isEqualTo("请补充许可证档案照片");
        assertThat(todo(tokenB)).containsExactlyInAnyOrderElementsOf(taskIds);
        JsonNode again = PlansE2ETest.ok(api.put(path, tokenB, Api.json(result(returned.get("version").asLong(),
                "NO_PROBLEM", List.of(attachmentId)))), 200);
        assertThat(again.get("status").asText()).isEqualTo("entered");
        long approvedAt = again.get("version").asLong();
        Map<String, Object> approve = Map.of("decision", "approve", "version", approvedAt);
        JsonNode approved = PlansE2ETest.ok(api.post(review, w.operatorA, Api.json(approve)), 200);
        assertThat(approved.get("status").asText()).isEqualTo("reviewed");
        assertThat(approved.at("/result/reviewedBy").asText()).isEqualTo("op-a-" + w.suffix);
        assertThat(VoidAndAssignE2ETest.error(api.post(review, w.operatorA, Api.json(approve)), 409).get("message")
                .asText()).isEqualTo("The task '" + id + "' is reviewed: only an entered result is reviewed");
        assertThat(task(id, w.operatorA)).isEqualTo(approved);
        assertThat(VoidAndAssignE2ETest.actions("task/" + id)).containsExactly("attach " + loginA,
                "result " + loginA, "return op-a-" + w.suffix, "result " + loginB, "review op-a-" + w.suffix);
        assertThat(VoidAndAssignE2ETest.actions("plan/" + plan)).endsWith("start " + loginA);
        // a result exists: its inspectors stay
        assertThat(VoidAndAssignE2ETest.error(api.put("/tasks/" + id + "/inspectors", w.operatorA, Api.json(Map.of(
                "inspectors", List.of("INS-X", "INS-Y"), "version", approved.get("version").asLong(), "reason",
                "人员调整"))), 409).get("message").asText()).startsWith("The task '" + id + "' is reviewed");
    }

    @Test
    @Order(2)
    void aResultKeptFromThePublicIsApprovedAsExemptNeverByItsEnterer() {
        String id = taskIds.get(1);
        JsonNode before = task(id, tokenB);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inspectionDate", today.toString());
        body.put("method", "testing");
        body.put("items", List.of(Map.of("itemId", item, "result", "发现问题待后续处理")));
        body.put("findings", "种子样品送检，待检验结果");
        body.put("publish", false);
        body.put("exemptReason", Map.of("code", "awaiting_testing", "note", "送省林业科学研究院检验"));
        body.put("version", before.get("version").asLong());
        JsonNode entered = PlansE2ETest.ok(api.put("/tasks/" + id + "/result", w.operatorA, Api.json(body)), 200);
        assertThat(entered.at("/result/exemptReason").asText()).isEqualTo("awaiting_testing");
        assertThat(entered.at("/result/exemptNote").asText()).isEqualTo("送省林业科学研究院检验");
        Map<String, Object> approve = Map.of("decision", "approve", "version", entered.get("version").asLong());
        assertThat(VoidAndAssignE2ETest.error(api.post("/tasks/" + id + "/review", w.operatorA, Api.json(approve)),
                403).get("message").asText()).isEqualTo("You entered the result of the task '" + id + "': another"
                + " person reviews it");
        JsonNode exempt = PlansE2ETest.ok(api.post("/tasks/" + id + "/review", w.adminToken, Api.json(approve)), 200);
        assertThat(exempt.get("status").asText()).isEqualTo("exempt");
        assertThat(w.all("/tasks?planId=" + plan + "&status=exempt", w.auditor, "taskId")).extracting(
                t -> t.get("taskId").asText()).containsExactly(id);
        assertThat(VoidAndAssignE2ETest.actions("task/" + id)).containsExactly("result op-a-" + w.suffix,
                "review admin-" + w.suffix);
    }

    @Test
    @Order(3)
    void theResultCategoriesAreTheNationalTenByDefault() {
        JsonNode categories = PlansE2ETest.ok(api.get("/result-categories", tokenA), 200);
        assertThat(categories.get("categories")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(categories.at("/categories/0")).isEqualTo(Json.MAPPER.valueToTree(Map.of("code", "NO_PROBLEM",
                "label", "未发现问题", "finding", false, "active", true, "sanction", false)));
        // the findings that call for listing or a penalty, which a follow-up case's closing reads
        List<String> sanctions = new ArrayList<>();
        categories.get("categories").forEach(c -> {
            if (c.get("sanction").asBoolean()) {
                sanctions.add(c.get("code").asText());
            }
        });
        assertThat(sanctions).containsExactly("INFO_NOT_PUBLISHED", "INFO_FALSIFIED", "UNREACHABLE",
                "REFUSED_INSPECTION");
        assertThat(VoidAndAssignE2ETest.error(api.put("/result-categories", w.operatorA, categories.toString()),
                403).get("code").asText()).isEqualTo("forbidden");
        JsonNode removing = VoidAndAssignE2ETest.error(api.put("/result-categories", w.adminToken, Api.json(Map.of(
                "categories", List.of(Map.of("code", "NO_PROBLEM", "label", "未发现问题", "finding", false)),
                "version", categories.get("version").asLong()))), 422);
        assertThat(removing.at("/details/0")).isEqualTo(Json.MAPPER.valueToTree(Map.of("field", "categories",
                "message", "'CORRECTED' (发现问题已责令改正) may be retired (active: false) but not removed: results name"
                        + " it")));
    }
}
