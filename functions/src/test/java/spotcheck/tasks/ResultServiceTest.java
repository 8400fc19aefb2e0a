package spotcheck.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draws.DrawService;
import spotcheck.jobs.JobRunner;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanDraft;
import spotcheck.plans.PlanEstimates;
import spotcheck.plans.PlanService;
import spotcheck.plans.PlanStates;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.InspectorService;
import spotcheck.roster.InspectorService.InspectorInput;
import spotcheck.roster.ItemService;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.ResultRules.AttachmentInput;
import spotcheck.tasks.ResultRules.ExemptInput;
import spotcheck.tasks.ResultRules.ItemInput;
import spotcheck.tasks.ResultRules.ResultInput;
import spotcheck.tasks.ResultRules.ReviewInput;

/**
 * Results entered, reviewed and evidenced on the in-memory store, today being 2026-03-02 (Asia/Shanghai): who may
 * do what (404, 403), the workflow's states and audit actions, the publication deadline on the official calendar,
 * the plan started by its first result, uploads checked against the bucket, and nothing changed by a refusal.
 */
class ResultServiceTest {
    static final Actor WANG = new Actor(new Principal("sso|wang", "王五", "hy-forest", Set.of(Role.INSPECTOR)),
            "req-wang");
    static final Actor ZHAO = new Actor(new Principal("sso|zhao", "赵六", "hy-forest", Set.of(Role.INSPECTOR)),
            "req-zhao");
    static final Actor OTHER_OPERATOR = new Actor(new Principal("op-2", "Operator", "hy-protect",
            Set.of(Role.OPERATOR)), "req-op2");
    static final Actor AUDITOR = new Actor(new Principal("aud-1", "Auditor", "hy-bureau", Set.of(Role.AUDITOR)),
            "req-aud");

    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles bucket = new MemoryFiles();
    final CandidatePool pool = new CandidatePool(store);
    final PlanService plans = new PlanService(store, new PlanEstimates(pool, store));
    final DrawService draws = new DrawService(store, bucket, "uploads", plans, pool, new JobRunner(store,
            (f, e) -> { }, CLOCK, () -> new JobRunner.Rhythm(0, 0, Long.MAX_VALUE)), (f, e) -> { }, seeded());
    final TaskService tasks = new TaskService(store, draws);
    final ResultService results = new ResultService(store, tasks, draws, plans,
            new CalendarService(store, OfficialCalendars.bundled()), bucket, "uploads");
    Plan plan;
    List<Task> drawn;

