package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.handlers.Services;
import spotcheck.api.Route;
import spotcheck.handlers.Routes;
import spotcheck.store.Tables;

/**
 * Every role against every endpoint of the slice, through the running stack: who is
 * allowed (2xx) and who gets 403 — or 401 without a token. Each call is a real, valid
 * request, so "allowed" means the work was done, not merely that the door was open.
 */
class AuthorizationMatrixTest extends WorldTest {
    /** The callers, in the column order of the expectations below. */
    private static Map<String, String> callers() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("anonymous", null);
        c.put("admin", w.adminToken);
        c.put("operator of the owning department", w.operatorA);
        c.put("operator of another department", w.operatorB);
        c.put("inspector", w.inspector);
        c.put("county", w.countyStaff);
        c.put("auditor", w.auditor);
        return c;
    }

    private record Case(String name, Function<String, Api.Reply> call, int... expected) { }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int ok = 200;
        int created = 201;
        int no = 403;
        int anon = 401;
        cases.add(new Case("GET /health", t -> api.get("/health", t), ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /orgs", t -> api.get("/orgs", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /orgs", t -> api.post("/orgs", t, Api.json(Map.of("orgId",
                "org-" + unique(), "name", "紫金县林业局", "kind", "county", "parentId", w.bureau))),
                anon, created, no, no, no, no, no));
        cases.add(new Case("GET /orgs/{orgId}", t -> api.get("/orgs/" + w.deptA, t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /orgs/{orgId}", t -> {
            JsonNode org = api.get("/orgs/" + w.county, w.adminToken).json();
            return api.put("/orgs/" + w.county, t, org.toString());
        }, anon, ok, no, no, no, no, no));
        cases.add(new Case("GET /items", t -> api.get("/items", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /items", t -> api.post("/items", t, Api.json(World.item(w.deptA, "事项 " + unique()))),
                anon, created, created, no, no, no, no));
        cases.add(new Case("GET /items/{itemId}", t -> api.get("/items/" + freshItem(), t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /items/{itemId}", t -> {
            String id = freshItem();
            ObjectNode item = (ObjectNode) api.get("/items/" + id, w.adminToken).json();
            item.put("content", "修改后的抽查内容");
            return api.put("/items/" + id, t, item.toString());
        }, anon, ok, ok, no, no, no, no));
        cases.add(new Case("POST /items/{itemId}/retire", t -> api.post("/items/" + freshItem() + "/retire", t,
                "{\"version\":1,\"reason\":\"法律依据废止\"}"), anon, ok, ok, no, no, no, no));
        cases.add(new Case("GET /items/{itemId}/history", t -> api.get("/items/" + freshItem() + "/history", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /targets", t -> api.get("/targets", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /targets", t -> api.post("/targets", t, Api.json(World.target(w.county,
                "木材加工厂 " + unique(), w.newCreditCode()))), anon, created, created, created, no, created, no));
        cases.add(new Case("GET /targets/{targetId}", t -> api.get("/targets/" + w.newTarget(w.county), t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /targets/{targetId}", t -> {
            String id = w.newTarget(w.county);
            ObjectNode target = (ObjectNode) api.get("/targets/" + id, w.adminToken).json();
            target.put("riskClass", "C");
            return api.put("/targets/" + id, t, target.toString());
        }, anon, ok, ok, ok, no, ok, no));
        cases.add(new Case("POST /targets/{targetId}/deactivate", t -> api.post("/targets/" + w.newTarget(w.county)
                + "/deactivate", t, "{\"version\":1,\"reason\":\"已注销\"}"), anon, ok, ok, ok, no, ok, no));
        cases.add(new Case("GET /inspectors", t -> api.get("/inspectors", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /inspectors", t -> api.post("/inspectors", t, Api.json(World.inspector(w.deptA,
                w.newCertificateNo()))), anon, created, created, no, no, no, no));
        cases.add(new Case("GET /inspectors/{inspectorId}", t -> api.get("/inspectors/" + w.newInspector(w.deptA), t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /inspectors/{inspectorId}", t -> {
            String id = w.newInspector(w.deptA);
            ObjectNode inspector = (ObjectNode) api.get("/inspectors/" + id, w.adminToken).json();
            inspector.put("certificateValidUntil", "2029-12-31");
            return api.put("/inspectors/" + id, t, inspector.toString());
        }, anon, ok, ok, no, no, no, no));
        cases.add(new Case("POST /inspectors/{inspectorId}/deactivate", t -> api.post("/inspectors/"
                + w.newInspector(w.deptA) + "/deactivate", t, "{\"version\":1,\"reason\":\"调离\"}"),
                anon, ok, ok, no, no, no, no));
        cases.add(new Case("GET /targets/export", t -> api.get("/targets/export?format=csv&county=" + w.county, t),
                anon, ok, ok, ok, no, ok, ok));
        cases.add(new Case("GET /inspectors/export", t -> api.get("/inspectors/export?format=csv&org=" + w.deptA, t),
                anon, ok, ok, ok, no, ok, ok));
        cases.add(new Case("POST /imports", t -> api.post("/imports", t, Api.json(Map.of("kind", "targets",
                "fileName", "名录.csv"))), anon, created, created, created, no, created, no));
        cases.add(new Case("GET /imports", t -> api.get("/imports?key=imports/targets/none-" + w.suffix + ".csv", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /imports/{importId}", t -> api.get("/imports/" + api.post("/imports", w.operatorA,
                Api.json(Map.of("kind", "targets", "fileName", "名录.csv"))).json().get("importId").asText(), t),
                anon, ok, ok, 404, ok, 404, ok));
        cases.add(new Case("GET /imports/templates/{kind}", t -> api.get("/imports/templates/targets?format=csv", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /plans", t -> api.get("/plans?year=" + PLAN_YEAR, t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /plans", t -> api.post("/plans", t, Api.json(World.targetedPlan(PLAN_YEAR, "抽查计划 "
                + unique(), w.deptA, List.of(planItem()), w.county))), anon, created, created, no, no, no, no));
        cases.add(new Case("GET /plans/export", t -> api.get("/plans/export?format=csv&year=" + PLAN_YEAR, t),
                anon, ok, ok, ok, ok, ok, ok));
        // a draft of the owning department over the county: another department's operator and the inspectors
        // (drafts are not theirs to see) find no such plan
        cases.add(new Case("GET /plans/{planId}", t -> api.get("/plans/" + freshPlan(), t),
                anon, ok, ok, 404, 404, ok, ok));
        cases.add(new Case("PUT /plans/{planId}", t -> {
            String id = freshPlan();
            ObjectNode plan = (ObjectNode) api.get("/plans/" + id, w.adminToken).json();
            plan.put("name", "修改后的抽查计划 " + unique());
            return api.put("/plans/" + id, t, plan.toString());
        }, anon, ok, ok, 404, no, no, no));
        cases.add(new Case("POST /plans/{planId}/approve", t -> api.post("/plans/" + freshPlan() + "/approve", t,
                "{\"version\":1}"), anon, ok, ok, 404, no, no, no));
        cases.add(new Case("GET /plans/{planId}/estimate", t -> api.get("/plans/" + freshPlan() + "/estimate", t),
                anon, ok, ok, 404, 404, ok, ok));
        cases.add(new Case("GET /public/plans", t -> api.get("/public/plans?year=" + PLAN_YEAR, t),
                ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /plans/{planId}/draw", t -> api.post("/plans/" + approvedPlan() + "/draw", t, ""),
                anon, created, created, 404, no, no, no));
        cases.add(new Case("GET /draws/{drawId}", t -> api.get("/draws/" + drawn()[0], t),
                anon, ok, ok, 404, ok, ok, ok));
        // each call voids a draw of its own (a plan approved and drawn for it)
        cases.add(new Case("POST /draws/{drawId}/void", t -> {
            String[] draw = freshDraw();
            return api.post("/draws/" + draw[0] + "/void", t, "{\"reason\":\"名录有误，重新抽取\",\"version\":"
                    + draw[1] + "}");
        }, anon, ok, ok, 404, no, no, no));
        cases.add(new Case("GET /public/draws/{drawId}", t -> api.get("/public/draws/" + drawn()[0], t),
                ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /public/draws/{drawId}/candidates", t -> api.get("/public/draws/" + drawn()[0]
                + "/candidates", t), ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /public/draws/{drawId}/verify", t -> api.get("/public/draws/" + drawn()[0]
                + "/verify", t), ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /tasks", t -> api.get("/tasks?planId=" + drawn()[1], t),
                anon, ok, ok, 404, ok, ok, ok));
        // the same route with its other parameters: one's own tasks (every role; empty for a login linked to no
        // inspector), an inspector's (administrators, auditors, operators of their department), a kind's
        cases.add(new Case("GET /tasks?assignee=me", t -> api.get("/tasks?assignee=me", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /tasks?assignee=INS-…", t -> api.get("/tasks?assignee=" + linkedInspector(), t),
                anon, ok, ok, no, no, no, ok));
        cases.add(new Case("GET /tasks?kind=problem", t -> api.get("/tasks?kind=problem&year=" + PLAN_YEAR, t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /tasks/{taskId}", t -> api.get("/tasks/" + drawn()[2], t),
                anon, ok, ok, 404, ok, ok, ok));
        // a problem-driven task of the owning department for a target of the county
        cases.add(new Case("POST /tasks", t -> api.post("/tasks", t, Api.json(Map.of("targetId", problemTarget(),
                "source", "complaint", "items", List.of(planItem()), "departments", List.of(w.deptA)))),
                anon, created, created, no, no, created, no));
        // coverage: the whole city, or a county account's own county; inspectors see none
        cases.add(new Case("GET /stats", t -> api.get("/stats?year=" + PLAN_YEAR, t),
                anon, ok, ok, ok, no, ok, ok));
        // the year-end workbook: the same access as GET /stats
        cases.add(new Case("GET /stats/export", t -> api.get("/stats/export?year=" + PLAN_YEAR, t),
                anon, ok, ok, ok, no, ok, ok));
        // the drawn task given two eligible inspectors of the owning department by hand, on its version as read (with
        // a reason: it may be replacing inspectors the draw chose)
        cases.add(new Case("PUT /tasks/{taskId}/inspectors", t -> {
            long version = api.get("/tasks/" + drawn()[2], w.adminToken).json().get("version").asLong();
            return api.put("/tasks/" + drawn()[2] + "/inspectors", t, Api.json(Map.of("inspectors",
                    assignable(), "version", version, "reason", "原检查人员调离，改派")));
        }, anon, ok, ok, 404, no, no, no));
        // results: a problem-driven task of the owning department with two inspectors, its result entered
        // (or corrected) on its version as read, evidence announced, the result returned by a reviewer other than
        // its enterer; the categories read by everyone, replaced (as they are) by an admin
        cases.add(new Case("PUT /tasks/{taskId}/result", t -> api.put("/tasks/" + resultTask() + "/result", t,
                resultBody(resultTask())), anon, ok, ok, 404, no, no, no));
        cases.add(new Case("POST /tasks/{taskId}/attachments", t -> api.post("/tasks/" + resultTask()
                + "/attachments", t, Api.json(Map.of("fileName", "现场照片.png", "contentType", "image/png", "size",
                2048))), anon, created, created, 404, no, no, no));
        cases.add(new Case("POST /tasks/{taskId}/review", t -> {
            String id = resultTask();
            Api.Reply entered = api.put("/tasks/" + id + "/result", Stack.token("admin2-" + w.suffix, "另一管理员",
                    w.bureau, "admin"), resultBody(id));
            assertThat(entered.status()).as(entered.text()).isEqualTo(200);
            return api.post("/tasks/" + id + "/review", t, Api.json(Map.of("decision", "return", "comment",
                    "请补充检查记录", "version", entered.json().get("version").asLong())));
        }, anon, ok, ok, 404, no, no, no));
        cases.add(new Case("GET /result-categories", t -> api.get("/result-categories", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /result-categories", t -> {
            JsonNode current = api.get("/result-categories", w.adminToken).json();
            return api.put("/result-categories", t, current.toString());
        }, anon, ok, no, no, no, no, no));
        // reminders: every caller reads and marks their own notifications; milestones by admins
        cases.add(new Case("GET /notifications", t -> api.get("/notifications?unread=true", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("POST /notifications/{notificationId}/read", t -> {
            String id = ownUnreadNotification(t);
            return api.post("/notifications/" + id + "/read", t, null);
        }, anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /reminders/milestones", t -> api.get("/reminders/milestones", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /reminders/milestones", t -> {
            com.fasterxml.jackson.databind.JsonNode current = api.get("/reminders/milestones", w.adminToken).json();
            return api.put("/reminders/milestones", t, "{\"milestones\":" + current.get("milestones")
                    + ",\"version\":" + current.get("version").asLong() + "}");
        }, anon, ok, no, no, no, no, no));
        cases.add(new Case("GET /calendar/working-days/add", t -> api.get(
                "/calendar/working-days/add?from=2023-09-27&days=20", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /calendar/{year}", t -> api.get("/calendar/2024", t), anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("PUT /calendar/{year}", t -> {
            Api.Reply current = api.get("/calendar/2098", w.adminToken);
            long version = current.status() == 200 ? current.json().get("version").asLong() : 0;
            return api.put("/calendar/2098", t, "{\"holidays\":[\"2098-01-01\"],\"workingDays\":[],\"version\":"
                    + version + "}");
        }, anon, ok, no, no, no, no, no));
        cases.add(new Case("GET /audit", t -> api.get("/audit?entity=org/" + w.deptA, t),
                anon, ok, no, no, no, no, ok));
        // cases (follow-up): on a task of the owning department with a reviewed result, for a target of the county;
        // recorded by administrators, the task's departments and the target's county; read by whoever reads the task
        cases.add(new Case("POST /cases", t -> api.post("/cases", t, Api.json(caseBody("correction"))),
                anon, created, created, 404, no, created, no));
        cases.add(new Case("GET /cases", t -> api.get("/cases?taskId=" + caseTask(), t),
                anon, ok, ok, 404, ok, ok, ok));
        cases.add(new Case("GET /cases?year=…", t -> api.get("/cases?year=2026&kind=penalty", t),
                anon, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /cases/{caseId}", t -> api.get("/cases/" + freshCase("correction"), t),
                anon, ok, ok, 404, ok, ok, ok));
        cases.add(new Case("PUT /cases/{caseId}", t -> api.put("/cases/" + freshCase("correction"), t,
                "{\"summary\":\"已责令限期整改\",\"version\":1}"), anon, ok, ok, 404, no, ok, no));
        cases.add(new Case("POST /cases/{caseId}/close", t -> api.post("/cases/" + freshCase("correction") + "/close",
                t, "{\"version\":1}"), anon, ok, ok, 404, no, ok, no));
        cases.add(new Case("POST /cases/{caseId}/publish", t -> api.post("/cases/" + freshCase("penalty")
                + "/publish", t, "{\"version\":1}"), anon, ok, ok, 404, no, ok, no));
        // publication: a reviewed result of the owning department's plan published by hand (again: the same 200)
        cases.add(new Case("POST /tasks/{taskId}/publish", t -> api.post("/tasks/" + reviewed()[0] + "/publish", t,
                "{\"version\":1}"), anon, ok, ok, 404, no, no, no));
        cases.add(new Case("GET /public/results", t -> api.get("/public/results?creditCode=" + reviewed()[1], t),
                ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /public/results?planId=", t -> api.get("/public/results?planId=" + reviewed()[2], t),
                ok, ok, ok, ok, ok, ok, ok));
        cases.add(new Case("GET /publications", t -> api.get("/publications?year=2020", t),
                anon, ok, ok, ok, no, no, no));
        cases.add(new Case("GET /publications/{batchId}", t -> api.get("/publications/" + batch(), t),
                anon, ok, ok, ok, no, no, no));
        return cases;
    }

    /**
     * An unread notification of the caller's: one is posted to every role's audience first, so every signed-in
     * caller has one; without a token, an id nobody has.
     */
    private static String ownUnreadNotification(String token) {
        if (token == null) {
            return "NTF-NONE";
        }
        spotcheck.notifications.NotificationService notes = Stack.services().notifications;
        String subject = "TSK-MATRIX-" + unique();
        for (spotcheck.core.Role role : spotcheck.core.Role.values()) {
            notes.post(new spotcheck.core.Actor(new spotcheck.core.Principal("matrix", "", "", java.util.Set.of()), "-"),
                    new spotcheck.notifications.NotificationService.Draft(
                            spotcheck.notifications.Audience.role(role), "result", "overdue", "task", subject,
                            "2026-09-22", "检查结果未按时录入", "results not entered: task " + subject),
                    java.time.Instant.now(), "REM-matrix");
        }
        // a caller refused the list (an org-scoped role naming no organisation) is refused the mark as well
        String id = api.get("/notifications?unread=true&limit=1", token).json().at("/items/0/notificationId").asText();
        return id.isEmpty() ? "NTF-NONE" : id;
    }

    private static int counter;

    private static synchronized String unique() {
        return w.suffix + "-" + (++counter);
    }

    private static String freshItem() {
        return w.newItem(w.deptA, "抽查事项 " + unique());
    }

    /** A year no other test class plans for, so the annual floor of approvals here concerns these plans only. */
    private static final int PLAN_YEAR = 2031;
    private static String planItem;

    private static synchronized String planItem() {
        if (planItem == null) {
            planItem = w.newItem(w.deptA, "计划事项 " + unique());
        }
        return planItem;
    }

    private static String freshPlan() {
        return w.newPlan(PLAN_YEAR, w.deptA, planItem());
    }

    private static String approvedPlan() {
        String id = freshPlan();
        assertThat(api.post("/plans/" + id + "/approve", w.adminToken, "{\"version\":1}").status()).isEqualTo(200);
        return id;
    }

    private static String problemTarget;

    /** A target of the county under the plan item, for problem-driven tasks. */
    private static synchronized String problemTarget() {
        if (problemTarget == null) {
            Map<String, Object> target = World.target(w.county, "木材加工厂 投诉", w.newCreditCode());
            target.put("items", List.of(planItem()));
            Api.Reply r = api.post("/targets", w.adminToken, Api.json(target));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            problemTarget = r.json().get("targetId").asText();
        }
        return problemTarget;
    }

    private static String linkedInspector;

    /** An inspector of the owning department, linked to the matrix's inspector login. */
    private static synchronized String linkedInspector() {
        if (linkedInspector == null) {
            Map<String, Object> body = World.inspector(w.deptA, w.newCertificateNo());
            body.put("accountId", "matrix-" + w.suffix);
            Api.Reply r = api.post("/inspectors", w.adminToken, Api.json(body));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            linkedInspector = r.json().get("inspectorId").asText();
        }
        return linkedInspector;
    }

    private static String[] drawn;

    /** One plan of the owning department drawn once: its draw, the plan and one task. */
    private static synchronized String[] drawn() {
        if (drawn == null) {
            Map<String, Object> target = World.target(w.county, "木材加工厂 抽取", w.newCreditCode());
            target.put("items", List.of(planItem()));
            assertThat(api.post("/targets", w.adminToken, Api.json(target)).status()).isEqualTo(201);
            String plan = approvedPlan();
            JsonNode draw = api.post("/plans/" + plan + "/draw", w.adminToken, "").json();
            String drawId = draw.at("/draw/drawId").asText();
            String taskId = api.get("/tasks?planId=" + plan, w.adminToken).json().at("/items/0/taskId").asText();
            drawn = new String[] {drawId, plan, taskId};
        }
        return drawn;
    }

    /** A plan of the owning department approved and drawn now: its draw's id and version. */
    private static String[] freshDraw() {
        drawn();
        JsonNode draw = api.post("/plans/" + approvedPlan() + "/draw", w.adminToken, "").json();
        return new String[] {draw.at("/draw/drawId").asText(), draw.at("/draw/version").asText()};
    }

    private static List<String> assignable;

    /** Two inspectors of the owning department whom the drawn task may be given by hand. */
    private static synchronized List<String> assignable() {
        if (assignable == null) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, Object> body = World.inspector(w.deptA, w.newCertificateNo());
                body.put("certificateValidUntil", (PLAN_YEAR + 1) + "-12-31");
                body.put("qualifiedItems", List.of(planItem()));
                Api.Reply r = api.post("/inspectors", w.adminToken, Api.json(body));
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                ids.add(r.json().get("inspectorId").asText());
            }
            assignable = ids;
        }
        return assignable;
    }

    private static String caseTask;

    /**
     * A task of the owning department with a reviewed result (cases rest on reviewed results only), for a target of
     * the county (written through the store).
     */
    private static synchronized String caseTask() {
        if (caseTask == null) {
            caseTask = ResultTasks.create(w.deptA, problemTarget(), planItem(), "reviewed", "NO_PROBLEM");
        }
        return caseTask;
    }

    private static String resultTask;

    /**
     * A problem-driven task of the owning department for the county's target, given two inspectors: its result
     * may be entered today (a task without a plan is inspected from the day it was created).
     */
    private static synchronized String resultTask() {
        if (resultTask == null) {
            ResultsE2ETest.ensureCalendars(LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear());
            Api.Reply made = api.post("/tasks", w.adminToken, Api.json(Map.of("targetId", problemTarget(), "source",
                    "complaint", "sourceRef", "12345-" + unique(), "items", List.of(planItem()), "departments",
                    List.of(w.deptA))));
            assertThat(made.status()).as(made.text()).isEqualTo(201);
            String id = made.json().get("taskId").asText();
            Api.Reply assigned = api.put("/tasks/" + id + "/inspectors", w.adminToken, Api.json(Map.of("inspectors",
                    assignable(), "version", 1)));
            assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
            resultTask = id;
        }
        return resultTask;
    }

    private static Map<String, Object> caseBody(String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", caseTask());
        body.put("kind", kind);
        body.put("decisionDate", "2026-09-30");
        body.put("summary", "责令限期整改");
        if (kind.equals("penalty")) {
            body.put("documentNo", "河林罚〔2026〕" + unique() + "号");
            body.put("penaltyType", "警告");
        }
        return body;
    }

    /** A case of this kind made now by an administrator: its id. */
    private static String freshCase(String kind) {
        Api.Reply r = api.post("/cases", w.adminToken, Api.json(caseBody(kind)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("caseId").asText();
    }

    private static String[] reviewed;

    /**
     * A reviewed result to be published, of an approved plan of the owning department, stored as the results
     * capability leaves it: its task, its target and its plan.
     */
    private static synchronized String[] reviewed() {
        if (reviewed == null) {
            String plan = approvedPlan();
            String target = problemTarget();
            spotcheck.store.EntityStore store = Stack.services().entities;
            String now = store.now();
            spotcheck.tasks.TaskResult result = new spotcheck.tasks.TaskResult(PLAN_YEAR + "-09-01", "on_site",
                    List.of(new spotcheck.tasks.TaskResult.ItemResult(planItem(), "NO_PROBLEM")), "无", true, null,
                    "insp", now, "op", now, null, null, null);
            spotcheck.tasks.Task task = new spotcheck.tasks.Task("TSK-" + PLAN_YEAR + "-M" + w.suffix.toUpperCase()
                    + "-1-" + target, spotcheck.tasks.Task.RANDOM, PLAN_YEAR, plan, null, target, "B",
                    List.of(planItem()), List.of(w.deptA), List.of(), spotcheck.tasks.Task.REVIEWED, null, false,
                    null, null, null, null, PLAN_YEAR + "-09-01", PLAN_YEAR + "-12-31", PLAN_YEAR + "-10-31", result,
                    List.of(), 1, now, now);
            store.create(spotcheck.tasks.Task.KIND, task, new spotcheck.core.Actor(new spotcheck.core.Principal(
                    "matrix-seeder", "seeder", "", Set.of(spotcheck.core.Role.ADMIN)), "matrix"));
            reviewed = new String[] {task.taskId(), target, plan};
        }
        return reviewed;
    }

    private static String batch;

    /** A publication batch: the daily run of a day long past (it publishes nothing due then). */
    private static synchronized String batch() {
        if (batch == null) {
            Api.Reply r = api.post("/local/schedules/PublicationFunction/run", null,
                    "{\"time\":\"2020-01-01T16:30:00Z\"}");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            batch = "PUB-2020-01-02";
        }
        return batch;
    }

    /** A valid result for the task, on its current version. */
    private static String resultBody(String taskId) {
        long version = api.get("/tasks/" + taskId, w.adminToken).json().get("version").asLong();
        return Api.json(Map.of("inspectionDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "method",
                "on_site", "items", List.of(Map.of("itemId", planItem(), "result", "NO_PROBLEM")), "publish", true,
                "version", version));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryEndpoint() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            List<Map.Entry<String, String>> who = new ArrayList<>(callers().entrySet());
            assertThat(c.expected()).as(c.name()).hasSize(who.size());
            for (int i = 0; i < who.size(); i++) {
                String role = who.get(i).getKey();
                String token = who.get(i).getValue();
                int expected = c.expected()[i];
                tests.add(DynamicTest.dynamicTest(c.name() + " as " + role + " → " + expected, () -> {
                    Api.Reply r = c.call().apply(token);
                    assertThat(r.status()).as(r.text()).isEqualTo(expected);
                    if (expected == 403) {
                        assertThat(r.json().at("/error/code").asText()).isEqualTo("forbidden");
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** The columns of {@link #callers()} whose expectations an org-less or unknown-org caller of a role starts from. */
    private static final Map<String, Integer> BASE_COLUMN = Map.of("admin", 1, "operator", 3, "inspector", 4,
            "county", 5, "auditor", 6);

    /**
     * Where a county caller of an organisation that does not exist differs from the county column (whose
     * county owns the data): it is a county of no data, so the owning county's targets and plans are, to it,
     * ones that do not exist (404, whatever it tries), and it creates none there (403), as a caller of another
     * county would; the same for the problem-driven task it would make for the owning county's target (404).
     */
    private static final Map<String, Integer> UNKNOWN_COUNTY = Map.ofEntries(
            Map.entry("POST /targets", 403),
            Map.entry("GET /targets/{targetId}", 404),
            Map.entry("PUT /targets/{targetId}", 404),
            Map.entry("POST /targets/{targetId}/deactivate", 404),
            Map.entry("GET /targets/export", 403),
            Map.entry("GET /plans/{planId}", 404),
            Map.entry("GET /plans/{planId}/estimate", 404),
            Map.entry("GET /draws/{drawId}", 404),
            Map.entry("GET /tasks", 404),
            Map.entry("GET /tasks/{taskId}", 404),
            Map.entry("POST /tasks", 404),
            Map.entry("POST /cases", 404),
            Map.entry("GET /cases", 404),
            Map.entry("GET /cases/{caseId}", 404),
            Map.entry("PUT /cases/{caseId}", 404),
            Map.entry("POST /cases/{caseId}/close", 404),
            Map.entry("POST /cases/{caseId}/publish", 404),
            Map.entry("PUT /tasks/{taskId}/result", 404),
            Map.entry("POST /tasks/{taskId}/attachments", 404));

    /** Where an inspector reads through their department: one of no (or another) department finds nothing. */
    private static final Set<String> INSPECTOR_BY_DEPARTMENT = Set.of("GET /draws/{drawId}", "GET /tasks",
            "GET /tasks/{taskId}", "GET /cases", "GET /cases/{caseId}", "PUT /tasks/{taskId}/result",
            "POST /tasks/{taskId}/attachments");

    /**
     * Every role with an {@code org} claim that is missing, blank or names no organisation, against every
     * endpoint. Operators and county staff act only for their own organisation, so without one they are
     * refused everything but public routes; an unknown one widens nothing. Admins, inspectors and auditors
     * do not depend on their organisation, except that an import is visible to the members of the
     * organisation that started it.
     */
    @TestFactory
    Stream<DynamicTest> everyRoleWithAMissingBlankOrUnknownOrganisation() {
        Map<String, String> orgs = new LinkedHashMap<>();
        orgs.put("a missing org", null);
        orgs.put("a blank org", "  ");
        orgs.put("an unknown org", "nowhere-" + w.suffix);
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (var role : BASE_COLUMN.entrySet()) {
                for (var org : orgs.entrySet()) {
                    String token = Stack.token(role.getKey() + "-" + org.getKey().hashCode() + "-" + w.suffix,
                            "无单位", org.getValue(), role.getKey());
                    int expected = expectation(c, role.getKey(), org.getValue());
                    tests.add(DynamicTest.dynamicTest(c.name() + " as " + role.getKey() + " with " + org.getKey()
                            + " → " + expected, () -> {
                        Api.Reply r = c.call().apply(token);
                        assertThat(r.status()).as(r.text()).isEqualTo(expected);
                        if (expected == 403) {
                            assertThat(r.json().at("/error/code").asText()).isEqualTo("forbidden");
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static int expectation(Case c, String role, String org) {
        int base = c.expected()[BASE_COLUMN.get(role)];
        boolean orgScoped = role.equals("operator") || role.equals("county");
        boolean noOrg = org == null || org.isBlank();
        if (c.name().equals("GET /health") || c.name().startsWith("GET /public/")) {
            return base;
        }
        if (orgScoped && noOrg) {
            return 403;
        }
        if (role.equals("inspector") && c.name().equals("GET /imports/{importId}")) {
            return 404;   // the import was started by the owning department, which this inspector is not of
        }
        if (role.equals("inspector") && INSPECTOR_BY_DEPARTMENT.contains(c.name())) {
            return 404;
        }
        if (role.equals("county") && !noOrg) {
            return UNKNOWN_COUNTY.getOrDefault(c.name(), base);
        }
        return base;
    }

    @Test
    void everyRouteOfTheApiIsInTheMatrix() {
        // The route table is built without touching DynamoDB, so any client will do.
        DynamoDbClient unused = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
        Services offline = new Services(unused, new Tables("data", "audit"), Clock.systemUTC(), null, "uploads");
        // a case named with query parameters ("GET /tasks?assignee=me") is another row of the same route
        assertThat(cases().stream().map(c -> c.name().replaceAll("\\?.*", "")).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(Routes.table(offline).stream().map(Route::key).toList());
    }
}
