package spotcheck.draws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draw.Candidates;
import spotcheck.draw.DrawRecord;
import spotcheck.draw.InspectorCandidate;
import spotcheck.jobs.JobRunner;
import spotcheck.jobs.JobState;
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
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;
import spotcheck.store.Store;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

/**
 * The draw service on the in-memory store and bucket: one draw per plan, the stored record and its verification,
 * tasks with deterministic ids, resuming an interrupted draw, joint plans, and the candidates' exclusions.
 */
class DrawServiceTest {
    static final Actor POLICE = new Actor(new Principal("op-3", "Police", "hy-police", Set.of(Role.OPERATOR)),
            "req-police");

    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles bucket = new MemoryFiles();
    final CandidatePool pool = new CandidatePool(store);
    final PlanService plans = new PlanService(store, new PlanEstimates(pool, store));
    final TargetService targets = new TargetService(store, CLOCK);
    final InspectorService inspectors = new InspectorService(store);
    final List<List<String>> continued = new ArrayList<>();
    final DrawService draws = service(Long.MAX_VALUE);
    final TaskService tasks = new TaskService(store, draws);
    int serial;

    DrawService service(long sliceMillis) {
        JobRunner runner = new JobRunner(store, (f, e) -> continued.add(List.of(f, e)), CLOCK,
                () -> new JobRunner.Rhythm(0, 0, sliceMillis));
        return new DrawService(store, bucket, "uploads", plans, pool, runner,
                (f, e) -> continued.add(List.of(f, e)), seeded(7));
    }

