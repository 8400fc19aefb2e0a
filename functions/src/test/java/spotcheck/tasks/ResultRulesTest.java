package spotcheck.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.tasks.ResultCategories.Category;
import spotcheck.tasks.ResultCategories.CategoryInput;
import spotcheck.tasks.ResultRules.AttachmentInput;
import spotcheck.tasks.ResultRules.Context;
import spotcheck.tasks.ResultRules.ExemptInput;
import spotcheck.tasks.ResultRules.ItemInput;
import spotcheck.tasks.ResultRules.ResultInput;
import spotcheck.tasks.ResultRules.ReviewInput;
import spotcheck.validation.Checks;

/** The pure rules of results, reviews, attachments and categories, with their exact messages. */
class ResultRulesTest {
    static final LocalDate TODAY = LocalDate.parse("2026-09-10");
    static final LocalDate START = LocalDate.parse("2026-08-01");

    static Task task(String status, List<String> inspectors, List<TaskResult.Attachment> attachments) {
        return new Task("TSK-2026-A-1-T1", Task.RANDOM, 2026, "PLAN-1", "DRW-2026-A-1", "T1", "B",
                List.of("ITEM-F1", "ITEM-F2"), List.of("hy-forest"), inspectors, status, null, false, null, null, null,
                null, null, null, "2026-10-31", null, attachments, 3, "2026-07-30T00:00:00Z", "2026-07-30T00:00:00Z");
    }

    /** The task with an exempt result kept from the public for {@code reason}. */
    static Task exemptFor(Task t, String reason) {
        TaskResult r = new TaskResult("2026-09-10", "testing", List.of(new TaskResult.ItemResult("ITEM-F1",
                "PENDING_FOLLOW_UP")), "送检", false, reason, "insp-1", "2026-09-11T00:00:00Z", "op-1",
                "2026-09-12T00:00:00Z", null, null, null, null, List.of());
        return t.withResult(Task.EXEMPT, r, "2026-09-10", null, List.of(), t.version(), t.updatedAt());
    }

    static Task assigned() {
        return task(Task.ASSIGNED, List.of("INS-1", "INS-2"), List.of());
    }

    static Context context(Task t) {
        return new Context(t, START, TODAY, ResultCategories.defaults());
    }

    static ResultInput valid() {
        return new ResultInput("2026-09-01", "实地核查", List.of(new ItemInput("ITEM-F1", "未发现问题"),
                new ItemInput("ITEM-F2", "NO_RELEVANT_ACTIVITY")), null, true, null, null, 3L);
    }

    static List<String> problems(Checks checks) {
        return checks.problems().stream().map(d -> d.field() + ": " + d.message()).toList();
    }

    @Test
    void aValidResultIsStoredWithCodesInTheTasksItemOrder() {
        Checks checks = new Checks();
        ResultInput in = new ResultInput("2026-09-10", "on_site", List.of(new ItemInput("ITEM-F2", " CORRECTED "),
                new ItemInput("ITEM-F1", "未发现问题")), "  林木采伐超出许可范围，已责令改正  ", false,
                new ExemptInput(" awaiting_testing ", " 送检中 "), null, 3L);
        TaskResult r = ResultRules.check(checks, in, context(assigned()));
        assertThat(problems(checks)).isEmpty();
        assertThat(r.inspectionDate()).isEqualTo("2026-09-10");
        assertThat(r.method()).isEqualTo("on_site");
        assertThat(r.items()).containsExactly(new TaskResult.ItemResult("ITEM-F1", "NO_PROBLEM"),
                new TaskResult.ItemResult("ITEM-F2", "CORRECTED"));
        assertThat(r.findings()).isEqualTo("林木采伐超出许可范围，已责令改正");
        assertThat(r.publish()).isFalse();
        assertThat(r.exemptReason()).isEqualTo("awaiting_testing");
        assertThat(r.exemptNote()).isEqualTo("送检中");
        assertThat(r.enteredBy()).isNull();
        assertThat(r.attachments()).isEmpty();
    }