    static java.util.function.Supplier<SecureRandom> seeded() {
        return () -> {
            try {
                SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
                r.setSeed(11);
                return r;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @BeforeEach
    void world() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-protect", "保护科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        new ItemService(store).create(ADMIN, new ItemService.ItemInput("ITEM-F1", "林木采伐监督检查", "hy-forest", "general", "法",
                "内容", List.of("on_site"), List.of("enterprise")));
        TargetService targets = new TargetService(store, CLOCK);
        for (int i = 0; i < 2; i++) {
            targets.create(ADMIN, new TargetInput(null, "木材加工厂" + i, "enterprise", "dongyuan", List.of("ITEM-F1"),
                    "B", null, null, null, null));
        }
        InspectorService inspectors = new InspectorService(store);
        inspectors.create(ADMIN, new InspectorInput("王五", "hy-forest", "GD-1", "2027-12-31", List.of("ITEM-F1"),
                List.of("林业"), List.of(), "sso|wang"));
        inspectors.create(ADMIN, new InspectorInput("赵六", "hy-forest", "GD-2", "2027-12-31", List.of("ITEM-F1"),
                List.of("林业"), List.of(), "sso|zhao"));
        PlanDraft d = PlanDraft.random().quota("ALL", "1");
        d.year = 2026;
        d.name = "2026年林木采伐抽查";
        d.startDate = "2026-02-02";
        d.endDate = "2026-10-31";
        Plan p = plans.create(ADMIN, d.fields());
        plans.approve(ADMIN, p.planId(), new PlanService.ApproveInput(1L));
        draws.draw(OPERATOR, p.planId(), null, null);
        plan = store.require(Plan.KIND, p.planId());
        drawn = tasks.byPlan(ADMIN.principal(), plan.planId(), 50, null).items();
        assertThat(drawn).hasSize(2).allMatch(t -> t.status().equals(Task.ASSIGNED) && t.inspectors().size() == 2);
    }

    static ResultInput result(long version) {
        return new ResultInput("2026-02-27", "实地核查", List.of(new ItemInput("ITEM-F1", "未发现问题")), null, true, null,
                null, version);
    }

    static void fails(ThrowingCallable call, DomainException.Kind kind, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    static List<String> details(ThrowingCallable call) {
        List<String> found = new ArrayList<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            e.details().forEach(x -> found.add(x.field() + ": " + x.message()));
        });
        return found;
    }

    List<String> audit(Task t) {
        return store.audit("task/" + t.taskId()).stream().map(a -> a.action() + " " + a.actor()).toList();
    }

    @Test
    void theLabelsKeepTheConfiguredOrder() {
        // publication exports and the statistics list categories in this order
        assertThat(List.copyOf(results.labels().keySet())).containsExactly("NO_PROBLEM", "CORRECTED",
                "PENDING_FOLLOW_UP", "NO_RELEVANT_ACTIVITY", "INFO_NOT_PUBLISHED", "INFO_FALSIFIED", "UNREACHABLE",
                "REFUSED_INSPECTION", "CLOSED_OR_LIQUIDATING", "DEREGISTERED");
        assertThat(results.labels().get("CORRECTED")).isEqualTo("发现问题已责令改正");
    }

    @Test
    void anInspectorEntersTheResultTheLeadReviewsItAndThePlanStarts() {
        Task t = drawn.get(0);
        Task entered = results.enter(WANG, t.taskId(), result(t.version()));
        assertThat(entered.status()).isEqualTo(Task.ENTERED);
        assertThat(entered.completedDate()).isEqualTo("2026-02-27");
        // the 20th working day after Friday 2026-02-27: Saturday 02-28 is an adjusted working day (the first)
        assertThat(entered.publicationDue()).isEqualTo("2026-03-26");
        assertThat(entered.result().items()).containsExactly(new TaskResult.ItemResult("ITEM-F1", "NO_PROBLEM"));
        assertThat(entered.result().method()).isEqualTo("on_site");
        assertThat(entered.result().enteredBy()).isEqualTo("sso|wang");
        assertThat(entered.result().enteredAt()).isEqualTo(store.now());
        assertThat(entered.version()).isEqualTo(t.version() + 1);
        assertThat(Task.dueKeys(entered)).containsEntry("dueSort", "2026-03-26#" + t.taskId());
        Plan started = store.require(Plan.KIND, plan.planId());
        assertThat(started.status()).isEqualTo(PlanStates.IN_PROGRESS);
        assertThat(store.audit("plan/" + plan.planId())).extracting(a -> a.action() + " " + a.actor()).endsWith(
                "start sso|wang");
        // sent again after a lost answer: nothing written again
        assertThat(results.enter(WANG, t.taskId(), result(t.version()))).isEqualTo(entered);

        // the second task's result does not move the plan again
        Task other = drawn.get(1);
        results.enter(ZHAO, other.taskId(), result(other.version()));
        assertThat(store.require(Plan.KIND, plan.planId()).version()).isEqualTo(started.version());

        fails(() -> results.review(ADMIN, t.taskId(), new ReviewInput("approve", null, t.version())),
                DomainException.Kind.CONFLICT, "The task '" + t.taskId() + "' was changed by someone else; read it"
                        + " again and retry (current version " + entered.version() + ")");
        Task reviewed = results.review(OPERATOR, t.taskId(), new ReviewInput("approve", null, entered.version()));
        assertThat(reviewed.status()).isEqualTo(Task.REVIEWED);
        assertThat(reviewed.result().reviewedBy()).isEqualTo("op-1");
        assertThat(Task.dueKeys(reviewed)).containsEntry("dueSort", "2026-03-26#" + t.taskId());
        // the same approval again, on the version it was sent with: 409, nothing changes
        fails(() -> results.review(OPERATOR, t.taskId(), new ReviewInput("approve", null, entered.version())),
                DomainException.Kind.CONFLICT, "The task '" + t.taskId() + "' is reviewed: only an entered result is"
                        + " reviewed");
        fails(() -> results.enter(WANG, t.taskId(), result(reviewed.version())), DomainException.Kind.CONFLICT,
                "The task '" + t.taskId() + "' is reviewed: a result is entered while the task is assigned or"
                        + " returned, and corrected while it is entered, before review");
        assertThat(store.require(Task.KIND, t.taskId())).isEqualTo(reviewed);
        assertThat(audit(t)).containsExactly("result sso|wang", "review op-1");
        // the inspectors stay once a result exists
        assertThat(AssignmentRules.whyUnchangeable(reviewed, PlanStates.IN_PROGRESS)).isPresent();
        assertThat(AssignmentRules.whyUnchangeable(entered.withResult(Task.ASSIGNED, entered.result(),
                entered.completedDate(), entered.publicationDue(), List.of(), 9, store.now()),
                PlanStates.IN_PROGRESS)).contains("The task '" + t.taskId() + "' has a result already: its inspectors"
                + " stay");
    }

    @Test
    void aReturnedResultIsEnteredAgainAndAnExemptOneIsApprovedAsExempt() {
        Task t = drawn.get(0);
        Task entered = results.enter(WANG, t.taskId(), result(t.version()));
        assertThat(details(() -> results.review(OPERATOR, t.taskId(), new ReviewInput("return", "缺", 1L))))
                .containsExactly("comment: comment is shorter than 4 characters");
        Task returned = results.review(OPERATOR, t.taskId(), new ReviewInput("return", "  请补充现场照片  ",
                entered.version()));
        assertThat(returned.status()).isEqualTo(Task.RETURNED);
        assertThat(returned.result().reviewComment()).isEqualTo("请补充现场照片");
        assertThat(tasks.list(WANG.principal(), new TaskService.Query(null, "me", null, "2026", "todo"), 50, null)
                .items()).extracting(Task::taskId).containsExactlyInAnyOrder(t.taskId(), drawn.get(1).taskId());

        ResultInput exempt = new ResultInput("2026-03-02", "检验检测", List.of(new ItemInput("ITEM-F1",
                "PENDING_FOLLOW_UP")), "苗木送检，待检验结果", false, new ExemptInput("awaiting_testing", "送省林科院"),
                null, returned.version());
        Task again = results.enter(ZHAO, t.taskId(), exempt);
        assertThat(again.status()).isEqualTo(Task.ENTERED);
        assertThat(again.result().enteredBy()).isEqualTo("sso|zhao");
        assertThat(again.result().reviewComment()).isEqualTo("请补充现场照片");
        assertThat(again.completedDate()).isEqualTo("2026-03-02");
        assertThat(tasks.list(WANG.principal(), new TaskService.Query(null, "me", null, "2026", "todo"), 50, null)
                .items()).extracting(Task::taskId).containsExactly(drawn.get(1).taskId());
        fails(() -> results.review(ZHAO, t.taskId(), new ReviewInput("approve", null, again.version())),
                DomainException.Kind.FORBIDDEN, "The result of the task '" + t.taskId() + "' is reviewed by an"
                        + " administrator or an operator of the plan's lead department 'hy-forest'");
        Actor zhaoAsOperator = new Actor(new Principal("sso|zhao", "赵六", "hy-forest", Set.of(Role.OPERATOR)), "r");
        fails(() -> results.review(zhaoAsOperator, t.taskId(), new ReviewInput("approve", null, again.version())),
                DomainException.Kind.FORBIDDEN, "You entered the result of the task '" + t.taskId() + "': another"
                        + " person reviews it");
        // an operator of the lead department whose login is linked to one of the task's inspectors (王五)
        Actor wangAsOperator = new Actor(new Principal("sso|wang", "王五", "hy-forest", Set.of(Role.OPERATOR)), "r");
        fails(() -> results.review(wangAsOperator, t.taskId(), new ReviewInput("approve", null, again.version())),
                DomainException.Kind.FORBIDDEN, "You are one of the inspectors of the task '" + t.taskId()
                        + "': another person reviews it");
        assertThat(store.require(Task.KIND, t.taskId())).isEqualTo(again);
        Task approved = results.review(ADMIN, t.taskId(), new ReviewInput("approve", "同意暂不公示", again.version()));
        assertThat(approved.status()).isEqualTo(Task.EXEMPT);
        assertThat(approved.result().exemptReason()).isEqualTo("awaiting_testing");
        assertThat(approved.result().exemptNote()).isEqualTo("送省林科院");
        assertThat(Task.dueKeys(approved)).isEmpty();
        assertThat(audit(t)).containsExactly("result sso|wang", "return op-1", "result sso|zhao", "review admin-1");
    }

    @Test
    void aCountyAccountReadsOnlyItsOwnCountysTasksOfACityWidePlan() {
        new OrgService(store).create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        Principal dongyuan = new Principal("cty-1", "东源县", "dongyuan", Set.of(Role.COUNTY));
        Principal heping = new Principal("cty-2", "和平县", "heping", Set.of(Role.COUNTY));
        // the plan names no county: it takes in every county's targets, and every county reads it
        assertThat(spotcheck.plans.PlanAccess.POLICY.mayRead(heping, plan)).isTrue();
        Task t = drawn.get(0);
        Task entered = results.enter(WANG, t.taskId(), result(t.version()));
        assertThat(tasks.get(dongyuan, t.taskId())).isEqualTo(entered);
        assertThat(tasks.byPlan(dongyuan, plan.planId(), 50, null).items()).hasSize(2);
        // the targets are all of 东源县: to 和平县 the tasks, their results and evidence do not exist
        fails(() -> tasks.get(heping, t.taskId()), DomainException.Kind.NOT_FOUND, "No task with id '"
                + t.taskId() + "'");
        assertThat(tasks.byPlan(heping, plan.planId(), 50, null).items()).isEmpty();
        assertThat(tasks.list(heping, new TaskService.Query(null, null, "random", "2026", null), 50, null).items())
                .isEmpty();
        fails(() -> results.review(new Actor(heping, "r"), t.taskId(), new ReviewInput("approve", null,
                entered.version())), DomainException.Kind.NOT_FOUND, "No task with id '" + t.taskId() + "'");
    }

    @Test
    void aResultExemptWhileAwaitingTestingIsEnteredAgainWhenTheTestArrivesAndByLawIsNot() {
        Task t = drawn.get(0);
        ResultInput awaiting = new ResultInput("2026-02-27", "检验检测", List.of(new ItemInput("ITEM-F1",
                "PENDING_FOLLOW_UP")), "苗木送检，待检验结果", false, new ExemptInput("awaiting_testing", "送省林科院"),
                null, t.version());
        Task entered = results.enter(WANG, t.taskId(), awaiting);
        Task exempt = results.review(OPERATOR, t.taskId(), new ReviewInput("approve", null, entered.version()));
        assertThat(exempt.status()).isEqualTo(Task.EXEMPT);
        assertThat(exempt.publicationDue()).isEqualTo("2026-03-26");
        assertThat(Task.dueKeys(exempt)).isEmpty();

        // the test result arrives: entered again, to be public, on the inspection's date
        ResultInput tested = new ResultInput("2026-02-27", "检验检测", List.of(new ItemInput("ITEM-F1", "CORRECTED")),
                "检验不合格，已责令改正", true, null, null, exempt.version());
        Task again = results.enter(ZHAO, t.taskId(), tested);
        assertThat(again.status()).isEqualTo(Task.ENTERED);
        assertThat(again.result().publish()).isTrue();
        assertThat(again.result().exemptReason()).isNull();
        assertThat(again.completedDate()).isEqualTo("2026-02-27");
        // back under its publication deadline, unchanged: counted from the inspection, not from the test
        assertThat(again.publicationDue()).isEqualTo("2026-03-26");
        assertThat(Task.dueKeys(again)).containsEntry("dueSort", "2026-03-26#" + t.taskId());
        Task reviewed = results.review(ADMIN, t.taskId(), new ReviewInput("approve", null, again.version()));
        assertThat(reviewed.status()).isEqualTo(Task.REVIEWED);
        assertThat(audit(t)).containsExactly("result sso|wang", "review op-1", "result sso|zhao", "review admin-1");

        // kept from the public by law: never entered again
        Task other = drawn.get(1);
        Task byLaw = results.review(OPERATOR, other.taskId(), new ReviewInput("approve", null, results.enter(WANG,
                other.taskId(), new ResultInput("2026-02-27", "on_site", List.of(new ItemInput("ITEM-F1",
                        "NO_PROBLEM")), null, false, new ExemptInput("not_public_by_law", null), null,
                        other.version())).version()));
        assertThat(byLaw.status()).isEqualTo(Task.EXEMPT);
        fails(() -> results.enter(ZHAO, other.taskId(), result(byLaw.version())), DomainException.Kind.CONFLICT,
                "The result of the task '" + other.taskId() + "' is exempt from publication (not_public_by_law):"
                        + " only a result awaiting testing or an expert opinion is entered again");
        assertThat(store.require(Task.KIND, other.taskId())).isEqualTo(byLaw);
    }

    @Test
    void onlyItsInspectorsDepartmentsAndAdminsEnterAResult() {
        Task t = drawn.get(0);
        Actor stranger = new Actor(new Principal("sso|nobody", "路人", "hy-forest", Set.of(Role.INSPECTOR)), "r");
        String refused = "The result of the task '" + t.taskId() + "' is entered by its inspectors, an operator of"
                + " its departments (hy-forest) or an administrator";
        fails(() -> results.enter(stranger, t.taskId(), result(t.version())), DomainException.Kind.FORBIDDEN,
                refused);
        fails(() -> results.enter(AUDITOR, t.taskId(), result(t.version())), DomainException.Kind.FORBIDDEN,
                refused);
        fails(() -> results.attach(AUDITOR, t.taskId(), new AttachmentInput("a.jpg", "image/jpeg", 3L)),
                DomainException.Kind.FORBIDDEN, refused);
        fails(() -> results.enter(OTHER_OPERATOR, t.taskId(), result(t.version())), DomainException.Kind.NOT_FOUND,
                "No task with id '" + t.taskId() + "'");
        fails(() -> results.review(OTHER_OPERATOR, t.taskId(), new ReviewInput("approve", null, 1L)),
                DomainException.Kind.NOT_FOUND, "No task with id '" + t.taskId() + "'");
        fails(() -> results.review(OPERATOR, t.taskId(), new ReviewInput("approve", null, t.version())),
                DomainException.Kind.CONFLICT, "The task '" + t.taskId() + "' is assigned: only an entered result"
                        + " is reviewed");
        assertThat(results.enter(OPERATOR, t.taskId(), result(t.version())).result().enteredBy()).isEqualTo("op-1");
        assertThat(audit(t)).containsExactly("result op-1");
    }

    @Test
    void aBadResultChangesNothingAndAMissingCalendarYearIsNamed() {
        Task t = drawn.get(0);
        ResultInput bad = new ResultInput("2026-03-03", "on_site", List.of(new ItemInput("ITEM-F1", "合格")), null,
                true, null, null, t.version());
        assertThat(details(() -> results.enter(WANG, t.taskId(), bad))).containsExactly(
                "inspectionDate: inspectionDate 2026-03-03 is after today (2026-03-02)",
                "items[0].result: '合格' is not a result category; use a code or label of GET /result-categories");
        fails(() -> results.enter(WANG, t.taskId(), result(t.version() + 5)), DomainException.Kind.CONFLICT,
                "The task '" + t.taskId() + "' was changed by someone else; read it again and retry (current version "
                        + t.version() + ")");
        assertThat(store.require(Task.KIND, t.taskId())).isEqualTo(t);
        assertThat(store.require(Plan.KIND, plan.planId()).status()).isEqualTo(PlanStates.DRAWN);

        ResultService noCalendar = new ResultService(store, tasks, draws, plans, new CalendarService(store,
                year -> Optional.empty()), bucket, "uploads");
        assertThat(details(() -> noCalendar.enter(WANG, t.taskId(), result(t.version())))).containsExactly(
                "inspectionDate: No working-day calendar for 2026, needed for the publication deadline: an"
                        + " administrator must add it (PUT /calendar/2026)");
        assertThat(store.require(Task.KIND, t.taskId())).isEqualTo(t);
    }

    @Test
    void evidenceIsUploadedUnderTheTasksPrefixAndCheckedWhenTheResultCitesIt() {
        Task t = drawn.get(0);
        ResultService.AttachmentStarted photo = results.attach(WANG, t.taskId(), new AttachmentInput(" 现场照片.JPG ",
                "Image/JPEG", 5L));
        assertThat(photo.key()).isEqualTo("attachments/" + t.taskId() + "/" + photo.attachmentId() + "/file.jpg");
        assertThat(photo.uploadUrl()).isEqualTo("memory://" + photo.key());
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.version()).isEqualTo(t.version() + 1);
        ResultService.AttachmentStarted record = results.attach(WANG, t.taskId(), new AttachmentInput("笔录.pdf",
                "application/pdf", 3L));
        Task listed = store.require(Task.KIND, t.taskId());
        assertThat(listed.attachments()).containsExactly(
                new TaskResult.Attachment(photo.attachmentId(), "现场照片.JPG", "image/jpeg", 5, photo.key(), null),
                new TaskResult.Attachment(record.attachmentId(), "笔录.pdf", "application/pdf", 3, record.key(), null));
        assertThat(audit(t)).containsExactly("attach sso|wang", "attach sso|wang");

        ResultInput citing = new ResultInput("2026-02-27", "on_site", List.of(new ItemInput("ITEM-F1",
                "NO_PROBLEM")), null, true, null, List.of(photo.attachmentId(), record.attachmentId()),
                listed.version());
        bucket.files.put(photo.key(), new byte[4]);
        assertThat(details(() -> results.enter(WANG, t.taskId(), citing))).containsExactly(
                "attachments[0]: '" + photo.attachmentId() + "' (现场照片.JPG) was uploaded with 4 bytes, not the 5"
                        + " announced: upload it again",
                "attachments[1]: '" + record.attachmentId() + "' (笔录.pdf) has not been uploaded: PUT it to its"
                        + " uploadUrl first");
        bucket.files.put(photo.key(), new byte[5]);
        bucket.files.put(record.key(), new byte[3]);
        Task entered = results.enter(WANG, t.taskId(), citing);
        assertThat(entered.result().attachments()).containsExactly(photo.attachmentId(), record.attachmentId());
        assertThat(entered.attachments()).extracting(TaskResult.Attachment::uploadedAt).containsExactly(store.now(),
                store.now());
        Task reviewed = results.review(OPERATOR, t.taskId(), new ReviewInput("approve", null, entered.version()));
        fails(() -> results.attach(WANG, t.taskId(), new AttachmentInput("a.png", "image/png", 1L)),
                DomainException.Kind.CONFLICT, "The task '" + t.taskId() + "' is reviewed: a result is entered while"
                        + " the task is assigned or returned, and corrected while it is entered, before review");
        assertThat(store.require(Task.KIND, t.taskId())).isEqualTo(reviewed);
    }