    /** A generator that gives the same bytes each time: the tests compare draws. */
    static Supplier<SecureRandom> seeded(long seed) {
        return () -> {
            try {
                SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
                r.setSeed(seed);
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
        orgs.create(ADMIN, new OrgInput("hy-police", "河源市公安局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        ItemService items = new ItemService(store);
        items.create(ADMIN, new ItemInput("ITEM-F1", "林木采伐监督检查", "hy-forest", "general", "法", "内容",
                List.of("on_site"), List.of("enterprise")));
        items.create(ADMIN, new ItemInput("ITEM-GA", "爆破作业单位抽查", "hy-police", "general", "法", "内容",
                List.of("on_site"), List.of("enterprise")));
    }

    List<String> targets(int n, String riskClass, String... items) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(targets.create(ADMIN, new TargetInput(null, "木材加工厂" + (++serial), "enterprise", "dongyuan",
                    List.of(items), riskClass, null, null, null, null)).targetId());
        }
        return ids;
    }

    String inspector(String org, String item, List<String> conflicts) {
        return inspectors.create(ADMIN, new InspectorInput("王五", org, "GD-" + (++serial), "2027-12-31", List.of(item),
                List.of("林业"), conflicts, null)).inspectorId();
    }

    Plan approved(PlanDraft d) {
        Plan p = plans.create(ADMIN, d.fields());
        return plans.approve(ADMIN, p.planId(), new PlanService.ApproveInput(1L)).plan();
    }

    static PlanDraft forest(String... quota) {
        PlanDraft d = PlanDraft.random().quota((Object[]) quota);
        d.year = 2026;
        d.startDate = "2026-08-01";
        d.endDate = "2026-10-31";
        return d;
    }

    List<Task> tasksOf(String planId) {
        Page<Task> page = tasks.byPlan(ADMIN.principal(), planId, 200, null);
        assertThat(page.next()).isNull();
        return page.items();
    }

    @Test
    void drawsAPlanOnceWritingItsRecordTasksAndTheMoveToDrawn() {
        targets(40, "B", "ITEM-F1");
        for (int i = 0; i < 4; i++) {
            inspector("hy-forest", "ITEM-F1", List.of());
        }
        Plan plan = approved(forest("ALL", "0.1"));

        DrawService.DrawView view = draws.draw(OPERATOR, plan.planId(), new DrawService.DrawRequest("8812"), null);

        DrawJob job = view.draw();
        assertThat(job.drawId()).isEqualTo("DRW-" + plan.planId().substring(5) + "-1");
        assertThat(job.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.targets()).isEqualTo(4);
        assertThat(job.candidates()).isEqualTo(40);
        assertThat(job.tasksWritten()).isEqualTo(4);
        DrawRecord record = view.drawRecord();
        assertThat(record.witness()).isEqualTo("8812");
        assertThat(record.random()).hasSize(64);
        assertThat(record.strata()).containsExactly(new DrawRecord.Stratum("ALL", "0.1", null, 40, 4));
        assertThat(record.targets()).allSatisfy(t -> assertThat(t.inspectors()).hasSize(2));
        assertThat(store.require(Plan.KIND, plan.planId()).status()).isEqualTo(PlanStates.DRAWN);
        assertThat(draws.verify(job.drawId())).isEqualTo(new DrawService.VerifyResult(true,
                "verified: 4 targets, 8 inspector assignments reproduced", List.of()));
        assertThat(bucket.files).containsKeys("draws/" + job.drawId() + "/record.json",
                "draws/" + job.drawId() + "/candidates.json");

        List<Task> written = tasksOf(plan.planId());
        assertThat(written).extracting(Task::taskId).containsExactlyInAnyOrderElementsOf(record.targets().stream()
                .map(t -> "TSK-" + job.drawId().substring(4) + "-" + t.id()).toList());
        for (DrawRecord.Target t : record.targets()) {
            Task task = tasks.get(ADMIN.principal(), Task.drawnId(job.drawId(), t.id()));
            assertThat(task.inspectors()).isEqualTo(t.inspectors());
            assertThat(task.kind()).isEqualTo(Task.RANDOM);
            assertThat(task.status()).isEqualTo(Task.ASSIGNED);
            assertThat(task.items()).containsExactly("ITEM-F1");
        }

        assertThatThrownBy(() -> draws.draw(OPERATOR, plan.planId(), null, null)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.getMessage()).isEqualTo("The plan '" + plan.planId()
                        + "' has been drawn already: a plan is drawn once (void its draw to draw it again)"));
    }

    @Test
    void aSecondDrawThatFindsTheDrawCreatedAnswersConflict() {
        targets(5, "B", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1", List.of());
        inspector("hy-forest", "ITEM-F1", List.of());
        Plan plan = approved(forest("ALL", "0.5"));
        // a concurrent request that created the draw first, before the plan moved on
        store.create(DrawJob.KIND, new DrawJob(DrawJob.idFor(plan.planId(), 1), plan.planId(), 1, "00".repeat(32),
                null, null, JobState.PENDING, 0, null, null, null, 0, 0, 0, false, 0, null, List.of(), List.of(), "admin-1",
                "hy-bureau", List.of("admin"), 1, store.now(), null, null, store.now()), ADMIN);
        assertThatThrownBy(() -> draws.draw(OPERATOR, plan.planId(), null, null)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
    }

    @Test
    void aDraftIsNotDrawnAndAnotherDepartmentDoesNotDraw() {
        targets(5, "B", "ITEM-F1");
        Plan draft = plans.create(ADMIN, forest("ALL", "0.5").fields());
        assertThatThrownBy(() -> draws.draw(OPERATOR, draft.planId(), null, null)).hasMessage("The plan '"
                + draft.planId() + "' is a draft: approve it first");
        Plan plan = approved(forest("ALL", "0.5"));
        assertThatThrownBy(() -> draws.draw(POLICE, plan.planId(), null, null)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }

    @Test
    void anInterruptedDrawResumesWithTheSameTasksAndNoneTwice() {
        targets(250, "B", "ITEM-F1");
        for (int i = 0; i < 5; i++) {
            inspector("hy-forest", "ITEM-F1", List.of());
        }
        Plan plan = approved(forest("ALL", "1"));
        DrawService slicing = service(0);
        DrawService.DrawView first = slicing.draw(OPERATOR, plan.planId(), null, "spotcheck-DrawFunction");
        String drawId = first.draw().drawId();
        assertThat(first.record()).isNull();
        assertThat(first.draw().tasksWritten()).isEqualTo(100);
        assertThat(continued).containsExactly(List.of("spotcheck-DrawFunction", "{\"drawId\":\"" + drawId + "\"}"));
        // a crash after writing part of the next chunk, before its checkpoint
        DrawRecord record = readRecord(drawId);
        DrawRecord.Target next = record.targets().get(100);
        Task early = new Task(Task.drawnId(drawId, next.id()), Task.RANDOM, 2026, plan.planId(), drawId, next.id(),
                next.stratum(), List.of("ITEM-F1"), List.of("hy-forest"), next.inspectors(), Task.ASSIGNED, null,
                false, null, null, null, null, null, null, null, null, null, 1, store.now(), store.now());
        store.create(Task.KIND, early, ADMIN);

        while (store.require(DrawJob.KIND, drawId).status().equals(JobState.RUNNING)) {
            slicing.run(drawId, new JobRunner.Invocation("retry", "spotcheck-DrawFunction",
                    () -> DrawService.event(drawId), () -> Long.MAX_VALUE));
        }
        DrawJob done = store.require(DrawJob.KIND, drawId);
        assertThat(done.status()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.tasksWritten()).isEqualTo(250);
        List<Task> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Task> page = tasks.byPlan(ADMIN.principal(), plan.planId(), 200, cursor);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        assertThat(all).hasSize(250);
        assertThat(all.stream().map(Task::targetId).collect(Collectors.toSet())).isEqualTo(record.targets().stream()
                .map(DrawRecord.Target::id).collect(Collectors.toSet()));
        assertThat(store.require(Task.KIND, early.taskId())).isEqualTo(early);
        assertThat(slicing.verify(drawId).verified()).isTrue();
        assertThat(slicing.run(drawId, new JobRunner.Invocation("again", null, () -> "", () -> Long.MAX_VALUE)))
                .isEmpty();
    }

    DrawRecord readRecord(String drawId) {
        return spotcheck.core.Json.read(bucket.files.get("draws/" + drawId + "/record.json"), DrawRecord.class);
    }

    @Test
    void aJointPlanSendsAnInspectorOfEveryDepartmentToEveryTarget() {
        targets(30, "B", "ITEM-F1", "ITEM-GA");
        List<String> forest = List.of(inspector("hy-forest", "ITEM-F1", List.of()),
                inspector("hy-forest", "ITEM-F1", List.of()), inspector("hy-forest", "ITEM-F1", List.of()));
        List<String> police = List.of(inspector("hy-police", "ITEM-GA", List.of()),
                inspector("hy-police", "ITEM-GA", List.of()));
        PlanDraft d = forest("ALL", "0.2");
        d.departments = List.of("hy-forest", "hy-police");
        d.joint = true;
        d.items = List.of("ITEM-F1", "ITEM-GA");
        Plan plan = approved(d);

        DrawService.DrawView view = draws.draw(ADMIN, plan.planId(), null, null);

        assertThat(view.drawRecord().departments()).containsExactly("hy-forest", "hy-police");
        assertThat(view.drawRecord().targets()).hasSize(6).allSatisfy(t -> {
            assertThat(t.inspectors()).hasSize(2);
            assertThat(t.inspectors()).anyMatch(forest::contains).anyMatch(police::contains);
        });
        assertThat(tasksOf(plan.planId())).hasSize(6).allSatisfy(t -> {
            assertThat(t.items()).containsExactly("ITEM-F1", "ITEM-GA");
            assertThat(t.departments()).containsExactly("hy-forest", "hy-police");
        });
        assertThat(draws.verify(view.draw().drawId()).verified()).isTrue();
    }

    @Test
    void conflictsPreviousInspectorsAndTargetsDrawnThisYearAreLeftOut() {
        List<String> a = targets(6, "A", "ITEM-F1");
        List<String> d = targets(6, "D", "ITEM-F1");
        String conflicted = inspector("hy-forest", "ITEM-F1", List.of(a.get(0), "NOT-A-CANDIDATE"));
        inspector("hy-forest", "ITEM-F1", List.of());
        inspector("hy-forest", "ITEM-F1", List.of());
        // certificate expired before the plan starts, and not qualified: not in the pool
        inspectors.create(ADMIN, new InspectorInput("李四", "hy-forest", "GD-OLD", "2026-07-31", List.of("ITEM-F1"),
                List.of(), List.of(), null));
        inspector("hy-forest", "ITEM-GA", List.of());

        Plan first = approved(forest("A", "1", "B", "1", "C", "1", "D", "1"));
        DrawService.DrawView one = draws.draw(ADMIN, first.planId(), null, null);
        Candidates firstCandidates = draws.candidates(one.draw().drawId());
        assertThat(firstCandidates.inspectors()).extracting(InspectorCandidate::id).hasSize(3);
        assertThat(firstCandidates.inspectors()).filteredOn(x -> x.id().equals(conflicted))
                .extracting(InspectorCandidate::excluded).containsExactly(List.of(a.get(0)));
        assertThat(one.drawRecord().targets()).hasSize(12);

        PlanDraft again = forest("A", "1", "B", "1", "C", "1", "D", "1");
        again.redrawClasses = List.of("D");
        again.name = "第二批";
        Plan second = approved(again);
        DrawService.DrawView two = draws.draw(ADMIN, second.planId(), null, null);
        Candidates secondCandidates = draws.candidates(two.draw().drawId());
        assertThat(secondCandidates.targets()).extracting(t -> t.id()).containsExactlyInAnyOrderElementsOf(d);
        // each inspector sent to a target last time is excluded from it now
        Map<String, List<String>> sentBefore = one.drawRecord().targets().stream().collect(Collectors.toMap(
                DrawRecord.Target::id, DrawRecord.Target::inspectors));
        for (InspectorCandidate x : secondCandidates.inspectors()) {
            Set<String> expected = new HashSet<>();
            d.forEach(t -> {
                if (sentBefore.get(t).contains(x.id())) {
                    expected.add(t);
                }
            });
            assertThat(new HashSet<>(x.excluded())).as(x.id()).isEqualTo(expected);
        }
        assertThat(two.drawRecord().targets()).allSatisfy(t -> assertThat(t.inspectors())
                .doesNotContainAnyElementsOf(sentBefore.get(t.id())));
    }

    @Test
    void thePublicRecordIsTheStoredOne() {
        targets(10, "B", "ITEM-F1");
        inspector("hy-forest", "ITEM-F1", List.of());
        inspector("hy-forest", "ITEM-F1", List.of());
        Plan plan = approved(forest("ALL", "0.3"));
        DrawService.DrawView view = draws.draw(ADMIN, plan.planId(), null, null);
        Map<String, Object> published = draws.publicRecord(view.draw().drawId());
        assertThat(published).containsEntry("algorithm", "hmac-sha256-rank/v1").containsEntry("planId",
                plan.planId()).doesNotContainKey("random").doesNotContainKey("witness");
        assertThat(spotcheck.core.Json.MAPPER.convertValue(published, DrawRecord.class)).isEqualTo(view.drawRecord());
        assertThatThrownBy(() -> draws.publicRecord("DRW-NONE-1")).hasMessage("No draw with id 'DRW-NONE-1'");
        assertThat(Store.class).isNotNull();
    }
}
