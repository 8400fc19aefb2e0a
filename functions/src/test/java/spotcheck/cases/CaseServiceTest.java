package spotcheck.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.ADMIN;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.cases.CaseService.CaseInput;
import spotcheck.cases.CaseService.CaseUpdate;
import spotcheck.cases.CaseService.CloseInput;
import spotcheck.cases.CaseService.PublishInput;
import spotcheck.cases.CaseService.Query;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.pool.Candidate;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.ItemService;
import spotcheck.roster.ItemService.ItemInput;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.store.DueIndex;
import spotcheck.store.MemoryStore;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.tasks.TaskService;
import spotcheck.tasks.ResultCategories;
import spotcheck.tasks.ResultService;
import spotcheck.plans.PlanEstimates;
import spotcheck.plans.PlanService;
import spotcheck.store.MemoryFiles;

/**
 * Follow-up cases on the in-memory store: each kind, who may record and read them, the closing rule, the penalty's
 * due date in the byDue index and its publication (by hand and by a batch, idempotent), and a raised risk class that
 * the next draw's candidate pool sees. Tasks with results are written straight through the store.
 */
class CaseServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T02:00:00Z"), ZoneOffset.UTC);
    static final Actor OPERATOR = actor("op-1", "hy-forest", Role.OPERATOR);
    static final Actor OTHER_OPERATOR = actor("op-2", "hy-protect", Role.OPERATOR);
    static final Actor COUNTY = actor("cty-1", "dongyuan", Role.COUNTY);
    static final Actor OTHER_COUNTY = actor("cty-2", "heping", Role.COUNTY);
    static final Actor AUDITOR = actor("aud-1", "hy-bureau", Role.AUDITOR);

    final MemoryStore store = new MemoryStore(CLOCK);
    final TargetService targets = new TargetService(store, CLOCK);
    final TaskService tasks = new TaskService(store, new NoDraws());
    final CalendarService calendar = new CalendarService(store, OfficialCalendars.bundled());
    /** The result categories in effect: the defaults, or as an administrator stored them. */
    final ResultService results = new ResultService(store, tasks, new NoDraws(), new PlanService(store,
            new PlanEstimates(new CandidatePool(store), store)), calendar, new MemoryFiles(), "uploads");
    final CaseService cases = new CaseService(store, tasks, targets, calendar, () -> results.categories().sanctions());
    final PenaltyPublications publications = new PenaltyPublications(store);
    int serial;

    static Actor actor(String sub, String org, Role role) {
        return new Actor(new Principal(sub, "某人", org, Set.of(role)), "req-" + sub);
    }

    /** Tasks here have no draw. */
    static final class NoDraws implements TaskService.LiveDraws {
        public Optional<String> liveDraw(String planId) {
            return Optional.empty();
        }

        public Set<String> voided(Collection<String> drawIds) {
            return Set.of();
        }

        public Optional<String> whyNotAssignable(String drawId) {
            return Optional.empty();
        }

        public void assignedByHand(Actor actor, Task task) {
        }
    }

    @BeforeEach
    void world() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-protect", "保护科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-market", "河源市市场监督管理局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        new ItemService(store).create(ADMIN, new ItemInput("ITEM-F1", "林木采伐监督检查", "hy-forest", "general", "法",
                "内容", List.of("on_site"), List.of("enterprise")));
    }

    String target(String county, String riskClass) {
        return targets.create(ADMIN, new TargetInput(null, "木材加工厂" + (++serial), "enterprise", county,
                List.of("ITEM-F1"), riskClass, "李四", "东源县仙塘镇1号", "13912345678", null)).targetId();
    }

    /** A problem-driven task of hy-forest for the target, with a result of these categories (null: none yet). */
    Task task(String targetId, String status, String... categories) {
        TaskResult result = null;
        if (categories.length > 0) {
            List<TaskResult.ItemResult> items = new ArrayList<>();
            for (String c : categories) {
                items.add(new TaskResult.ItemResult("ITEM-F1", c));
            }
            result = new TaskResult("2026-09-10", "on_site", items, "现场发现问题", true, null, "insp-1",
                    "2026-09-11T00:00:00Z", null, null, null, null, null);
        }
        String now = store.now();
        Task t = new Task("TSK-2026-P-CASE" + (++serial), Task.PROBLEM, 2026, null, null, targetId, null,
                List.of("ITEM-F1"), List.of("hy-forest"), List.of("INS-1", "INS-2"), status, null, false, null,
                "complaint", null, null, result == null ? null : result.inspectionDate(), null, null, result, null, 1,
                now, now);
        store.create(Task.KIND, t, ADMIN);
        return t;
    }

    static CaseInput input(String taskId, String kind) {
        return switch (kind) {
            case Case.TRANSFER -> new CaseInput(taskId, kind, "2026-10-09", "涉嫌无照经营，移送市场监管", "hy-market", null,
                    null, null, null, null);
            case Case.PENALTY -> new CaseInput(taskId, kind, "2026-09-30", "无证采伐林木", null, "河林罚〔2026〕12号",
                    "罚款", "罚款人民币五千元", null, null);
            default -> new CaseInput(taskId, kind, "2026-10-09", "责令限期整改", null, null, null, null, null, null);
        };
    }

    static DomainException failure(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }

    @Test
    void everyKindIsRecordedOnATaskWithAResultAndAudited() {
        Task t = task(target("dongyuan", "B"), Task.REVIEWED, "NO_PROBLEM");
        for (String kind : List.of(Case.TRANSFER, Case.CORRECTION, Case.PENALTY, Case.ABNORMAL_LIST,
                Case.BLACKLIST)) {
            Case c = cases.create(OPERATOR, input(t.taskId(), kind));
            assertThat(c.caseId()).startsWith("CASE-2026-P-CASE").startsWith(Case.taskPrefix(t.taskId()));
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.status()).isEqualTo(Case.OPEN);
            assertThat(c.version()).isEqualTo(1);
            assertThat(cases.get(OPERATOR.principal(), c.caseId())).isEqualTo(c);
            assertThat(store.audit("case/" + c.caseId())).extracting(MemoryStore.AuditEntry::action)
                    .containsExactly("create");
            assertThat(c.publicationDue()).isEqualTo(kind.equals(Case.PENALTY) ? "2026-10-15" : null);
            assertThat(c.authority()).isEqualTo(kind.equals(Case.PENALTY) ? "hy-forest" : null);
            assertThat(c.toDepartment()).isEqualTo(kind.equals(Case.TRANSFER) ? "hy-market" : null);
        }
        assertThat(all(ADMIN.principal(), new Query(t.taskId(), null, null))).extracting(Case::kind)
                .containsExactlyInAnyOrder("transfer", "correction", "penalty", "abnormal_list", "blacklist");
        assertThat(all(ADMIN.principal(), new Query(null, "2026", "penalty"))).extracting(Case::kind)
                .containsExactly("penalty");
        assertThat(all(ADMIN.principal(), new Query(null, "2025", null))).isEmpty();
    }

    List<Case> all(Principal p, Query q) {
        List<Case> found = new ArrayList<>();
        String next = null;
        do {
            Page<Case> page = cases.list(p, q, 2, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    @Test
    void aCaseNeedsAResultAndAnExistingOtherDepartmentForATransfer() {
        String target = target("dongyuan", "B");
        Task open = task(target, Task.ASSIGNED);
        DomainException none = failure(() -> cases.create(OPERATOR, input(open.taskId(), Case.CORRECTION)));
        assertThat(none.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(none.getMessage()).isEqualTo("The task '" + open.taskId() + "' has no result yet: follow-up is"
                + " recorded on a result's findings");
        // an entered or returned result may still change: neither a case nor a raised risk class rests on it
        for (String status : List.of(Task.ENTERED, Task.RETURNED)) {
            Task unreviewed = task(target, status, "UNREACHABLE");
            DomainException early = failure(() -> cases.create(OPERATOR, new CaseInput(unreviewed.taskId(),
                    "correction", "2026-10-09", "整改", null, null, null, null, null, "D")));
            assertThat(early.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(early.getMessage()).isEqualTo("The result of the task '" + unreviewed.taskId() + "' is "
                    + status + ", not yet reviewed: follow-up is recorded on a reviewed result's findings (reviewed,"
                    + " published or exempt)");
            assertThat(early.details()).containsExactly(new DomainException.Detail("taskId", early.getMessage()));
        }
        assertThat(store.require(Target.KIND, target).riskClass()).isEqualTo("B");
        Task t = task(target, Task.REVIEWED, "NO_PROBLEM");
        DomainException own = failure(() -> cases.create(OPERATOR, new CaseInput(t.taskId(), "transfer", "2026-10-09",
                "移送", "hy-forest", null, null, null, null, null)));
        assertThat(own.details()).containsExactly(new DomainException.Detail("toDepartment",
                "A transfer goes to another department than the task's own: 'hy-forest' is one of them"));
        DomainException county = failure(() -> cases.create(OPERATOR, new CaseInput(t.taskId(), "transfer",
                "2026-10-09", "移送", "nowhere", null, null, null, null, null)));
        assertThat(county.details()).containsExactly(new DomainException.Detail("toDepartment",
                "No active organisation 'nowhere'"));
        assertThat(failure(() -> cases.create(OPERATOR, input("TSK-2026-P-NOBODY", Case.CORRECTION))).getMessage())
                .isEqualTo("No task with id 'TSK-2026-P-NOBODY'");
        assertThat(store.audit()).noneMatch(a -> a.entity().startsWith("case/"));
    }

    @Test
    void aMissingCalendarYearIsA422NamingIt() {
        Task t = task(target("dongyuan", "B"), Task.REVIEWED, "NO_PROBLEM");
        DomainException e = failure(() -> cases.create(OPERATOR, new CaseInput(t.taskId(), "penalty", "2022-12-28",
                "处罚", null, "河林罚〔2022〕1号", "警告", null, null, null)));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.code()).isEqualTo("calendar_missing");
        assertThat(e.getMessage()).isEqualTo("No working-day calendar for 2022: an administrator must add it"
                + " (PUT /calendar/2022)");
    }

    @Test
    void whoRecordsAndWhoReads() {
        Task t = task(target("dongyuan", "B"), Task.REVIEWED, "NO_PROBLEM");
        Case byCounty = cases.create(COUNTY, input(t.taskId(), Case.CORRECTION));
        // another department's operator and another county's staff cannot read the task: 404, as for nothing
        for (Actor outsider : List.of(OTHER_OPERATOR, OTHER_COUNTY)) {
            assertThat(failure(() -> cases.create(outsider, input(t.taskId(), Case.CORRECTION))).kind())
                    .isEqualTo(DomainException.Kind.NOT_FOUND);
            DomainException hidden = failure(() -> cases.get(outsider.principal(), byCounty.caseId()));
            assertThat(hidden.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(hidden.getMessage()).isEqualTo("No case with id '" + byCounty.caseId() + "'");
            assertThat(all(outsider.principal(), new Query(null, "2026", null))).isEmpty();
            assertThat(failure(() -> all(outsider.principal(), new Query(t.taskId(), null, null))).kind())
                    .isEqualTo(DomainException.Kind.NOT_FOUND);
        }
        // an auditor reads it, but records nothing
        assertThat(cases.get(AUDITOR.principal(), byCounty.caseId())).isEqualTo(byCounty);
        DomainException auditor = failure(() -> cases.create(AUDITOR, input(t.taskId(), Case.CORRECTION)));
        assertThat(auditor.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(auditor.getMessage()).isEqualTo("Follow-up is recorded by administrators, operators of the task's"
                + " departments and the staff of its target's county");
        assertThat(failure(() -> cases.close(AUDITOR, byCounty.caseId(), new CloseInput(1L, null))).kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(all(AUDITOR.principal(), new Query(null, null, null))).containsExactly(byCounty);
    }

    @Test
    void aFindingCallingForListingIsNotClosedByAnOrderToCorrectAlone() {
        Task t = task(target("dongyuan", "B"), Task.REVIEWED, "UNREACHABLE");
        Case correction = cases.create(OPERATOR, input(t.taskId(), Case.CORRECTION));
        DomainException refused = failure(() -> cases.close(OPERATOR, correction.caseId(), new CloseInput(1L, "已整改")));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refused.getMessage()).isEqualTo("The findings of task '" + t.taskId() + "' call for listing or a"
                + " penalty (items ITEM-F1): its follow-up cannot be closed by an order to correct alone; record a"
                + " penalty, abnormal_list or blacklist case first");
        assertThat(refused.details()).extracting(DomainException.Detail::field).containsExactly("kind");
        assertThat(store.get(Case.KIND, correction.caseId())).contains(correction);

        Case listing = cases.create(OPERATOR, new CaseInput(t.taskId(), "abnormal_list", "2026-10-20", "列入经营异常名录",
                null, "河林异〔2026〕3号", null, null, null, null));
        Case closed = cases.close(OPERATOR, correction.caseId(), new CloseInput(1L, "已整改"));
        assertThat(closed.status()).isEqualTo(Case.CLOSED);
        assertThat(closed.closedAt()).isEqualTo("2026-11-02T02:00:00Z");
        assertThat(closed.closeNote()).isEqualTo("已整改");
        assertThat(closed.version()).isEqualTo(2);
        assertThat(store.audit("case/" + correction.caseId())).extracting(MemoryStore.AuditEntry::action)
                .containsExactly("create", "close");
        assertThat(cases.close(OPERATOR, listing.caseId(), new CloseInput(1L, null)).status()).isEqualTo("closed");
        DomainException again = failure(() -> cases.close(OPERATOR, correction.caseId(), new CloseInput(2L, null)));
        assertThat(again.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(failure(() -> cases.update(OPERATOR, correction.caseId(), new CaseUpdate(null, null, "改", null,
                null, null, null, null, 2L))).getMessage()).isEqualTo("The case '" + correction.caseId()
                + "' is closed");

        // a finding an order to correct answers closes with it alone
        Task minor = task(target("dongyuan", "B"), Task.REVIEWED, "发现问题已责令改正");
        Case order = cases.create(OPERATOR, input(minor.taskId(), Case.CORRECTION));
        assertThat(cases.close(OPERATOR, order.caseId(), new CloseInput(1L, null)).status()).isEqualTo("closed");
    }

    /**
     * A penalty of an individual business registered under its keeper's ID number, whose name and penalty content
     * carry phone numbers in forms the case's own check lets through (in groups, full-width): its public row (and the
     * batch file's cells) has no code and the numbers masked.
     */
    @Test
    void aPenaltysPublicRowIsRedactedAsAPublishedResultIs() {
        String id = "360426199101010071";
        String targetId = targets.create(ADMIN, new TargetInput(id, "个体户王五 电话138-1234-5678", "individual",
                "dongyuan", List.of("ITEM-F1"), "B", "王五", "东源县仙塘镇1号", "13912345678", id)).targetId();
        Task t = task(targetId, Task.PUBLISHED, "REFUSED_INSPECTION");
        Case penalty = cases.create(OPERATOR, new CaseInput(t.taskId(), "penalty", "2026-09-30", "拒不配合检查", null,
                "河林罚〔2026〕16号", "罚款", "当事人王五（电话0762 338 8123，手机１３８１２３４５６７８）罚款五千元",
                null, null));

        List<PenaltyPublications.PenaltyRow> rows = publications.publicRows(List.of(penalty));
        assertThat(rows).containsExactly(new PenaltyPublications.PenaltyRow(penalty.caseId(), null,
                "个体户王五 电话138****5678", "河林罚〔2026〕16号", "2026-09-30", "罚款",
                "当事人王五（电话*******8123，手机138****5678）罚款五千元", "资源科"));
        String cells = publications.rows(List.of(penalty.caseId())).toString();
        assertThat(cells).contains("个体户王五").doesNotContain(id, "1234-5678", "338 8123", "１２３４５６７８");
    }

    @Test
    void whichFindingsCallForListingIsTheConfiguredCategoryListsToSay() {
        // the administrator's list: 无法联系 no longer calls for listing, 待后续处理 now does
        List<ResultCategories.CategoryInput> list = new ArrayList<>();
        ResultCategories.DEFAULTS.forEach(c -> list.add(new ResultCategories.CategoryInput(c.code(), c.label(),
                c.finding(), c.active(), c.code().equals("PENDING_FOLLOW_UP")
                        || c.sanction() && !c.code().equals("UNREACHABLE"))));
        results.putCategories(ADMIN, new ResultService.CategoriesInput(list, 0L));

        Task unreachable = task(target("dongyuan", "B"), Task.REVIEWED, "UNREACHABLE");
        Case order = cases.create(OPERATOR, input(unreachable.taskId(), Case.CORRECTION));
        assertThat(cases.close(OPERATOR, order.caseId(), new CloseInput(1L, null)).status()).isEqualTo("closed");

        Task pending = task(target("dongyuan", "B"), Task.REVIEWED, "PENDING_FOLLOW_UP");
        Case correction = cases.create(OPERATOR, input(pending.taskId(), Case.CORRECTION));
        assertThat(failure(() -> cases.close(OPERATOR, correction.caseId(), new CloseInput(1L, null))).getMessage())
                .isEqualTo("The findings of task '" + pending.taskId() + "' call for listing or a penalty (items"
                        + " ITEM-F1): its follow-up cannot be closed by an order to correct alone; record a penalty,"
                        + " abnormal_list or blacklist case first");
        assertThat(store.get(Case.KIND, correction.caseId())).contains(correction);
    }

    @Test
    void aPenaltyIsDueInTheByDueIndexUntilPublishedByHandOrByABatch() {
        String targetId = target("dongyuan", "B");
        Task t = task(targetId, Task.PUBLISHED, "REFUSED_INSPECTION");
        Case early = cases.create(OPERATOR, input(t.taskId(), Case.PENALTY));
        Case late = cases.create(OPERATOR, new CaseInput(t.taskId(), "penalty", "2026-10-20", "拒不配合检查", null,
                "河林罚〔2026〕15号", "警告", null, "hy-protect", null));
        assertThat(early.publicationDue()).isEqualTo("2026-10-15");
        assertThat(late.publicationDue()).isEqualTo("2026-10-29");
        assertThat(dueThrough("2026-10-14")).isEmpty();
        assertThat(dueThrough("2026-10-15")).containsExactly(early);
        assertThat(dueThrough("2026-11-30")).containsExactly(early, late);
        assertThat(store.listProjected(Case.KIND, DueIndex.through(DueIndex.PENALTY, "2026-12-31"), Key.class, 10, null)
                .items()).containsExactly(new Key(early.caseId(), "2026-10-15"), new Key(late.caseId(), "2026-10-29"));

        // the public rows: subject, document, date, penalty, authority; nothing of a person
        List<PenaltyPublications.PenaltyRow> rows = publications.publicRows(dueThrough("2026-11-30"));
        Target target = store.require(Target.KIND, targetId);
        assertThat(rows).containsExactly(
                new PenaltyPublications.PenaltyRow(early.caseId(), target.creditCode(), target.name(),
                        "河林罚〔2026〕12号", "2026-09-30", "罚款", "罚款人民币五千元", "资源科"),
                new PenaltyPublications.PenaltyRow(late.caseId(), target.creditCode(), target.name(),
                        "河林罚〔2026〕15号", "2026-10-20", "警告", null, "保护科"));
        assertThat(rows.get(1).cells()).containsExactly(target.creditCode() == null ? "" : target.creditCode(),
                target.name(), "河林罚〔2026〕15号", "2026-10-20", "警告", "", "保护科");
        assertThat(PenaltyPublications.HEADERS).containsExactly("统一社会信用代码", "主体名称", "决定书文号", "处罚决定日期",
                "处罚类别", "处罚内容", "处罚机关");
        assertThat(rows.toString()).doesNotContain("李四", "13912345678", "仙塘镇", "无证采伐林木");

        // by hand: published and audited, and still waiting for a batch to export it to the city's system;
        // sending it again changes nothing
        Case byHand = cases.publish(OPERATOR, early.caseId(), new PublishInput(1L));
        assertThat(byHand.publishedAt()).isEqualTo("2026-11-02T02:00:00Z");
        assertThat(byHand.publicationBatch()).isNull();
        assertThat(cases.publish(OPERATOR, early.caseId(), new PublishInput(1L))).isEqualTo(byHand);
        assertThat(dueThrough("2026-11-30")).containsExactly(byHand, late);
        assertThat(publications.waiting(10, null).items()).containsExactly(early.caseId(), late.caseId());

        // by a batch: marked once, whatever the repeats; the one published by hand keeps its publication time
        assertThat(publications.markPublished(ADMIN, List.of(early.caseId(), late.caseId()), "PUB-20261102"))
                .extracting(Case::caseId).containsExactly(early.caseId(), late.caseId());
        assertThat(store.require(Case.KIND, early.caseId()).publishedAt()).isEqualTo("2026-11-02T02:00:00Z");
        assertThat(publications.markPublished(ADMIN, List.of(early.caseId(), late.caseId()), "PUB-20261102"))
                .isEmpty();
        Case batched = store.require(Case.KIND, late.caseId());
        assertThat(batched.publicationBatch()).isEqualTo("PUB-20261102");
        assertThat(batched.version()).isEqualTo(2);
        assertThat(dueThrough("2026-12-31")).isEmpty();
        assertThat(store.audit("case/" + late.caseId())).extracting(MemoryStore.AuditEntry::action)
                .containsExactly("create", "publish");

        // a published penalty's public fields no longer change; its summary may
        DomainException fixed = failure(() -> cases.update(OPERATOR, late.caseId(), new CaseUpdate(null, "2026-10-21",
                null, null, null, null, null, null, 2L)));
        assertThat(fixed.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(cases.update(OPERATOR, late.caseId(), new CaseUpdate("penalty", null, "拒不配合检查，已缴纳", null,
                null, null, null, null, 2L)).summary()).isEqualTo("拒不配合检查，已缴纳");
        // only a penalty is published
        Case correction = cases.create(OPERATOR, input(t.taskId(), Case.CORRECTION));
        assertThat(failure(() -> cases.publish(OPERATOR, correction.caseId(), new PublishInput(1L))).kind())
                .isEqualTo(DomainException.Kind.CONFLICT);
    }

    /** What a reader of the byDue index (the reminder run) may ask of each entry. */
    record Key(String caseId, String publicationDue) { }

    List<Case> dueThrough(String date) {
        List<Case> found = new ArrayList<>();
        String next = null;
        do {
            Page<Case> page = publications.due(date, 1, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    @Test
    void anUpdateMovesAPenaltysDueDateWithItsDecision() {
        Task t = task(target("dongyuan", "B"), Task.REVIEWED, "NO_PROBLEM");
        Case c = cases.create(OPERATOR, input(t.taskId(), Case.PENALTY));
        assertThat(failure(() -> cases.update(OPERATOR, c.caseId(), new CaseUpdate(null, "2026-09-24", null, null,
                null, null, null, null, 7L))).kind()).isEqualTo(DomainException.Kind.CONFLICT);
        DomainException kind = failure(() -> cases.update(OPERATOR, c.caseId(), new CaseUpdate("correction", null,
                null, null, null, null, null, null, 1L)));
        assertThat(kind.details()).containsExactly(new DomainException.Detail("kind",
                "kind cannot be changed (the case is a penalty)"));
        Case moved = cases.update(OPERATOR, c.caseId(), new CaseUpdate(null, "2026-09-24", null, null, null, null,
                null, null, 1L));
        assertThat(moved.decisionDate()).isEqualTo("2026-09-24");
        assertThat(moved.publicationDue()).isEqualTo("2026-10-12");
        assertThat(dueThrough("2026-10-12")).containsExactly(moved);
        assertThat(store.audit("case/" + c.caseId())).extracting(MemoryStore.AuditEntry::action)
                .containsExactly("create", "update");
    }

    @Test
    void aFindingRaisesTheTargetsRiskClassWhichTheNextDrawsPoolSees() {
        String targetId = target("dongyuan", "B");
        Task t = task(targetId, Task.REVIEWED, "REFUSED_INSPECTION");
        DomainException lower = failure(() -> cases.create(OPERATOR, new CaseInput(t.taskId(), "correction",
                "2026-10-09", "整改", null, null, null, null, null, "A")));
        assertThat(lower.details()).containsExactly(new DomainException.Detail("raiseRiskClass",
                "The target '" + targetId + "' is of risk class B: a finding can only raise it (A→B→C→D)"));

        Case c = cases.create(COUNTY, new CaseInput(t.taskId(), "blacklist", "2026-10-09", "列入严重违法失信名单", null,
                "河林黑〔2026〕1号", null, null, null, "D"));
        assertThat(c.riskRaise()).isEqualTo(new Case.RiskRaise("B", "D"));
        Target raised = store.require(Target.KIND, targetId);
        assertThat(raised.riskClass()).isEqualTo("D");
        assertThat(raised.version()).isEqualTo(2);
        assertThat(store.audit("target/" + targetId)).extracting(MemoryStore.AuditEntry::action)
                .containsExactly("create", "raise-risk-class:" + c.caseId());
        List<Candidate> pool = new ArrayList<>();
        new CandidatePool(store).read(List.of("dongyuan"), pool::addAll);
        assertThat(pool).filteredOn(x -> x.targetId().equals(targetId)).extracting(Candidate::riskClass)
                .containsExactly("D");
        assertThat(failure(() -> cases.create(OPERATOR, new CaseInput(t.taskId(), "correction", "2026-10-09", "整改",
                null, null, null, null, null, "C"))).details()).extracting(DomainException.Detail::message)
                .containsExactly("The target '" + targetId + "' is of risk class D: a finding can only raise it"
                        + " (A→B→C→D)");
    }
}
