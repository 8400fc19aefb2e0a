package spotcheck.draws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.OPERATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Json;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draw.DrawRecord;
import spotcheck.jobs.Failure;
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
import spotcheck.roster.ItemService.ItemInput;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.store.FileStore;
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;
import spotcheck.tasks.TaskService.AssignInput;
import spotcheck.tasks.TaskService.Query;

/**
 * Voiding a draw and drawing again, and assigning inspectors by hand, on the in-memory store: the two writes of a
 * voiding and their repair, the rounds, the voided draw's tasks out of the plan and out of the exclusions, and
 * the hand assignments listed once each in the public record, whose computed part still verifies.
 */
class VoidAndAssignServiceTest {
    static final Actor POLICE = new Actor(new Principal("op-3", "Police", "hy-police", Set.of(Role.OPERATOR)),
            "req-police");
    /** An operator of a cooperating department: sees the joint plan, does not lead it. */
    static final Actor POLICE_COOPERATING = POLICE;

    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles bucket = new MemoryFiles();
    final CandidatePool pool = new CandidatePool(store);
    final PlanService plans = new PlanService(store, new PlanEstimates(pool, store));
    final TargetService targets = new TargetService(store, CLOCK);
    final InspectorService inspectors = new InspectorService(store);
    final DrawService draws = new DrawService(store, bucket, "uploads", plans, pool, new JobRunner(store,
            (f, e) -> { }, CLOCK, () -> new JobRunner.Rhythm(0, 0, Long.MAX_VALUE)), (f, e) -> { },
            DrawServiceTest.seeded(11));
    final TaskService tasks = new TaskService(store, draws);
    int serial;