    @Test
    void everyMethodIsAcceptedByCodeAndByLabel() {
        List<String> labels = List.of("实地核查", "书面检查", "网络监测", "检验检测", "委托专业机构辅助");
        List<String> codes = List.of("on_site", "written", "online_monitoring", "testing", "expert_assisted");
        assertThat(new ArrayList<>(ResultRules.METHODS.keySet())).isEqualTo(codes);
        for (int i = 0; i < codes.size(); i++) {
            assertThat(ResultRules.method(new Checks(), labels.get(i))).isEqualTo(codes.get(i));
            assertThat(ResultRules.method(new Checks(), codes.get(i))).isEqualTo(codes.get(i));
        }
        Checks checks = new Checks();
        assertThat(ResultRules.method(checks, "电话询问")).isNull();
        assertThat(ResultRules.method(checks, " ")).isNull();
        assertThat(problems(checks)).containsExactly(
                "method: '电话询问' is not a method of inspection; use one of on_site, written, online_monitoring,"
                        + " testing, expert_assisted (or 实地核查, 书面检查, 网络监测, 检验检测, 委托专业机构辅助)",
                "method: method is required; one of on_site, written, online_monitoring, testing, expert_assisted");
    }

    @Test
    void everyProblemOfABadResultIsNamedInFieldOrder() {
        Checks checks = new Checks();
        ResultInput in = new ResultInput("2026-09-11", null, List.of(new ItemInput("ITEM-F1", "不存在的类别"),
                new ItemInput("ITEM-F1", "NO_PROBLEM"), new ItemInput("ITEM-X", "NO_PROBLEM"),
                new ItemInput(null, "NO_PROBLEM")), "x".repeat(4001), null, null, List.of("ATT-NONE"), null);
        assertThat(ResultRules.check(checks, in, context(assigned()))).isNull();
        assertThat(problems(checks)).containsExactly(
                "inspectionDate: inspectionDate 2026-09-11 is after today (2026-09-10)",
                "method: method is required; one of on_site, written, online_monitoring, testing, expert_assisted",
                "items[0].result: '不存在的类别' is not a result category; use a code or label of GET /result-categories",
                "items[1].itemId: 'ITEM-F1' is listed twice",
                "items[2].itemId: 'ITEM-X' is not an item of this task",
                "items[3].itemId: itemId is required",
                "items: no result for the task's item 'ITEM-F2'",
                "findings: findings is longer than 4000 characters",
                "publish: publish is required: true, or false with an exemptReason",
                "attachments[0]: 'ATT-NONE' is not an attachment of this task",
                "version: version is required");
    }

    @Test
    void theInspectionDateIsADateBetweenThePlansStartAndToday() {
        Checks checks = new Checks();
        ResultRules.check(checks, withDate("2026-07-31"), context(assigned()));
        ResultRules.check(checks, withDate("2026-9-1"), context(assigned()));
        ResultRules.check(checks, withDate(null), context(assigned()));
        Task problem = new Task("TSK-2026-P-AAAA", Task.PROBLEM, 2026, null, null, "T1", null,
                List.of("ITEM-F1", "ITEM-F2"), List.of("hy-forest"), List.of("INS-1", "INS-2"), Task.ASSIGNED, null,
                true, null, "complaint", null, null, null, null, null, null, null, 2, "2026-09-05T00:00:00Z", null);
        ResultRules.check(checks, withDate("2026-09-04"), new Context(problem, LocalDate.parse("2026-09-05"), TODAY,
                ResultCategories.defaults()));
        assertThat(problems(checks)).containsExactly(
                "inspectionDate: inspectionDate 2026-07-31 is before the plan's start date (2026-08-01)",
                "inspectionDate: '2026-9-1' is not a date of the form YYYY-MM-DD",
                "inspectionDate: inspectionDate is required (YYYY-MM-DD)",
                "inspectionDate: inspectionDate 2026-09-04 is before the task was created (2026-09-05)");
        Checks edges = new Checks();
        assertThat(ResultRules.check(edges, withDate("2026-08-01"), context(assigned()))).isNotNull();
        assertThat(ResultRules.check(edges, withDate("2026-09-10"), context(assigned()))).isNotNull();
        assertThat(problems(edges)).isEmpty();
    }

    static ResultInput withDate(String date) {
        ResultInput v = valid();
        return new ResultInput(date, v.method(), v.items(), v.findings(), v.publish(), v.exemptReason(),
                v.attachments(), v.version());
    }

    static ResultInput publishing(Boolean publish, ExemptInput exempt, String findings, List<ItemInput> items) {
        ResultInput v = valid();
        return new ResultInput(v.inspectionDate(), v.method(), items == null ? v.items() : items, findings, publish,
                exempt, null, 3L);
    }