    @Test
    void anAdministratorRelabelsAndRetiresCategoriesOnTheVersionRead() {
        assertThat(results.categories()).isEqualTo(ResultCategories.defaults());
        List<ResultCategories.CategoryInput> list = new ArrayList<>();
        ResultCategories.DEFAULTS.forEach(c -> list.add(new ResultCategories.CategoryInput(c.code(),
                c.code().equals("NO_PROBLEM") ? "未发现问题（符合规定）" : c.label(), c.finding(),
                !c.code().equals("DEREGISTERED"))));
        fails(() -> results.putCategories(ADMIN, new ResultService.CategoriesInput(list, 1L)),
                DomainException.Kind.CONFLICT, "The result-categories 'default' was changed by someone else; read it"
                        + " again and retry (current version 0)");
        ResultCategories stored = results.putCategories(ADMIN, new ResultService.CategoriesInput(list, 0L));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(results.categories()).isEqualTo(stored);
        assertThat(store.audit("result-categories/default")).extracting(a -> a.action()).containsExactly("create");
        Task t = drawn.get(0);
        assertThat(results.enter(WANG, t.taskId(), new ResultInput("2026-02-27", "on_site", List.of(new ItemInput(
                "ITEM-F1", "未发现问题（符合规定）")), null, true, null, null, t.version())).result().items())
                .containsExactly(new TaskResult.ItemResult("ITEM-F1", "NO_PROBLEM"));
        assertThat(details(() -> results.putCategories(ADMIN, new ResultService.CategoriesInput(list.subList(1, 10),
                1L)))).containsExactly("categories: 'NO_PROBLEM' (未发现问题（符合规定）) may be retired (active: false) but"
                + " not removed: results name it");
    }
}