    @BeforeEach
    void world() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-police", "河源市公安局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        ItemService items = new ItemService(store);
        items.create(ADMIN, new ItemInput("ITEM-F1", "林木采伐监督检查", "hy-forest", "general", "法", "内容",
                List.of("on_site"), List.of("enterprise")));
        items.create(ADMIN, new ItemInput("ITEM-GA", "爆破作业单位抽查", "hy-police", "general", "法", "内容",
                List.of("on_site"), List.of("enterprise")));
    }

    List<String> targets(int n, String... items) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(targets.create(ADMIN, new TargetInput(null, "木材加工厂" + (++serial), "enterprise", "dongyuan",
                    List.of(items), "B", null, null, null, null)).targetId());
        }
        return ids;
    }

    String inspector(String org, String item, String validUntil, List<String> conflicts) {
        return inspectors.create(ADMIN, new InspectorInput("王五", org, "GD-" + (++serial), validUntil, List.of(item),
                List.of("林业"), conflicts, null)).inspectorId();
    }

    String inspector(String org, String item) {
        return inspector(org, item, "2027-12-31", List.of());
    }

    Plan approved(Consumer<PlanDraft> change) {
        PlanDraft d = PlanDraft.random().quota("ALL", "1");
        d.year = 2026;
        d.name = "2026年抽查 " + (++serial);
        d.startDate = "2026-08-01";
        d.endDate = "2026-10-31";
        change.accept(d);
        Plan p = plans.create(ADMIN, d.fields());
        return plans.approve(ADMIN, p.planId(), new PlanService.ApproveInput(1L)).plan();
    }

    List<Task> tasksOf(String planId, String status) {
        return tasks.byPlan(ADMIN.principal(), planId, status, 200, null).items();
    }

    DrawJob job(String drawId) {
        return store.require(DrawJob.KIND, drawId);
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
            e.details().forEach(d -> found.add(d.field() + ": " + d.message()));
        });
        return found;
    }

    @Test
    void aVoidedDrawGivesThePlanBackForOneNewDrawWhoseRecordNamesIt() {
        List<String> all = targets(5, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        String first = draws.draw(OPERATOR, plan.planId(), null, null).draw().drawId();
        assertThat(tasksOf(plan.planId(), null)).hasSize(5);

        DrawService.DrawView voided = draws.voidDraw(OPERATOR, first, new DrawService.VoidRequest(
                "  名录未更新，抽取对象有误  ", job(first).version()));

        assertThat(voided.draw().voided()).isEqualTo(new DrawJob.Voiding("名录未更新，抽取对象有误", store.now(), "op-1"));
        Plan back = store.require(Plan.KIND, plan.planId());
        assertThat(back.status()).isEqualTo(PlanStates.APPROVED);
        assertThat(store.audit("plan/" + plan.planId())).extracting(a -> a.version() + " " + a.action() + " "
                + a.actor()).containsExactly("1 create admin-1", "2 approve admin-1", "3 draw op-1", "4 void op-1");
        assertThat(store.audit("draw/" + first)).extracting(a -> a.action() + " " + a.actor())
                .containsExactly("draw op-1", "succeeded op-1", "void op-1");
        // its tasks stay stored, no longer the plan's
        assertThat(tasksOf(plan.planId(), null)).isEmpty();
        assertThat(store.get(Task.KIND, Task.drawnId(first, voided.drawRecord().targets().get(0).id()))).isPresent();
        // the public record says why and when, not who, and still verifies
        Map<String, Object> published = draws.publicRecord(first);
        assertThat(published.get("void")).isEqualTo(Map.of("reason", "名录未更新，抽取对象有误", "at", store.now()));
        assertThat(published.toString()).doesNotContain("op-1");
        assertThat(draws.verify(first).verified()).isTrue();

        // drawn again: round 2, naming the voided draw; its targets were not excluded as drawn this year
        DrawService.DrawView second = draws.draw(OPERATOR, plan.planId(), null, null);
        String secondId = second.draw().drawId();
        assertThat(secondId).isEqualTo(DrawJob.idFor(plan.planId(), 2));
        assertThat(second.drawRecord().voided()).containsExactly(new DrawRecord.Voided(first,
                "名录未更新，抽取对象有误", store.now()));
        assertThat(draws.candidates(secondId).targets()).hasSize(all.size());
        assertThat(tasksOf(plan.planId(), null)).hasSize(5).allSatisfy(t -> assertThat(t.drawId())
                .isEqualTo(secondId));
        assertThat(draws.verify(secondId).verified()).isTrue();

        // the second draw is the last: it is not voided, so the plan is never left approved and undrawable
        fails(() -> draws.voidDraw(ADMIN, secondId, new DrawService.VoidRequest("第二次抽取亦有误",
                job(secondId).version())), DomainException.Kind.CONFLICT, "The draw '" + secondId + "' is the plan's"
                + " draw of round 2, its last: a plan is drawn at most 2 times, so this draw is not voided (the plan"
                + " could never be drawn again)");
        assertThat(job(secondId).hasBeenVoided()).isFalse();
        assertThat(store.require(Plan.KIND, plan.planId()).status()).isEqualTo(PlanStates.DRAWN);
        assertThat(tasksOf(plan.planId(), null)).hasSize(5);
        fails(() -> draws.draw(ADMIN, plan.planId(), null, null), DomainException.Kind.CONFLICT, "The plan '"
                + plan.planId() + "' has been drawn already: a plan is drawn once (void its draw to draw it again)");
    }

    @Test
    void aVoidingIsCheckedAndRefusedWhereItMustBe() {
        targets(3, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        String drawId = draws.draw(ADMIN, plan.planId(), null, null).draw().drawId();
        long version = job(drawId).version();

        assertThat(details(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest(null, null))))
                .containsExactly("version: version is required", "reason: reason is required: say why the draw is"
                        + " voided (4 to 500 characters)");
        assertThat(details(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("  有误 ", version))))
                .containsExactly("reason: reason is shorter than 4 characters");
        assertThat(details(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("误".repeat(501),
                version)))).containsExactly("reason: reason is longer than 500 characters");
        fails(() -> draws.voidDraw(POLICE, drawId, new DrawService.VoidRequest("抽取有误", version)),
                DomainException.Kind.NOT_FOUND, "No plan with id '" + plan.planId() + "'");
        fails(() -> draws.voidDraw(OPERATOR, "DRW-2026-NONE-1", new DrawService.VoidRequest("抽取有误", version)),
                DomainException.Kind.NOT_FOUND, "No draw with id 'DRW-2026-NONE-1'");
        fails(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("抽取有误", version - 1)),
                DomainException.Kind.CONFLICT, "The draw '" + drawId + "' was changed by someone else; read it"
                        + " again and retry (current version " + version + ")");
        assertThat(job(drawId).hasBeenVoided()).isFalse();

        draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("抽取有误", version));
        int audited = store.audit().size();
        // the same request again changes nothing; another reason is refused
        assertThat(draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("抽取有误", version)).draw().voided()
                .reason()).isEqualTo("抽取有误");
        assertThat(store.audit()).hasSize(audited);
        fails(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("另一个理由", version + 1)),
                DomainException.Kind.CONFLICT, "The draw '" + drawId + "' was voided already, at " + store.now()
                        + ": a draw is voided once");
    }

    @Test
    void aDrawWhoseInspectionsBeganIsNotVoided() {
        targets(3, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        String drawId = draws.draw(ADMIN, plan.planId(), null, null).draw().drawId();
        Plan drawn = store.require(Plan.KIND, plan.planId());
        plans.move(ADMIN, plan.planId(), drawn.version(), PlanStates.IN_PROGRESS);
        fails(() -> draws.voidDraw(ADMIN, drawId, new DrawService.VoidRequest("抽取有误", job(drawId).version())),
                DomainException.Kind.CONFLICT, "The plan '" + plan.planId() + "' is in_progress: its inspections"
                        + " began, and its draw can no longer be voided");
        assertThat(job(drawId).hasBeenVoided()).isFalse();
        // and a plan is approved from a draft only
        fails(() -> plans.approve(ADMIN, plan.planId(), new PlanService.ApproveInput(drawn.version() + 1)),
                DomainException.Kind.CONFLICT, "The plan '" + plan.planId() + "' is in_progress and cannot become"
                        + " approved; from in_progress it can only become completed");
    }

    /** A voiding that stopped after its first write: the draw voided, its plan still drawn. */
    String halfVoided(Plan plan) {
        String drawId = draws.draw(ADMIN, plan.planId(), null, null).draw().drawId();
        DrawJob before = job(drawId);
        store.update(DrawJob.KIND, before, before.voided(new DrawJob.Voiding("抽取有误", store.now(), "op-1"),
                before.version() + 1, store.now()), OPERATOR, "void");
        assertThat(store.require(Plan.KIND, plan.planId()).status()).isEqualTo(PlanStates.DRAWN);
        return drawId;
    }

    @Test
    void aVoidingInterruptedBetweenItsWritesIsFinishedByTheSameRequestOrByTheNextDraw() {
        targets(3, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        Plan one = approved(d -> { });
        String drawId = halfVoided(one);
        assertThat(tasksOf(one.planId(), null)).isEmpty();
        fails(() -> draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("别的理由", 1L)),
                DomainException.Kind.CONFLICT, "The draw '" + drawId + "' was voided already, at " + store.now()
                        + ": a draw is voided once");
        assertThat(store.require(Plan.KIND, one.planId()).status()).isEqualTo(PlanStates.DRAWN);
        draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("抽取有误", job(drawId).version() - 1));
        assertThat(store.require(Plan.KIND, one.planId()).status()).isEqualTo(PlanStates.APPROVED);
        assertThat(store.audit("plan/" + one.planId()).get(3).action()).isEqualTo("void");

        Plan two = approved(d -> { });
        halfVoided(two);
        DrawService.DrawView again = draws.draw(OPERATOR, two.planId(), null, null);
        assertThat(again.draw().round()).isEqualTo(2);
        assertThat(store.audit("plan/" + two.planId())).extracting(a -> a.action() + " " + a.actor())
                .containsExactly("create admin-1", "approve admin-1", "draw admin-1", "void op-1", "draw op-1");
    }

    @Test
    void unassignedTasksAreListedAndGivenInspectorsByHandListedOnceInThePublicRecord() {
        targets(4, "ITEM-F1");
        String only = inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        DrawService.DrawView view = draws.draw(OPERATOR, plan.planId(), null, null);
        String drawId = view.draw().drawId();
        List<Task> unassigned = tasksOf(plan.planId(), Task.UNASSIGNED);
        assertThat(unassigned).hasSize(4).allSatisfy(t -> {
            assertThat(t.unassigned()).isEqualTo("2 inspectors are needed but only 1 passed the plan's checks");
            assertThat(t.inspectors()).isEmpty();
        });
        assertThat(tasksOf(plan.planId(), Task.ASSIGNED)).isEmpty();
        assertThat(details(() -> tasks.byPlan(ADMIN.principal(), plan.planId(), "done", 10, null))).containsExactly(
                "status: 'done' is not a valid status; use one of assigned, entered, exempt, published, returned, reviewed, todo, unassigned");

        String second = inspector("hy-forest", "ITEM-F1");
        String third = inspector("hy-forest", "ITEM-F1");
        String police = inspector("hy-police", "ITEM-GA");
        Task task = unassigned.get(0);
        String conflicted = inspector("hy-forest", "ITEM-F1", "2027-12-31", List.of(task.targetId()));
        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, police,
                conflicted), 1L, null)))).containsExactly(
                "inspectors[1]: '" + police + "' is of 'hy-police', not of the task's departments (hy-forest)",
                "inspectors[1]: '" + police + "' is qualified for none of the task's items (ITEM-F1)",
                "inspectors[2]: '" + conflicted + "' has a conflict of interest with the target '" + task.targetId()
                        + "' (回避)");
        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, second), null,
                "x".repeat(501))))).containsExactly("version: version is required",
                "reason: reason is longer than 500 characters");
        fails(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, second), 2L, null)),
                DomainException.Kind.CONFLICT, "The task '" + task.taskId() + "' was changed by someone else; read"
                        + " it again and retry (current version 1)");
        fails(() -> tasks.assign(POLICE, task.taskId(), new AssignInput(List.of(only, second), 1L, null)),
                DomainException.Kind.NOT_FOUND, "No task with id '" + task.taskId() + "'");

        Task done = tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, second), 1L, "临时调配"));
        assertThat(done.status()).isEqualTo(Task.ASSIGNED);
        assertThat(done.manual()).isTrue();
        assertThat(done.inspectors()).containsExactly(only, second);
        assertThat(done.assignmentNote()).isEqualTo("临时调配");
        assertThat(done.version()).isEqualTo(2);
        assertThat(store.audit("task/" + task.taskId())).extracting(a -> a.action() + " " + a.actor())
                .containsExactly("assign op-1");
        // the same again (a retry after a lost answer): nothing written twice
        int audited = store.audit().size();
        assertThat(tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, second), 1L, "临时调配")))
                .isEqualTo(done);
        assertThat(store.audit()).hasSize(audited);
        assertThat(job(drawId).manual()).containsExactly(new DrawJob.ManualAssignment(task.targetId(),
                List.of(only, second), done.updatedAt()));
        // replaced before any result: still one entry for the target, the latest
        Task again = tasks.assign(ADMIN, task.taskId(), new AssignInput(List.of(third, only), 2L, null));
        Task other = tasks.assign(ADMIN, unassigned.get(1).taskId(), new AssignInput(List.of(second, third), 1L,
                null));
        assertThat(job(drawId).manual()).containsExactly(
                new DrawJob.ManualAssignment(task.targetId(), List.of(third, only), again.updatedAt()),
                new DrawJob.ManualAssignment(other.targetId(), List.of(second, third), other.updatedAt()));
        assertThat(store.audit("draw/" + drawId)).extracting(a -> a.action()).containsExactly("draw", "succeeded",
                "assign", "assign", "assign");
        assertThat(tasksOf(plan.planId(), Task.UNASSIGNED)).hasSize(2);

        Map<String, Object> published = draws.publicRecord(drawId);
        assertThat(published.get("manual").toString()).isEqualTo(List.of(
                new DrawJob.ManualAssignment(task.targetId(), List.of(third, only), again.updatedAt()),
                new DrawJob.ManualAssignment(other.targetId(), List.of(second, third), other.updatedAt()))
                .toString());
        assertThat(published.toString()).doesNotContain("临时调配").doesNotContain("王五");
        assertThat(draws.verify(drawId).verified()).isTrue();
        // the computed part is the record the draw made
        assertThat(published.get("targets")).isEqualTo(view.record().get("targets"));

        // a voided draw's tasks are no longer given inspectors
        draws.voidDraw(OPERATOR, drawId, new DrawService.VoidRequest("抽取有误", job(drawId).version()));
        Task left = unassigned.get(2);
        fails(() -> tasks.assign(OPERATOR, left.taskId(), new AssignInput(List.of(only, second), 1L, null)),
                DomainException.Kind.CONFLICT, "The draw '" + drawId + "' was voided: its tasks are no longer its"
                        + " plan's");
    }

    @Test
    void aJointPlansTaskIsAssignedByItsLeadWithAnInspectorOfEachDepartment() {
        targets(2, "ITEM-F1", "ITEM-GA");
        String forest = inspector("hy-forest", "ITEM-F1");
        String forest2 = inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> {
            d.departments = List.of("hy-forest", "hy-police");
            d.joint = true;
            d.items = List.of("ITEM-F1", "ITEM-GA");
        });
        draws.draw(ADMIN, plan.planId(), null, null);
        Task task = tasksOf(plan.planId(), Task.UNASSIGNED).get(0);
        String police = inspector("hy-police", "ITEM-GA");
        fails(() -> tasks.assign(POLICE_COOPERATING, task.taskId(), new AssignInput(List.of(forest, police), 1L,
                null)), DomainException.Kind.FORBIDDEN, "Inspectors are assigned by hand by an administrator or by"
                + " the plan's lead department 'hy-forest'");
        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(forest, forest2), 1L,
                null)))).containsExactly("inspectors: a joint plan's task needs an inspector of every participating"
                + " department: none of 'hy-police'");
        assertThat(tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(forest, police), 1L, null))
                .inspectors()).containsExactly(forest, police);
    }

    @Test
    void aTaskWithoutAPlanIsAssignedByItsFirstDepartmentWithCertificatesValidToday() {
        String now = store.now();
        Task problem = new Task("TSK-P-2026-0001", Task.PROBLEM, 2026, null, null, targets(1, "ITEM-F1").get(0),
                null, List.of("ITEM-F1"), List.of("hy-forest", "hy-police"), List.of(), Task.UNASSIGNED, null, false, null,
                "complaint", "12345", null, null, null, null, null, null, 1, now, now);
        store.create(Task.KIND, problem, ADMIN);
        String a = inspector("hy-forest", "ITEM-F1");
        String expired = inspector("hy-forest", "ITEM-F1", "2026-03-01", List.of());
        String b = inspector("hy-forest", "ITEM-F1", "2026-03-02", List.of());
        fails(() -> tasks.assign(POLICE, problem.taskId(), new AssignInput(List.of(a, b), 1L, null)),
                DomainException.Kind.FORBIDDEN, "Inspectors are assigned by hand by an administrator or by the"
                        + " task's first department 'hy-forest'");
        assertThat(details(() -> tasks.assign(OPERATOR, problem.taskId(), new AssignInput(List.of(a), 1L, null))))
                .containsExactly("inspectors: at least 2 distinct inspectors are needed (1 given)");
        assertThat(details(() -> tasks.assign(OPERATOR, problem.taskId(), new AssignInput(List.of(a, expired), 1L,
                null)))).containsExactly("inspectors[1]: '" + expired + "' has a certificate valid until"
                + " 2026-03-01, not on 2026-03-02");
        Task done = tasks.assign(OPERATOR, problem.taskId(), new AssignInput(List.of(a, b), 1L, null));
        assertThat(done.manual()).isTrue();
        assertThat(done.status()).isEqualTo(Task.ASSIGNED);
        assertThat(done.source()).isEqualTo("complaint");
    }

    String linked(String account) {
        return inspectors.create(ADMIN, new InspectorInput("王五", "hy-forest", "GD-" + (++serial), "2027-12-31",
                List.of("ITEM-F1"), List.of("林业"), List.of(), account)).inspectorId();
    }

    List<Task> listed(Principal reader, Query q) {
        return tasks.list(reader, q, 200, null).items();
    }

    @Test
    void aVoidedDrawsTasksLeaveTheYearsListsAndReadByIdAsVoided() {
        targets(3, "ITEM-F1");
        String x = linked("sub-x");
        linked("sub-y");
        Plan plan = approved(d -> { });
        String first = draws.draw(OPERATOR, plan.planId(), null, null).draw().drawId();
        List<Task> drawn = tasksOf(plan.planId(), null);
        assertThat(drawn).hasSize(3).allSatisfy(t -> assertThat(t.inspectors()).contains(x));
        Principal me = new Principal("sub-x", "王五", "", Set.of(Role.INSPECTOR));
        Query mine = new Query(null, "me", null, "2026", null);
        Query byId = new Query(null, x, null, "2026", null);
        Query random = new Query(null, null, Task.RANDOM, "2026", null);
        assertThat(listed(me, mine)).containsExactlyElementsOf(drawn);
        assertThat(tasks.view(me, drawn.get(0).taskId())).isEqualTo(new TaskService.TaskView(drawn.get(0), null));

        draws.voidDraw(OPERATOR, first, new DrawService.VoidRequest("抽取有误", job(first).version()));
        // nobody is sent to a voided draw's targets: neither "my tasks" nor any list of the year has them
        assertThat(listed(me, mine)).isEmpty();
        assertThat(listed(new Principal("sub-x", "王五", "", Set.of(Role.INSPECTOR)), new Query(null, "me",
                Task.RANDOM, null, Task.ASSIGNED))).isEmpty();
        assertThat(listed(ADMIN.principal(), byId)).isEmpty();
        assertThat(listed(OPERATOR.principal(), random)).isEmpty();
        assertThat(listed(OPERATOR.principal(), new Query(null, null, Task.RANDOM, "2026", Task.ASSIGNED))).isEmpty();
        // by id it is still read, for the record, and says its draw was voided
        TaskService.TaskView kept = tasks.view(me, drawn.get(0).taskId());
        assertThat(kept).isEqualTo(new TaskService.TaskView(drawn.get(0), true));
        JsonNode json = Json.MAPPER.valueToTree(kept);
        assertThat(json.get("taskId").asText()).isEqualTo(drawn.get(0).taskId());
        assertThat(json.get("drawVoided").asBoolean()).isTrue();
        assertThat(json.has("task")).isFalse();

        // drawn again: the live draw's tasks are listed, and read without the mark
        String second = draws.draw(OPERATOR, plan.planId(), null, null).draw().drawId();
        List<Task> again = tasksOf(plan.planId(), null);
        assertThat(again).hasSize(3).allSatisfy(t -> assertThat(t.drawId()).isEqualTo(second));
        assertThat(listed(me, mine)).containsExactlyElementsOf(again);
        assertThat(listed(ADMIN.principal(), byId)).containsExactlyElementsOf(again);
        assertThat(listed(OPERATOR.principal(), random)).containsExactlyElementsOf(again);
        JsonNode live = Json.MAPPER.valueToTree(tasks.view(me, again.get(0).taskId()));
        assertThat(live).isEqualTo((JsonNode) Json.MAPPER.valueToTree(again.get(0)));
    }

    @Test
    void aDrawVoidedWhileATaskIsAssignedGainsNoHandAssignment() {
        targets(2, "ITEM-F1");
        String only = inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        String drawId = draws.draw(OPERATOR, plan.planId(), null, null).draw().drawId();
        Task task = tasksOf(plan.planId(), Task.UNASSIGNED).get(0);
        String second = inspector("hy-forest", "ITEM-F1");
        // the draw is voided just after the assignment found it live, before the assignment reaches the draw
        TaskService.LiveDraws voidedMeanwhile = new TaskService.LiveDraws() {
            @Override
            public Optional<String> liveDraw(String planId) {
                return draws.liveDraw(planId);
            }

            @Override
            public Set<String> voided(Collection<String> drawIds) {
                return draws.voided(drawIds);
            }

            @Override
            public Optional<String> whyNotAssignable(String id) {
                Optional<String> why = draws.whyNotAssignable(id);
                draws.voidDraw(ADMIN, id, new DrawService.VoidRequest("抽取有误", job(id).version()));
                return why;
            }

            @Override
            public void assignedByHand(Actor actor, Task t) {
                draws.assignedByHand(actor, t);
            }
        };
        TaskService racing = new TaskService(store, voidedMeanwhile);
        fails(() -> racing.assign(OPERATOR, task.taskId(), new AssignInput(List.of(only, second), 1L, null)),
                DomainException.Kind.CONFLICT, "The draw '" + drawId + "' was voided: its tasks are no longer its"
                        + " plan's");
        assertThat(job(drawId).hasBeenVoided()).isTrue();
        assertThat(job(drawId).manual()).isEmpty();
        assertThat(draws.publicRecord(drawId)).doesNotContainKey("manual");
        assertThat(store.audit("draw/" + drawId)).extracting(a -> a.action()).containsExactly("draw", "succeeded",
                "void");
        // asked directly, a voided draw takes no entry either
        Task written = store.require(Task.KIND, task.taskId());
        fails(() -> draws.assignedByHand(OPERATOR, written), DomainException.Kind.CONFLICT, "The draw '" + drawId
                + "' was voided: its tasks are no longer its plan's");
        assertThat(job(drawId).manual()).isEmpty();
    }

    @Test
    void replacingTheInspectorsTheDrawChoseNeedsAReasonAndIsMarkedInThePublicRecord() {
        targets(2, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        Plan plan = approved(d -> { });
        String drawId = draws.draw(OPERATOR, plan.planId(), null, null).draw().drawId();
        Task task = tasksOf(plan.planId(), Task.ASSIGNED).get(0);
        assertThat(task.manual()).isFalse();
        String c = inspector("hy-forest", "ITEM-F1");
        String d = inspector("hy-forest", "ITEM-F1");

        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(c, d), 1L, null))))
                .containsExactly("reason: reason is required to replace the inspectors the draw chose: say why (4 to"
                        + " 500 characters)");
        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(c, d), 1L,
                " 病假 ")))).containsExactly("reason: reason is shorter than 4 characters");
        assertThat(job(drawId).manual()).isEmpty();

        Task replaced = tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(c, d), 1L,
                " 原检查人员张三病假 "));
        assertThat(replaced.inspectors()).containsExactly(c, d);
        assertThat(replaced.manual()).isTrue();
        assertThat(replaced.assignmentNote()).isEqualTo("原检查人员张三病假");
        assertThat(job(drawId).manual()).containsExactly(new DrawJob.ManualAssignment(task.targetId(),
                List.of(c, d), replaced.updatedAt(), true));
        Map<String, Object> published = draws.publicRecord(drawId);
        JsonNode manual = Json.MAPPER.<JsonNode>valueToTree(published).get("manual");
        assertThat(manual).isEqualTo((JsonNode) Json.MAPPER.valueToTree(List.of(Map.of("targetId", task.targetId(),
                "inspectors", List.of(c, d), "at", replaced.updatedAt(), "replacedDrawn", true))));
        assertThat(published.toString()).doesNotContain("病假").doesNotContain("张三");
        assertThat(draws.verify(drawId).verified()).isTrue();

        // assigned by hand now: changed again without a reason, still marked as replacing the draw's choice
        Task again = tasks.assign(ADMIN, task.taskId(), new AssignInput(List.of(d, c), 2L, null));
        assertThat(job(drawId).manual()).containsExactly(new DrawJob.ManualAssignment(task.targetId(),
                List.of(d, c), again.updatedAt(), true));
    }

    @Test
    void aFailedDrawIsVoidedSoThatItsPlanIsDrawnAgain() throws Exception {
        targets(3, "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1");
        JobRunner runner = new JobRunner(store, (f, e) -> { }, CLOCK, () -> new JobRunner.Rhythm(0, 0,
                Long.MAX_VALUE));

        // a draw stopped before it published anything (the bucket refused), then failed by the sweeper
        FileStore refusing = new FileStore() {
            @Override
            public void download(String b, String key, String versionId, Path to) throws IOException {
                bucket.download(b, key, versionId, to);
            }

            @Override
            public void upload(String b, String key, Path from, String contentType) throws IOException {
                throw new IOException("bucket unavailable");
            }

            @Override
            public void upload(String b, String key, byte[] bytes, String contentType) {
                throw new UncheckedIOException(new IOException("bucket unavailable"));
            }

            @Override
            public String presignPut(String b, String key, Duration validFor) {
                return bucket.presignPut(b, key, validFor);
            }

            @Override
            public String presignGet(String b, String key, Duration validFor) {
                return bucket.presignGet(b, key, validFor);
            }

            @Override
            public long size(String b, String key) throws IOException {
                return bucket.size(b, key);
            }
        };
        DrawService failing = new DrawService(store, refusing, "uploads", plans, pool, runner, (f, e) -> { },
                DrawServiceTest.seeded(5));
        Plan one = approved(d -> { });
        assertThatThrownBy(() -> failing.draw(OPERATOR, one.planId(), null, null))
                .isInstanceOf(UncheckedIOException.class);
        String failedId = DrawJob.idFor(one.planId(), 1);
        assertThat(runner.fail(DrawJob.KIND, job(failedId), new Failure("stalled", "抽取中断"), ADMIN,
                CLOCK.instant())).isTrue();
        assertThat(job(failedId).error()).isEqualTo(new Failure("stalled", "抽取中断"));
        assertThat(store.require(Plan.KIND, one.planId()).status()).isEqualTo(PlanStates.APPROVED);
        fails(() -> draws.draw(OPERATOR, one.planId(), null, null), DomainException.Kind.CONFLICT, "The plan '"
                + one.planId() + "' has been drawn already: a plan is drawn once (void its draw to draw it again)");

        DrawService.DrawView voided = draws.voidDraw(OPERATOR, failedId, new DrawService.VoidRequest("抽取失败，重新抽取",
                job(failedId).version()));
        assertThat(voided.draw().voided().reason()).isEqualTo("抽取失败，重新抽取");
        assertThat(voided.draw().error()).isEqualTo(new Failure("stalled", "抽取中断"));
        // the plan never moved: it stays approved, and is drawn again
        assertThat(store.audit("plan/" + one.planId())).extracting(a -> a.action()).containsExactly("create",
                "approve");
        DrawService.DrawView second = draws.draw(OPERATOR, one.planId(), null, null);
        assertThat(second.draw().round()).isEqualTo(2);
        assertThat(second.draw().error()).isNull();
        assertThat(second.drawRecord().voided()).containsExactly(new DrawRecord.Voided(failedId, "抽取失败，重新抽取",
                store.now()));
        assertThat(tasksOf(one.planId(), null)).hasSize(3);

        // a draw that failed after moving its plan to drawn (stopped after its first tasks, then failed)
        JobRunner pausing = new JobRunner(store, (f, e) -> { }, CLOCK, () -> new JobRunner.Rhythm(0, 0, 0));
        DrawService stopping = new DrawService(store, bucket, "uploads", plans, pool, pausing, (f, e) -> { },
                DrawServiceTest.seeded(6));
        Plan two = approved(d -> d.excludeDrawnThisYear = false);
        String stoppedId = stopping.draw(OPERATOR, two.planId(), null, "draw-function").draw().drawId();
        assertThat(store.require(Plan.KIND, two.planId()).status()).isEqualTo(PlanStates.DRAWN);
        assertThat(pausing.fail(DrawJob.KIND, job(stoppedId), new Failure("stalled", "抽取中断"), ADMIN,
                CLOCK.instant())).isTrue();
        draws.voidDraw(ADMIN, stoppedId, new DrawService.VoidRequest("抽取失败，重新抽取", job(stoppedId).version()));
        assertThat(store.require(Plan.KIND, two.planId()).status()).isEqualTo(PlanStates.APPROVED);
        assertThat(store.audit("plan/" + two.planId())).extracting(a -> a.action()).containsExactly("create",
                "approve", "draw", "void");
        assertThat(tasksOf(two.planId(), null)).isEmpty();
        assertThat(draws.draw(ADMIN, two.planId(), null, null).draw().round()).isEqualTo(2);
        assertThat(tasksOf(two.planId(), null)).hasSize(3);
    }

    @Test
    void aHandAssignmentChecksCertificatesOnTheLaterOfStartAndTodayAndSkipsTheTargetsLastInspectors() {
        String target = targets(1, "ITEM-F1").get(0);
        String a = inspector("hy-forest", "ITEM-F1");
        String b = inspector("hy-forest", "ITEM-F1");
        Plan first = approved(d -> d.excludeDrawnThisYear = false);
        draws.draw(ADMIN, first.planId(), null, null);
        assertThat(tasksOf(first.planId(), Task.ASSIGNED).get(0).inspectors()).containsExactlyInAnyOrder(a, b);
        // a plan that started before today (2026-03-02): its draw avoids the target's last inspectors, a and b
        Plan second = approved(d -> {
            d.excludeDrawnThisYear = false;
            d.startDate = "2026-01-15";
        });
        draws.draw(ADMIN, second.planId(), null, null);
        Task task = tasksOf(second.planId(), Task.UNASSIGNED).get(0);
        assertThat(task.targetId()).isEqualTo(target);
        String lapsed = inspector("hy-forest", "ITEM-F1", "2026-02-28", List.of());
        String c = inspector("hy-forest", "ITEM-F1");
        String d = inspector("hy-forest", "ITEM-F1");
        assertThat(details(() -> tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(a, lapsed), 1L,
                null)))).containsExactly(
                "inspectors[0]: '" + a + "' made the target's previous inspection, and is not sent to it again (as"
                        + " the draw does not)",
                "inspectors[1]: '" + lapsed + "' has a certificate valid until 2026-02-28, not on 2026-03-02");
        assertThat(tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(c, d), 1L, null)).inspectors())
                .containsExactly(c, d);
        // the task's own inspectors are not its previous inspection: it is given them again in another order
        assertThat(tasks.assign(OPERATOR, task.taskId(), new AssignInput(List.of(d, c), 2L, null)).inspectors())
                .containsExactly(d, c);
    }
}