    @Test
    void aResultKeptFromThePublicSaysWhyAndAFindingSaysWhatWasFound() {
        Checks checks = new Checks();
        ResultRules.check(checks, publishing(false, null, null, null), context(assigned()));
        ResultRules.check(checks, publishing(false, new ExemptInput("secret", null), null, null),
                context(assigned()));
        ResultRules.check(checks, publishing(false, new ExemptInput("not_public_by_law", "y".repeat(501)), null,
                null), context(assigned()));
        ResultRules.check(checks, publishing(true, new ExemptInput("awaiting_testing", null), null, null),
                context(assigned()));
        ResultRules.check(checks, publishing(true, null, " ", List.of(new ItemInput("ITEM-F1", "发现问题待后续处理"),
                new ItemInput("ITEM-F2", "NO_PROBLEM"))), context(assigned()));
        assertThat(problems(checks)).containsExactly(
                "exemptReason.code: exemptReason.code is required when publish is false; one of awaiting_testing,"
                        + " awaiting_expert_opinion, not_public_by_law",
                "exemptReason.code: 'secret' is not a reason to withhold a result; use one of awaiting_testing,"
                        + " awaiting_expert_opinion, not_public_by_law",
                "exemptReason.note: exemptReason.note is longer than 500 characters",
                "exemptReason: exemptReason is given only when publish is false",
                "findings: findings is required when a result is a finding: say what was found");
        Checks none = new Checks();
        ResultRules.check(none, publishing(true, null, null, List.of()), context(assigned()));
        assertThat(problems(none)).containsExactly(
                "items: items is required: one result for each of the task's items (ITEM-F1, ITEM-F2)");
    }

    @Test
    void aRetiredCategoryIsRefusedForNewResults() {
        List<Category> list = new ArrayList<>(ResultCategories.DEFAULTS);
        list.set(0, new Category("NO_PROBLEM", "未发现问题", false, false, false));
        Checks checks = new Checks();
        ResultRules.check(checks, valid(), new Context(assigned(), START, TODAY,
                new ResultCategories(ResultCategories.ID, list, 2, null)));
        assertThat(problems(checks)).containsExactly("items[0].result: '未发现问题' is a retired result category");
    }

    @Test
    void aResultIsEnteredWhileAssignedReturnedOrEnteredAndByInspectorsOnly() {
        for (String s : List.of(Task.ASSIGNED, Task.RETURNED, Task.ENTERED)) {
            assertThat(ResultRules.whyNotEnterable(task(s, List.of("INS-1"), List.of()))).isEmpty();
        }
        for (String s : List.of(Task.UNASSIGNED, Task.REVIEWED, Task.PUBLISHED, Task.EXEMPT)) {
            assertThat(ResultRules.whyNotEnterable(task(s, List.of("INS-1"), List.of()))).contains("The task"
                    + " 'TSK-2026-A-1-T1' is " + s + ": a result is entered while the task is assigned or returned,"
                    + " and corrected while it is entered, before review");
        }
        // an exempt result is entered again only when its exemption was waiting for a test or an expert opinion
        Task exempt = task(Task.EXEMPT, List.of("INS-1"), List.of());
        for (String reason : List.of("awaiting_testing", "awaiting_expert_opinion")) {
            assertThat(ResultRules.whyNotEnterable(exemptFor(exempt, reason))).as(reason).isEmpty();
        }
        assertThat(ResultRules.whyNotEnterable(exemptFor(exempt, "not_public_by_law"))).contains("The result of the"
                + " task 'TSK-2026-A-1-T1' is exempt from publication (not_public_by_law): only a result awaiting"
                + " testing or an expert opinion is entered again");
        assertThat(ResultRules.whyNotEnterable(task(Task.ASSIGNED, List.of(), List.of()))).contains("The task"
                + " 'TSK-2026-A-1-T1' has no inspectors: its result is entered by the licensed inspectors assigned"
                + " to it");
        assertThat(ResultRules.whyNotReviewable(task(Task.ASSIGNED, List.of("INS-1"), List.of()))).contains(
                "The task 'TSK-2026-A-1-T1' is assigned: only an entered result is reviewed");
        assertThat(ResultRules.whyNotReviewable(task(Task.ENTERED, List.of("INS-1"), List.of()))).contains(
                "The task 'TSK-2026-A-1-T1' is entered: only an entered result is reviewed");
        Task entered = task(Task.ENTERED, List.of("INS-1"), List.of());
        TaskResult r = ResultRules.check(new Checks(), valid(), context(assigned()));
        assertThat(ResultRules.whyNotReviewable(entered.withResult(Task.ENTERED, r, "2026-09-01", "2026-09-29",
                List.of(), 4, null))).isEmpty();
        assertThat(ResultRules.whyNotReviewable(entered.withResult(Task.REVIEWED, r, "2026-09-01", "2026-09-29",
                List.of(), 4, null))).contains("The task 'TSK-2026-A-1-T1' is reviewed: only an entered result is"
                + " reviewed");
    }

