package spotcheck.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.jobs.JobRunner;
import spotcheck.orgs.Org;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanScope;
import spotcheck.plans.QuotaRule;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.tasks.TaskService;

/**
 * Publication through its service over the in-memory store: publishing by hand, the daily run (twice, and
 * interrupted), the batch files read back, and the public lists.
 */
class PublicationServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-28T08:00:00Z"), ZoneOffset.UTC);
    static final byte[] CURSOR_SECRET = "publication-test-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    static final Actor ADMIN = new Actor(new Principal("admin-1", "管理员", "hy-bureau", Set.of(Role.ADMIN)), "r1");
    static final Actor LEAD = new Actor(new Principal("op-a", "资源科", "dept-a", Set.of(Role.OPERATOR)), "r2");
    static final Actor COOPERATING = new Actor(new Principal("op-b", "保护科", "dept-b", Set.of(Role.OPERATOR)), "r3");
    static final Actor OTHER = new Actor(new Principal("op-c", "法规科", "dept-c", Set.of(Role.OPERATOR)), "r4");
    static final String PLAN = "PLAN-2026-PUBTEST1";
    static final String DRAW = "DRW-2026-PUBTEST1-1";
    static final String VOIDED_PLAN = "PLAN-2026-PUBTEST2";
    static final String VOIDED_DRAW = "DRW-2026-PUBTEST2-1";
    /** 00:30 in Asia/Shanghai on 2026-10-29. */
    static final Instant RUN_AT = Instant.parse("2026-10-28T16:30:00Z");

    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles files = new MemoryFiles();
    final Set<String> voided = new HashSet<>(Set.of(VOIDED_DRAW));
    final List<String> continued = new ArrayList<>();
    final TaskService.LiveDraws draws = new TaskService.LiveDraws() {
        @Override
        public Optional<String> liveDraw(String planId) {
            return Optional.of(planId.equals(PLAN) ? DRAW : VOIDED_DRAW);
        }

        @Override
        public Set<String> voided(Collection<String> drawIds) {
            Set<String> v = new HashSet<>();
            drawIds.forEach(id -> {
                if (id != null && voided.contains(id)) {
                    v.add(id);
                }
            });
            return v;
        }

        @Override
        public Optional<String> whyNotAssignable(String drawId) {
            return Optional.empty();
        }

        @Override
        public void assignedByHand(Actor actor, Task task) {
        }
    };
    final TaskService tasks = new TaskService(store, draws);

    PublicationService service(JobRunner.Rhythm rhythm) {
        JobRunner runner = new JobRunner(store, (fn, event) -> continued.add(event), CLOCK, () -> rhythm);
        return new PublicationService(store, tasks, draws, ResultLabels.STANDARD, files, "uploads", runner,
                () -> CURSOR_SECRET);
    }

    final PublicationService publication = service(JobRunner.Rhythm.defaults());

    PublicationServiceTest() {
        String now = store.now();
        store.create(Org.KIND, new Org("dept-a", "资源科", "department", "hy-bureau", null, null, "active", 1, now, now),
                ADMIN);
        store.create(Org.KIND, new Org("dept-b", "保护科", "department", "hy-bureau", null, null, "active", 1, now, now),
                ADMIN);
        store.create(Item.KIND, new Item("ITEM-1", "林木采伐监督检查", "dept-a", "key", "森林法", "采伐许可",
                List.of("on_site"), List.of("enterprise"), "active", null, null, 1, now, now), ADMIN);
        store.create(Item.KIND, new Item("ITEM-2", "木材经营加工抽查", "dept-b", "general", "森林法", "经营加工",
                List.of("written"), List.of("enterprise"), "active", null, null, 1, now, now), ADMIN);
        store.create(Plan.KIND, plan(PLAN, "targeted"), ADMIN);
        store.create(Plan.KIND, plan(VOIDED_PLAN, "random"), ADMIN);
    }

    static Plan plan(String id, String type) {
        return new Plan(id, 2026, "2026年林木采伐监督检查", "annual", type, "dept-a", List.of("dept-a", "dept-b"),
                true, List.of("ITEM-1", "ITEM-2"), PlanScope.EVERYTHING, Map.of("ALL", QuotaRule.ratio("0.03")), 2,
                "2026-08-01", "2026-10-31", true, List.of(), "in_progress", null, 1, "t", "t");
    }

    /** A target with every private field filled. */
    Target target(String code, String name, String type) {
        String now = store.now();
        Target t = new Target(code, code, name, type, "dongyuan", List.of("ITEM-1"), "B", "active", null, "李四",
                "东源县仙塘镇某村12号", "13800138000", "360426199101010071", List.of(), null, 1, now, now);
        store.create(Target.KIND, t, ADMIN);
        return t;
    }

    static TaskResult result(boolean publish, String... codes) {
        List<TaskResult.ItemResult> items = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            items.add(new TaskResult.ItemResult("ITEM-" + (i + 1), codes[i]));
        }
        return new TaskResult("2026-09-25", "on_site", items, "负责人李四（身份证360426199101010071，电话13800138000）在场",
                publish, publish ? null : "待检验检测结果", "insp-1", "2026-09-26T02:00:00Z", "op-a",
                "2026-09-27T02:00:00Z", null, null, null);
    }

    /** A task of the plan (or the voided one) in a status, with a result, due for publication on {@code due}. */
    Task task(String drawId, String targetId, String status, TaskResult result, String due) {
        return task(drawId, targetId, status, result, due, List.of("INS-1", "INS-2"));
    }

    Task task(String drawId, String targetId, String status, TaskResult result, String due, List<String> inspectors) {
        String now = store.now();
        String planId = drawId.equals(DRAW) ? PLAN : VOIDED_PLAN;
        Task t = new Task(Task.drawnId(drawId, targetId), Task.RANDOM, 2026, planId, drawId, targetId, "B",
                List.of("ITEM-1", "ITEM-2"), List.of("dept-a", "dept-b"), inspectors, status, null,
                false, null, null, null, null, "2026-09-25", due, "2026-10-31", result, List.of(), 1, now, now);
        store.create(Task.KIND, t, ADMIN);
        return t;
    }

    static final String CODE_A = "91441625MA4UAAAA1X";

    static String code(int n) {
        String first = "91441625MA4U" + String.format("%05d", n);
        return first + spotcheck.validation.CreditCode.checkCharacter(first);
    }

    @Test
    void aReviewedResultIsPublishedByHandOnceAndOnlyByItsLeadDepartmentOrAnAdmin() {
        Target t = target(code(1), "河源市某木材加工厂", "enterprise");
        Task task = task(DRAW, t.targetId(), Task.REVIEWED, result(true, "NO_PROBLEM", "CORRECTED"), "2026-10-30");

        assertThatThrownBy(() -> publication.publish(OTHER, task.taskId(), new PublicationService.PublishInput(1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> publication.publish(COOPERATING, task.taskId(),
                new PublicationService.PublishInput(1L))).isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("lead department 'dept-a'");
                });
        assertThatThrownBy(() -> publication.publish(LEAD, task.taskId(), new PublicationService.PublishInput(7L)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.CONFLICT));

        Task published = publication.publish(LEAD, task.taskId(), new PublicationService.PublishInput(1L));
        assertThat(published.status()).isEqualTo(Task.PUBLISHED);
        assertThat(published.version()).isEqualTo(2);
        assertThat(published.result().publishedAt()).isEqualTo(CLOCK.instant().toString());
        assertThat(store.get(Task.KIND, task.taskId())).contains(published);
        assertThat(store.audit("task/" + task.taskId()).stream()
                .map(MemoryStore.AuditEntry::action).toList()).containsExactly("create", "publish");

        // again, even with the old version: the same record, nothing written
        assertThat(publication.publish(ADMIN, task.taskId(), new PublicationService.PublishInput(1L)))
                .isEqualTo(published);
        assertThat(store.get(Task.KIND, task.taskId()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void neitherTheEntererNorOneOfTheTasksInspectorsPublishesItsResult() {
        spotcheck.roster.Inspector linked = new spotcheck.roster.InspectorService(store).create(ADMIN,
                new spotcheck.roster.InspectorService.InspectorInput("钱七", "dept-a", "GD-7", "2027-12-31",
                        List.of("ITEM-1"), List.of("林业"), List.of(), "op-a"));
        Target t = target(code(5), "某木业公司", "enterprise");
        Task task = task(DRAW, t.targetId(), Task.REVIEWED, result(true, "NO_PROBLEM"), "2026-10-30",
                List.of(linked.inspectorId(), "INS-2"));
        // the lead department's operator, linked to one of the task's inspectors
        assertThatThrownBy(() -> publication.publish(LEAD, task.taskId(), new PublicationService.PublishInput(1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("You are one of the inspectors of the task '"
                            + task.taskId() + "': another person publishes it");
                });
        // the account that entered the result ("insp-1"), even as an administrator
        Actor enterer = new Actor(new Principal("insp-1", "孙八", "hy-bureau", Set.of(Role.ADMIN)), "r5");
        assertThatThrownBy(() -> publication.publish(enterer, task.taskId(), new PublicationService.PublishInput(1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("You entered the result of the task '" + task.taskId()
                            + "': another person publishes it");
                });
        assertThat(store.get(Task.KIND, task.taskId())).contains(task);
        assertThat(publication.publish(ADMIN, task.taskId(), new PublicationService.PublishInput(1L)).status())
                .isEqualTo(Task.PUBLISHED);
    }

    @Test
    void onlyAReviewedResultToBePublishedMayBe() {
        Target t = target(code(2), "某林场", "enterprise");
        Task exempt = task(DRAW, t.targetId(), Task.EXEMPT, result(false, "PENDING_FOLLOW_UP"), null);
        Target t2 = target(code(3), "某苗圃", "enterprise");
        Task entered = task(DRAW, t2.targetId(), Task.ENTERED, result(true, "NO_PROBLEM"), "2026-10-30");
        Target t3 = target(code(4), "某种子站", "enterprise");
        Task voidedTask = task(VOIDED_DRAW, t3.targetId(), Task.REVIEWED, result(true, "NO_PROBLEM"), "2026-10-30");
        assertThatThrownBy(() -> publication.publish(ADMIN, exempt.taskId(), new PublicationService.PublishInput(1L)))
                .hasMessageContaining("exempt").isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
        assertThatThrownBy(() -> publication.publish(ADMIN, entered.taskId(),
                new PublicationService.PublishInput(1L))).hasMessageContaining("once it has been reviewed");
        assertThatThrownBy(() -> publication.publish(ADMIN, voidedTask.taskId(),
                new PublicationService.PublishInput(1L))).hasMessageContaining("voided draw");
        assertThat(publication.publicResults(t.targetId(), null, 50, null).items()).isEmpty();
    }

    /** The world of the daily run: due, not yet due, exempt, a voided draw's, and one published by hand. */
    Map<String, Task> dailyWorld() {
        Map<String, Task> w = new HashMap<>();
        w.put("due", task(DRAW, target(code(10), "到期企业", "enterprise").targetId(), Task.REVIEWED,
                result(true, "NO_PROBLEM", "UNREACHABLE"), "2026-10-29"));
        w.put("overdue", task(DRAW, target(code(11), "逾期个体户", "individual").targetId(), Task.REVIEWED,
                result(true, "CORRECTED"), "2026-10-20"));
        w.put("later", task(DRAW, target(code(12), "未到期企业", "enterprise").targetId(), Task.REVIEWED,
                result(true, "NO_PROBLEM"), "2026-10-30"));
        w.put("exempt", task(DRAW, target(code(13), "豁免企业", "enterprise").targetId(), Task.EXEMPT,
                result(false, "PENDING_FOLLOW_UP"), "2026-10-20"));
        w.put("entered", task(DRAW, target(code(14), "待审企业", "enterprise").targetId(), Task.ENTERED,
                result(true, "NO_PROBLEM"), "2026-10-20"));
        w.put("voided", task(VOIDED_DRAW, target(code(15), "作废抽取企业", "enterprise").targetId(), Task.REVIEWED,
                result(true, "NO_PROBLEM"), "2026-10-20"));
        Task byHand = task(DRAW, target(code(16), "手动公开企业", "enterprise").targetId(), Task.REVIEWED,
                result(true, "INFO_NOT_PUBLISHED"), "2026-11-20");
        w.put("byHand", publication.publish(LEAD, byHand.taskId(), new PublicationService.PublishInput(1L)));
        return w;
    }

    Task stored(Task t) {
        return store.get(Task.KIND, t.taskId()).orElseThrow();
    }

    @Test
    void theDailyRunPublishesWhatIsDueExportsWhatWasPublishedAndASecondRunChangesNothing(@TempDir Path dir)
            throws Exception {
        Map<String, Task> w = dailyWorld();
        var outcome = publication.run(RUN_AT, invocation()).orElseThrow();
        assertThat(outcome.ending()).isEqualTo(JobRunner.Ending.FINISHED);
        PublicationBatch b = outcome.job();
        assertThat(b.batchId()).isEqualTo("PUB-2026-10-29");
        assertThat(b.status()).isEqualTo("succeeded");
        assertThat(b.published()).isEqualTo(2);
        assertThat(b.skipped()).isEqualTo(1);
        for (String k : List.of("due", "overdue")) {
            assertThat(stored(w.get(k)).status()).as(k).isEqualTo(Task.PUBLISHED);
            assertThat(stored(w.get(k)).result().publishedAt()).isEqualTo(RUN_AT.toString());
        }
        for (String k : List.of("later", "exempt", "entered", "voided")) {
            assertThat(stored(w.get(k)).status()).as(k).isEqualTo(w.get(k).status());
            assertThat(stored(w.get(k)).version()).as(k).isEqualTo(1);
        }
        PublicationBatch.BatchFile file = b.files().get(0);
        assertThat(file.source()).isEqualTo("results");
        assertThat(file.ids()).containsExactlyInAnyOrder(w.get("due").taskId(), w.get("overdue").taskId(),
                w.get("byHand").taskId());
        assertThat(file.rows()).isEqualTo(4);
        assertThat(file.marked()).isEqualTo(3);
        assertThat(file.csvKey()).isEqualTo("publications/2026/PUB-2026-10-29/results.csv");
        assertThat(file.xlsxKey()).isEqualTo("publications/2026/PUB-2026-10-29/results.xlsx");
        for (String k : List.of("due", "overdue", "byHand")) {
            assertThat(stored(w.get(k)).result().publicationBatch()).isEqualTo("PUB-2026-10-29");
        }

        // the files read back with the sheet readers are the rows, header first
        List<List<String>> expected = new ArrayList<>();
        expected.add(ResultRows.HEADER);
        expected.addAll(ResultRows.rowsOf(publication.records(file.ids().stream().map(id -> store.get(Task.KIND, id)
                .orElseThrow()).toList())).stream().map(r -> r.stream().map(c -> c == null ? "" : c).toList())
                .toList());
        assertThat(readBack(dir, file.csvKey())).isEqualTo(expected);
        assertThat(readBack(dir, file.xlsxKey())).isEqualTo(expected);
        byte[] csv = files.files.get(file.csvKey());
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(expected.get(1)).containsExactly(expected.get(1).get(0), expected.get(1).get(1), PLAN,
                "2026年林木采伐监督检查", expected.get(1).get(4), "2026年林木采伐监督检查", "定向", "资源科、保护科",
                "2026-09-25", expected.get(1).get(9), expected.get(1).get(10));

        // the same day again: nothing claimed, nothing written
        Map<String, Long> versions = new HashMap<>();
        w.values().forEach(t -> versions.put(t.taskId(), stored(t).version()));
        Map<String, byte[]> before = new HashMap<>(files.files);
        int audits = store.audit().size();
        assertThat(publication.run(RUN_AT.plusSeconds(3600), invocation())).isEmpty();
        w.values().forEach(t -> assertThat(stored(t).version()).isEqualTo(versions.get(t.taskId())));
        assertThat(files.files).containsOnlyKeys(before.keySet());
        before.forEach((k, v) -> assertThat(files.files.get(k)).isEqualTo(v));
        assertThat(store.audit()).hasSize(audits);
    }

    @Test
    void anInterruptedRunResumesWhereItStoppedAndEndsAsAnUninterruptedOne() {
        Map<String, Task> w = dailyWorld();
        PublicationService pausing = service(new JobRunner.Rhythm(0, 0, 0));
        int runs = 0;
        JobRunner.Outcome<PublicationBatch> o;
        do {
            o = pausing.run(RUN_AT, invocation()).orElseThrow();
            runs++;
        } while (o.ending() == JobRunner.Ending.PAUSED && runs < 50);
        assertThat(o.ending()).isEqualTo(JobRunner.Ending.FINISHED);
        assertThat(runs).isGreaterThan(2);
        assertThat(continued).hasSize(runs - 1).allMatch(e -> e.contains("\"time\":\"" + RUN_AT + "\""));
        PublicationBatch b = o.job();
        assertThat(b.attempt()).isEqualTo(runs);
        assertThat(b.published()).isEqualTo(2);
        assertThat(b.files()).singleElement().satisfies(f -> {
            assertThat(f.ids()).hasSize(3);
            assertThat(f.rows()).isEqualTo(4);
            assertThat(f.marked()).isEqualTo(3);
        });
        for (String k : List.of("due", "overdue", "byHand")) {
            Task t = stored(w.get(k));
            assertThat(t.result().publicationBatch()).isEqualTo("PUB-2026-10-29");
            // published (if by the run) and exported once each
            assertThat(t.version()).isEqualTo(3);
        }
        assertThat(pausing.run(RUN_AT, invocation())).isEmpty();
    }

    @Test
    void thePublicListsAreReadByCreditCodeAndByPlanAndRevealNothingOfUnknownOnes() {
        Map<String, Task> w = dailyWorld();
        publication.run(RUN_AT, invocation());
        Task due = stored(w.get("due"));
        var page = publication.publicResults(due.targetId(), null, 50, null);
        assertThat(page.items()).singleElement().satisfies(r -> {
            assertThat(r.taskId()).isEqualTo(due.taskId());
            assertThat(r.creditCode()).isEqualTo(due.targetId());
            assertThat(r.targetName()).isEqualTo("到期企业");
            assertThat(r.checkType()).isEqualTo("定向");
            assertThat(r.authority()).isEqualTo("资源科、保护科");
            assertThat(r.completedDate()).isEqualTo("2026-09-25");
            assertThat(r.items()).containsExactly(new PublicResult.Item("ITEM-1", "林木采伐监督检查", "未发现问题"),
                    new PublicResult.Item("ITEM-2", "木材经营加工抽查", "通过登记的住所（经营场所）无法联系"));
        });
        assertThat(publication.publicResults(null, PLAN, 50, null).items()).extracting(PublicResult::taskId)
                .containsExactlyInAnyOrder(due.taskId(), w.get("overdue").taskId(), w.get("byHand").taskId());
        assertThat(publication.publicResults(code(99), null, 50, null).items()).isEmpty();
        assertThat(publication.publicResults(stored(w.get("exempt")).targetId(), null, 50, null).items()).isEmpty();
        assertThat(publication.publicResults(null, "PLAN-NOPE", 50, null).items()).isEmpty();
        assertThatThrownBy(() -> publication.publicResults(null, null, 50, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.INVALID));
    }

    /** A result published before its draw was voided leaves the public lists, and no later export holds it. */
    @Test
    void aVoidedDrawsPublishedResultsAreNotPublic() {
        Map<String, Task> w = dailyWorld();
        Task byHand = stored(w.get("byHand"));
        assertThat(publication.publicResults(byHand.targetId(), null, 50, null).items()).hasSize(1);
        voided.add(DRAW);
        assertThat(publication.publicResults(byHand.targetId(), null, 50, null).items()).isEmpty();
        assertThat(publication.publicResults(null, PLAN, 50, null).items()).isEmpty();
        PublicationBatch b = publication.run(RUN_AT, invocation()).orElseThrow().job();
        assertThat(b.published()).isZero();
        assertThat(b.files().get(0).rows()).isZero();
    }

    /**
     * A source of records for the batch tests: those in {@code waiting} and not marked wait; marking fails while
     * {@code crash} is set (an infrastructure error: the run stops there, as a crashed invocation does).
     */
    static final class TestSource implements RowSource {
        final List<String> waiting = new ArrayList<>();
        final Map<String, String> marked = new HashMap<>();
        boolean crash;

        @Override
        public String name() {
            return "penalties";
        }

        @Override
        public List<String> header() {
            return List.of("id");
        }

        @Override
        public spotcheck.core.Page<String> waiting(int limit, String next) {
            List<String> left = waiting.stream().filter(id -> !marked.containsKey(id)).toList();
            int from = next == null ? 0 : Integer.parseInt(next);
            int to = Math.min(left.size(), from + limit);
            return new spotcheck.core.Page<>(left.subList(from, to), to < left.size() ? String.valueOf(to) : null);
        }

        @Override
        public List<List<String>> rows(List<String> ids) {
            return ids.stream().map(List::of).toList();
        }

        @Override
        public void markExported(Actor actor, String batchId, List<String> ids) {
            if (crash) {
                throw new IllegalStateException("the store is unreachable");
            }
            ids.forEach(id -> marked.putIfAbsent(id, batchId));
        }
    }

    /**
     * Yesterday's batch stopped after writing its files and before marking what they hold (its invocation crashed
     * past its retries): today's run finishes it first, so each record is exported by exactly one batch.
     */
    @Test
    void aBatchLeftUnfinishedIsFinishedBeforeTheNextDaysAndNoRecordIsExportedTwice() {
        Map<String, Task> w = dailyWorld();
        TestSource penalties = new TestSource();
        penalties.waiting.addAll(List.of("CASE-1", "CASE-2", "CASE-3"));
        penalties.crash = true;
        PublicationService withPenalties = publication.withSource(penalties);
        assertThatThrownBy(() -> withPenalties.run(RUN_AT, invocation())).hasMessageContaining("unreachable");
        PublicationBatch stuck = store.require(PublicationBatch.KIND, "PUB-2026-10-29");
        assertThat(stuck.status()).isEqualTo("running");
        assertThat(stuck.file("penalties").csvKey()).isNotNull();
        assertThat(stuck.file("penalties").marked()).isZero();

        // the next day: two more penalties, and the task due that day
        penalties.crash = false;
        penalties.waiting.addAll(List.of("CASE-4", "CASE-5"));
        PublicationBatch today = withPenalties.run(RUN_AT.plusSeconds(86_400), invocation()).orElseThrow().job();
        PublicationBatch yesterday = store.require(PublicationBatch.KIND, "PUB-2026-10-29");
        assertThat(yesterday.status()).isEqualTo("succeeded");
        assertThat(yesterday.attempt()).isEqualTo(2);
        assertThat(today.batchId()).isEqualTo("PUB-2026-10-30");
        assertThat(today.status()).isEqualTo("succeeded");
        assertThat(yesterday.file("penalties").ids()).containsExactly("CASE-1", "CASE-2", "CASE-3");
        assertThat(today.file("penalties").ids()).containsExactly("CASE-4", "CASE-5");
        assertThat(penalties.marked).containsExactlyInAnyOrderEntriesOf(Map.of("CASE-1", "PUB-2026-10-29",
                "CASE-2", "PUB-2026-10-29", "CASE-3", "PUB-2026-10-29", "CASE-4", "PUB-2026-10-30",
                "CASE-5", "PUB-2026-10-30"));
        assertThat(yesterday.file("results").ids()).containsExactlyInAnyOrder(w.get("due").taskId(),
                w.get("overdue").taskId(), w.get("byHand").taskId());
        assertThat(today.file("results").ids()).containsExactly(w.get("later").taskId());
        for (PublicationBatch b : List.of(yesterday, today)) {
            for (String id : b.file("results").ids()) {
                assertThat(store.require(Task.KIND, id).result().publicationBatch()).isEqualTo(b.batchId());
            }
        }
    }

    /** The job sweeper resumes an abandoned batch in the publication function with its day's event. */
    @Test
    void theJobSweeperResumesAnAbandonedBatch() {
        dailyWorld();
        TestSource penalties = new TestSource();
        penalties.waiting.add("CASE-1");
        penalties.crash = true;
        PublicationService withPenalties = publication.withSource(penalties);
        assertThatThrownBy(() -> withPenalties.run(RUN_AT, invocation())).hasMessageContaining("unreachable");
        List<String> invoked = new ArrayList<>();
        JobRunner runner = new JobRunner(store, (fn, event) -> invoked.add(fn + " " + event), CLOCK,
                JobRunner.Rhythm::defaults);
        spotcheck.jobs.JobSweeper sweeper = new spotcheck.jobs.JobSweeper(store, runner,
                List.of(PublicationService.staleness("spotcheck-PublicationFunction")));
        // the batch's last sign of life is the store's clock: an hour later it is abandoned
        var swept = sweeper.sweepAll(CLOCK.instant().plusSeconds(3600), "req-sweep");
        assertThat(swept.resumed()).containsExactly("publication/PUB-2026-10-29");
        assertThat(invoked).containsExactly("spotcheck-PublicationFunction " + PublicationService.event(RUN_AT));
        penalties.crash = false;
        PublicationBatch resumed = withPenalties.run(RUN_AT, invocation()).orElseThrow().job();
        assertThat(resumed.status()).isEqualTo("succeeded");
        assertThat(penalties.marked).containsExactly(Map.entry("CASE-1", "PUB-2026-10-29"));
    }

    /** A batch collects at most its cap of ids per source; the rest are the next day's batch's, each exported once. */
    @Test
    void aBatchExportsAtMostItsCapAndLeavesTheRestForTheNextDay() {
        Map<String, Task> w = dailyWorld();
        PublicationService capped = publication.withMaxIdsPerSource(2);
        PublicationBatch first = capped.run(RUN_AT, invocation()).orElseThrow().job();
        assertThat(first.status()).isEqualTo("succeeded");
        PublicationBatch.BatchFile f1 = first.files().get(0);
        assertThat(f1.ids()).hasSize(2);
        assertThat(f1.marked()).isEqualTo(2);
        PublicationBatch second = capped.run(RUN_AT.plusSeconds(86_400), invocation()).orElseThrow().job();
        assertThat(second.batchId()).isEqualTo("PUB-2026-10-30");
        PublicationBatch.BatchFile f2 = second.files().get(0);
        // the next day publishes the one due on 10-30, and exports it and the one the first batch left
        assertThat(second.published()).isEqualTo(1);
        assertThat(f2.ids()).hasSize(2).doesNotContainAnyElementsOf(f1.ids());
        List<String> exported = new ArrayList<>(f1.ids());
        exported.addAll(f2.ids());
        PublicationBatch third = capped.run(RUN_AT.plusSeconds(2 * 86_400), invocation()).orElseThrow().job();
        exported.addAll(third.files().get(0).ids());
        assertThat(exported).containsExactlyInAnyOrder(w.get("due").taskId(), w.get("overdue").taskId(),
                w.get("byHand").taskId(), w.get("later").taskId());
        for (String k : List.of("due", "overdue", "byHand", "later")) {
            String batch = stored(w.get(k)).result().publicationBatch();
            assertThat(batch).as(k).isNotNull();
            assertThat(List.of(first, second, third).stream().filter(b -> b.batchId().equals(batch))
                    .flatMap(b -> b.files().get(0).ids().stream()).filter(w.get(k).taskId()::equals)).hasSize(1);
        }
    }

    /** Publishing and exporting a result keep the evidence it cites and its enterer's note. */
    @Test
    void aPublishedAndExportedResultKeepsItsAttachmentsAndNote() {
        TaskResult r = result(true, "NO_PROBLEM");
        TaskResult cited = new TaskResult(r.inspectionDate(), r.method(), r.items(), r.findings(), r.publish(),
                r.exemptReason(), r.enteredBy(), r.enteredAt(), r.reviewedBy(), r.reviewedAt(), r.reviewComment(),
                null, null, "检验报告已补交", List.of("ATT-1", "ATT-2"));
        Task byHand = task(DRAW, target(code(30), "手动公开企业", "enterprise").targetId(), Task.REVIEWED, cited,
                "2026-11-20");
        Task due = task(DRAW, target(code(31), "到期企业", "enterprise").targetId(), Task.REVIEWED, cited,
                "2026-10-29");
        publication.publish(LEAD, byHand.taskId(), new PublicationService.PublishInput(1L));
        publication.run(RUN_AT, invocation()).orElseThrow();
        for (Task t : List.of(byHand, due)) {
            TaskResult kept = stored(t).result();
            assertThat(kept.publicationBatch()).isEqualTo("PUB-2026-10-29");
            assertThat(kept.publishedAt()).isNotNull();
            assertThat(kept.attachments()).containsExactly("ATT-1", "ATT-2");
            assertThat(kept.exemptNote()).isEqualTo("检验报告已补交");
            assertThat(kept.withPublication(null, null)).isEqualTo(cited);
        }
    }

    /**
     * Individual businesses registered under their keeper's resident ID number, and a legacy 15-digit number: once
     * published, no public record, export or list cursor holds the number, and the public lookup by it finds
     * nothing.
     */
    @Test
    void noTargetsIdNumberAppearsInAnyPublicResponseOrExport() throws IOException {
        java.util.Random random = new java.util.Random(20261029L);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String first = "4416" + String.format("%02d", random.nextInt(30)) + (1950 + random.nextInt(60))
                    + String.format("%02d%02d%03d", 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(1000));
            numbers.add(first + spotcheck.validation.IdNumber.checkCharacter(first));
        }
        numbers.add("441625650101123");
        List<Task> published = new ArrayList<>();
        for (String n : numbers) {
            Target t = target(n, "东源县某木材店", "individual");
            published.add(task(DRAW, t.targetId(), Task.REVIEWED, result(true, "NO_PROBLEM", "CORRECTED"),
                    "2026-10-29"));
        }
        Task enterprise = task(DRAW, target(code(20), "某企业", "enterprise").targetId(), Task.REVIEWED,
                result(true, "NO_PROBLEM"), "2026-10-29");
        PublicationBatch b = publication.run(RUN_AT, invocation()).orElseThrow().job();
        assertThat(b.published()).isEqualTo(numbers.size() + 1);

        StringBuilder seen = new StringBuilder();
        for (String n : numbers) {
            var page = publication.publicResults(n, null, 50, null);
            assertThat(page.items()).as(n).isEmpty();
            assertThat(page.next()).isNull();
        }
        List<PublicResult> byPlan = new ArrayList<>();
        String next = null;
        List<String> cursors = new ArrayList<>();
        do {
            var page = publication.publicResults(null, PLAN, 5, next);
            byPlan.addAll(page.items());
            next = page.next();
            if (next != null) {
                cursors.add(next);
            }
        } while (next != null);
        // the cursors are sealed: neither the numbers nor the task ids show, and an altered one is refused
        assertThat(cursors).hasSize(2);
        seen.append(String.join(" ", cursors));
        for (String c : cursors) {
            assertThat(new String(java.util.Base64.getUrlDecoder().decode(c), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("TSK-", "4416");
        }
        String altered = cursors.get(0).substring(0, 20) + (cursors.get(0).charAt(20) == 'A' ? 'B' : 'A')
                + cursors.get(0).substring(21);
        DomainException refused = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
                () -> publication.publicResults(null, PLAN, 5, altered));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(refused.getMessage()).isEqualTo("The 'next' cursor is not one this list issued");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
                () -> publication.publicResults(null, PLAN, 5, "bm90LWEtY3Vyc29y")).kind())
                .isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(byPlan).hasSize(numbers.size() + 1);
        assertThat(byPlan).filteredOn(r -> r.creditCode() == null).hasSize(numbers.size())
                .allSatisfy(r -> assertThat(r.taskId()).isEqualTo("TSK-2026-PUBTEST1-1"));
        // a target with a credit code is still found by it, under its full task number
        assertThat(publication.publicResults(enterprise.targetId(), null, 50, null).items())
                .extracting(PublicResult::taskId).containsExactly(enterprise.taskId());
        seen.append(new String(spotcheck.core.Json.write(byPlan), java.nio.charset.StandardCharsets.UTF_8));
        for (PublicationBatch.BatchFile f : b.files()) {
            seen.append(new String(files.files.get(f.csvKey()), java.nio.charset.StandardCharsets.UTF_8));
            seen.append(RedactionPropertyTest.xlsxText(files.files.get(f.xlsxKey())));
        }
        assertThat(seen.toString()).contains("东源县某木材店", enterprise.taskId());
        for (String n : numbers) {
            assertThat(seen.toString()).doesNotContain(n);
        }
    }

    List<List<String>> readBack(Path dir, String key) throws IOException, spotcheck.sheets.SheetException {
        Path f = dir.resolve(key.replace('/', '_'));
        Files.write(f, files.files.get(key));
        List<List<String>> rows = new ArrayList<>();
        try (SheetReader r = Sheets.open(f, key, SheetLimits.DEFAULT)) {
            rows.add(r.header());
            for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }

    static JobRunner.Invocation invocation() {
        return new JobRunner.Invocation("req-pub", "spotcheck-PublicationFunction",
                () -> PublicationService.event(RUN_AT), () -> Long.MAX_VALUE);
    }
}