    @Test
    void aReturnNeedsAComment() {
        Checks checks = new Checks();
        ResultRules.checkReview(checks, new ReviewInput("return", null, 3L));
        ResultRules.checkReview(checks, new ReviewInput("return", " 缺照片 ", 3L));
        ResultRules.checkReview(checks, new ReviewInput("reject", null, null));
        ResultRules.checkReview(checks, new ReviewInput("approve", "z".repeat(501), 3L));
        assertThat(problems(checks)).containsExactly(
                "comment: comment is required to return a result: say what to change (4 to 500 characters)",
                "comment: comment is shorter than 4 characters",
                "decision: 'reject' is not a valid decision; use one of approve, return",
                "version: version is required",
                "comment: comment is longer than 500 characters");
        Checks good = new Checks();
        ResultRules.checkReview(good, new ReviewInput(" return ", "照片不清晰", 3L));
        ResultRules.checkReview(good, new ReviewInput("return", " 照片不清 ", 3L));
        ResultRules.checkReview(good, new ReviewInput("approve", null, 3L));
        assertThat(problems(good)).isEmpty();
    }

    @Test
    void anAttachmentIsAPhotoOrDocumentOfAtMost20MiBNamedAsItsType() {
        Checks checks = new Checks();
        ResultRules.checkAttachment(checks, new AttachmentInput("现场.jpg", "image/gif", 10L), assigned());
        ResultRules.checkAttachment(checks, new AttachmentInput("dir/现场.png", "image/png", 0L), assigned());
        ResultRules.checkAttachment(checks, new AttachmentInput("记录.pdf", "image/jpeg", 20L * 1024 * 1024 + 1),
                assigned());
        ResultRules.checkAttachment(checks, new AttachmentInput(null, null, null), assigned());
        assertThat(problems(checks)).containsExactly(
                "contentType: 'image/gif' is not accepted; evidence is a JPEG or PNG photo, or a PDF, DOCX or XLSX"
                        + " document",
                "fileName: fileName is a file's name, without a path",
                "size: size must be 1 to 20971520 bytes (20 MiB); 0 given",
                "fileName: fileName '记录.pdf' does not end in .jpg or .jpeg as a image/jpeg file does",
                "size: size must be 1 to 20971520 bytes (20 MiB); 20971521 given",
                "fileName: fileName is required",
                "contentType: contentType is required; one of image/jpeg, image/png, application/pdf,"
                        + " application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                        + " application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "size: size is required (bytes)");
        Checks good = new Checks();
        for (String[] ok : List.of(new String[] {"a.JPG", "image/jpeg"}, new String[] {"b.jpeg", "IMAGE/JPEG"},
                new String[] {"c.png", "image/png"}, new String[] {"d.pdf", "application/pdf"},
                new String[] {"e.docx", ResultRules.ATTACHMENT_TYPES.keySet().toArray(new String[0])[3]},
                new String[] {"f.xlsx", ResultRules.ATTACHMENT_TYPES.keySet().toArray(new String[0])[4]})) {
            ResultRules.checkAttachment(good, new AttachmentInput(ok[0], ok[1], ResultRules.ATTACHMENT_MAX),
                    assigned());
        }
        assertThat(problems(good)).isEmpty();
        List<TaskResult.Attachment> full = new ArrayList<>();
        for (int i = 0; i < ResultRules.ATTACHMENTS_MOST; i++) {
            full.add(new TaskResult.Attachment("ATT-" + i, "a.jpg", "image/jpeg", 1, "k", null));
        }
        Checks more = new Checks();
        ResultRules.checkAttachment(more, new AttachmentInput("a.jpg", "image/jpeg", 1L), task(Task.ASSIGNED,
                List.of("INS-1"), full));
        assertThat(problems(more)).containsExactly("attachments: the task has 30 attachments, the most one task may"
                + " hold");
    }

    @Test
    void attachmentsAreKeptUnderTheirTasksPrefixAndCheckedAgainstTheUploadedSize() {
        assertThat(ResultRules.attachmentKey("TSK-2026-A-1-T1", "ATT-X", "../../现场 照片.JPG"))
                .isEqualTo("attachments/TSK-2026-A-1-T1/ATT-X/file.jpg");
        assertThat(ResultRules.attachmentKey("TSK-1", "ATT-X", "noextension")).isEqualTo("attachments/TSK-1/ATT-X/file.");
        assertThat(ResultRules.extension(".jpg")).isEqualTo("jpg");
        assertThat(ResultRules.extension("a.b.PDF")).isEqualTo("pdf");
        TaskResult.Attachment a = new TaskResult.Attachment("ATT-X", "现场.jpg", "image/jpeg", 1234, "k", null);
        assertThat(ResultRules.whyNotUploaded(a, 1234L)).isEmpty();
        assertThat(ResultRules.whyNotUploaded(a, null)).contains("'ATT-X' (现场.jpg) has not been uploaded: PUT it to"
                + " its uploadUrl first");
        assertThat(ResultRules.whyNotUploaded(a, 1233L)).contains("'ATT-X' (现场.jpg) was uploaded with 1233 bytes,"
                + " not the 1234 announced: upload it again");
        Checks checks = new Checks();
        Task t = task(Task.ASSIGNED, List.of("INS-1"), List.of(a));
        assertThat(ResultRules.cited(checks, Arrays.asList("ATT-X", "ATT-X", null), t)).containsExactly("ATT-X");
        assertThat(problems(checks)).containsExactly("attachments[1]: 'ATT-X' is listed twice",
                "attachments[2]: 'null' is not an attachment of this task");
    }

    @Test
    void theDefaultCategoriesAreTheNationalTenWithTheirFindingFlags() {
        assertThat(ResultCategories.DEFAULTS).extracting(Category::label).containsExactly("未发现问题", "发现问题已责令改正",
                "发现问题待后续处理", "未发现开展本次抽查涉及的经营活动", "未按规定公示应当公示的信息", "公示信息隐瞒真实情况弄虚作假",
                "通过登记的住所（经营场所）无法联系", "不配合检查情节严重", "已关闭停业或正在组织清算", "已注销/被吊销/被撤销/迁出");
        assertThat(ResultCategories.DEFAULTS.stream().filter(Category::finding).map(Category::code)).containsExactly(
                "CORRECTED", "PENDING_FOLLOW_UP", "INFO_NOT_PUBLISHED", "INFO_FALSIFIED", "UNREACHABLE",
                "REFUSED_INSPECTION");
        assertThat(ResultCategories.DEFAULTS).allMatch(Category::active);
        assertThat(ResultCategories.DEFAULTS.stream().filter(Category::sanction).map(Category::code)).containsExactly(
                "INFO_NOT_PUBLISHED", "INFO_FALSIFIED", "UNREACHABLE", "REFUSED_INSPECTION");
        ResultCategories d = ResultCategories.defaults();
        assertThat(d.find(" 未发现问题 ")).map(Category::code).contains("NO_PROBLEM");
        assertThat(d.find("DEREGISTERED")).map(Category::label).contains("已注销/被吊销/被撤销/迁出");
        assertThat(d.find("no_problem")).isEmpty();
        assertThat(d.find(null)).isEmpty();
        assertThat(d.isFinding("CORRECTED")).isTrue();
        assertThat(d.isFinding("NO_PROBLEM")).isFalse();
        assertThat(d.isFinding("UNKNOWN")).isFalse();
        assertThat(d.callsForSanction("UNREACHABLE")).isTrue();
        assertThat(d.sanctions().test("REFUSED_INSPECTION")).isTrue();
        assertThat(d.callsForSanction("CORRECTED")).isFalse();
        assertThat(d.callsForSanction("UNKNOWN")).isFalse();
        assertThat(d.version()).isZero();
        assertThat(d.id()).isEqualTo("default");
    }

    @Test
    void anAdministratorsListKeepsEveryCodeAndNamesEachProblem() {
        List<CategoryInput> given = new ArrayList<>();
        ResultCategories.DEFAULTS.subList(2, 10).forEach(c -> given.add(new CategoryInput(c.code(), c.label(),
                c.finding(), false)));
        given.add(new CategoryInput("bad code", " 标签 ", true, null));
        given.add(new CategoryInput("CORRECTED2", "发现问题待后续处理", null, null));
        given.add(new CategoryInput("PENDING_FOLLOW_UP", "", false, null));
        given.add(null);
        Checks checks = new Checks();
        ResultCategories.check(checks, given, ResultCategories.DEFAULTS);
        assertThat(problems(checks)).containsExactly(
                "categories[8].code: a code is 2 to 40 capitals, digits or underscores, starting with a capital (e.g."
                        + " NO_PROBLEM)",
                "categories[8].label: label has surrounding blanks",
                "categories[9].label: '发现问题待后续处理' is listed twice",
                "categories[9].finding: finding is required: true when the category means a problem was found",
                "categories[10].code: 'PENDING_FOLLOW_UP' is listed twice",
                "categories[10].label: label is required",
                "categories[11]: a category is an object {code, label, finding, active, sanction}",
                "categories: 'NO_PROBLEM' (未发现问题) may be retired (active: false) but not removed: results name it",
                "categories: 'CORRECTED' (发现问题已责令改正) may be retired (active: false) but not removed: results"
                        + " name it");
        Checks retiredAll = new Checks();
        ResultCategories.check(retiredAll, List.of(new CategoryInput("ONLY", "唯一", false, false)), List.of());
        assertThat(problems(retiredAll)).containsExactly("categories: at least one category must be active");
        List<CategoryInput> fifty = new ArrayList<>();
        for (int i = 0; i < ResultCategories.MOST; i++) {
            fifty.add(new CategoryInput("C" + i, "类别" + i, false, true));
        }
        Checks most = new Checks();
        assertThat(ResultCategories.check(most, fifty, List.of())).hasSize(50);
        fifty.add(new CategoryInput("C50", "类别50", false, true));
        ResultCategories.check(most, fifty, List.of());
        assertThat(problems(most)).containsExactly("categories: at most 50 categories (51 given)");
        Checks empty = new Checks();
        ResultCategories.check(empty, List.of(), List.of());
        assertThat(problems(empty)).containsExactly("categories: categories needs at least one category");
        Checks ok = new Checks();
        List<Category> list = ResultCategories.check(ok, List.of(new CategoryInput("NO_PROBLEM", "未发现问题（合格）",
                false, null), new CategoryInput("A1", "新类别", true, false)), List.of(ResultCategories.DEFAULTS.get(0)));
        assertThat(problems(ok)).isEmpty();
        assertThat(list).containsExactly(new Category("NO_PROBLEM", "未发现问题（合格）", false, true, false),
                new Category("A1", "新类别", true, false, false));
    }

    @Test
    void aCategoryCallsForSanctionWhenTheAdministratorSaysSoAndAStoredListWithoutTheFlagKeepsTheDefaults() {
        Checks checks = new Checks();
        List<Category> list = ResultCategories.check(checks, List.of(
                new CategoryInput("NO_PROBLEM", "未发现问题", false, null),
                new CategoryInput("FAKE_LICENCE", "伪造许可证件", true, null, true),
                new CategoryInput("UNREACHABLE", "通过登记的住所（经营场所）无法联系", true, null, false),
                new CategoryInput("ODD", "非问题却要处罚", false, null, true)), List.of());
        assertThat(problems(checks)).containsExactly("categories[3].sanction: sanction is for a finding: a category"
                + " that calls for listing or a penalty means a problem was found (finding: true)");
        assertThat(list).extracting(Category::sanction).containsExactly(false, true, false, true);
        ResultCategories configured = new ResultCategories(ResultCategories.ID, list.subList(0, 3), 1, "t");
        assertThat(configured.callsForSanction("FAKE_LICENCE")).isTrue();
        assertThat(configured.callsForSanction("UNREACHABLE")).isFalse();

        // a list stored before the flag existed: the defaults' flag for their codes, false for a code of its own
        String stored = "{\"id\":\"default\",\"version\":1,\"updatedAt\":\"t\",\"categories\":["
                + "{\"code\":\"UNREACHABLE\",\"label\":\"无法联系\",\"finding\":true,\"active\":true},"
                + "{\"code\":\"CORRECTED\",\"label\":\"已责令改正\",\"finding\":true,\"active\":true},"
                + "{\"code\":\"OWN\",\"label\":\"自定义\",\"finding\":true,\"active\":true}]}";
        ResultCategories read = spotcheck.core.Json.read(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ResultCategories.class);
        assertThat(read.categories()).extracting(Category::sanction).containsExactly(true, false, false);
        // and one stored with it reads as written
        ResultCategories again = spotcheck.core.Json.read(spotcheck.core.Json.write(configured),
                ResultCategories.class);
        assertThat(again).isEqualTo(configured);
    }
}
