package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.DONGYUAN;
import static spotcheck.store.StoreFixtures.NOW;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.DomainException.Detail;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanDraft;
import spotcheck.plans.PlanEstimate;
import spotcheck.plans.PlanEstimate.Stratum;
import spotcheck.plans.PlanEstimates;
import spotcheck.plans.PlanScope;
import spotcheck.plans.PlanService;
import spotcheck.plans.PlanService.ApproveInput;
import spotcheck.plans.PlanService.Approval;
import spotcheck.plans.PlanService.PlanUpdate;
import spotcheck.plans.PlanStates;
import spotcheck.plans.QuotaRule;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.ItemService;
import spotcheck.roster.ItemService.ItemInput;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.DeactivateInput;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** PlanService on the in-memory store: validation, access, state moves, estimates and the annual floor. */
class PlanServiceTest {
    static final Actor PROTECTION = new Actor(new Principal("op-2", "Operator", "hy-protect", Set.of(Role.OPERATOR)),
            "req-op2");
    static final Actor HEPING = new Actor(new Principal("county-2", "Heping", "heping", Set.of(Role.COUNTY)),
            "req-county2");
    static final Principal INSPECTOR = new Principal("ins-1", "Inspector", "hy-forest", Set.of(Role.INSPECTOR));

    final MemoryStore store = new MemoryStore(CLOCK);
    final PlanService plans = new PlanService(store, new PlanEstimates(new CandidatePool(store), store));
    final TargetService targets = new TargetService(store, CLOCK);
    int serial;

    @BeforeEach
    void world() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-protect", "保护科", "department", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("hy-police", "河源市公安局", "agency", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        ItemService items = new ItemService(store);
        items.create(ADMIN, item("ITEM-F1", "林木采伐监督检查", "hy-forest"));
        items.create(ADMIN, item("ITEM-F2", "木材经营加工抽查", "hy-forest"));
        items.create(ADMIN, item("ITEM-P1", "野生植物采集收购出售检查", "hy-protect"));
        items.create(ADMIN, item("ITEM-GA", "爆破作业单位抽查", "hy-police"));
    }

    static ItemInput item(String id, String name, String department) {
        return new ItemInput(id, name, department, "general", "法", "内容", List.of("on_site"), List.of("enterprise"));
    }

    /** {@code n} active targets of a county and risk class under the items. */
    List<String> targets(int n, String county, String riskClass, String... items) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(targets.create(ADMIN, new TargetInput(null, "木材加工厂" + (++serial), "enterprise", county,
                    List.of(items), riskClass, null, null, null, null)).targetId());
        }
        return ids;
    }

    static Consumer<DomainException> failsWith(DomainException.Kind kind, String message) {
        return e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(message);
        };
    }

    static PlanUpdate change(Plan p, PlanDraft d, Long version) {
        return new PlanUpdate(p.planId(), d.year, d.name, d.level, d.type, d.leadDepartment, d.departments, d.joint,
                d.items, d.scope, d.quota, d.inspectorsPerTarget, d.startDate, d.endDate, d.excludeDrawnThisYear,
                d.redrawClasses, p.status(), p.estimate(), version, p.createdAt(), p.updatedAt());
    }

    @Test
    void draftsAPlanAtVersionOneWithItsAuditRecord() {
        PlanDraft d = PlanDraft.random().quota("A", "0.050", "B", "0.03", "C", "0.2", "D", 5);
        d.departments = List.of("hy-forest");
        Plan plan = plans.create(OPERATOR, d.fields());
        assertThat(plan.planId()).matches("PLAN-2023-[0-9A-HJKMNP-TV-Z]{8}");
        assertThat(plan).isEqualTo(new Plan(plan.planId(), 2023, "2023年林木采伐监督检查", "annual", "random",
                "hy-forest", List.of("hy-forest"), false, List.of("ITEM-F1"), PlanScope.EVERYTHING,
                Map.of("A", QuotaRule.ratio("0.05"), "B", QuotaRule.ratio("0.03"), "C", QuotaRule.ratio("0.2"),
                        "D", QuotaRule.count(5)), 2, "2023-08-01", "2023-10-31", true, List.of(), "draft", null, 1,
                NOW, NOW));
        assertThat(store.require(Plan.KIND, plan.planId())).isEqualTo(plan);
        assertThat(store.audit("plan/" + plan.planId())).extracting(AuditEntry::action, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create", "op-1"));
    }

    @Test
    void aJointPlanNamesTheLeadFirstThenItsCooperatingDepartments() {
        PlanDraft d = PlanDraft.random();
        d.name = "2023年爆破作业单位联合抽查";
        d.leadDepartment = "hy-police";
        d.departments = List.of("hy-forest", "hy-police");
        d.items = List.of("ITEM-GA", "ITEM-F1");
        Plan plan = plans.create(ADMIN, d.fields());
        assertThat(plan.departments()).containsExactly("hy-police", "hy-forest");
        assertThat(plan.cooperating()).containsExactly("hy-forest");
        assertThat(plan.joint()).isTrue();
    }

    /** One invalid body each: the details name exactly the field and what is wrong with it. */
    @Test
    void eachRuleIsA422NamingItsField() {
        Map<String, Consumer<PlanDraft>> cases = new java.util.LinkedHashMap<>();
        Map<String, List<Detail>> expected = new java.util.LinkedHashMap<>();
        cases.put("no items", d -> d.items = List.of());
        expected.put("no items", List.of(new Detail("items", "A plan needs at least one inspection item")));
        cases.put("a ratio above 1", d -> d.quota("ALL", "1.5"));
        expected.put("a ratio above 1", List.of(new Detail("quota.ALL", "the ratio 1.5 is outside (0, 1]")));
        cases.put("a ratio of 0", d -> d.quota("A", "0", "B", "0.1", "C", "0.1", "D", "0.1"));
        expected.put("a ratio of 0", List.of(new Detail("quota.A", "the ratio 0 is outside (0, 1]")));
        cases.put("a ratio as a JSON number", d -> d.quota("ALL", 0.05));
        expected.put("a ratio as a JSON number", List.of(new Detail("quota.ALL", "a ratio is a decimal string such as"
                + " \"0.05\" (written as a string, so no digit is lost), a count a whole number such as 5")));
        cases.put("a count of 0", d -> d.quota("ALL", 0));
        expected.put("a count of 0", List.of(new Detail("quota.ALL", "the count 0 is not a whole number from 1 to"
                + " 1000000")));
        cases.put("one inspector", d -> d.inspectorsPerTarget = 1);
        expected.put("one inspector", List.of(new Detail("inspectorsPerTarget", "Each drawn target needs at least 2"
                + " inspectors (行政处罚法 art. 42), not 1")));
        cases.put("a period outside the year", d -> {
            d.startDate = "2022-12-20";
            d.endDate = "2024-01-05";
        });
        expected.put("a period outside the year", List.of(
                new Detail("startDate", "startDate 2022-12-20 is outside the plan's year 2023"),
                new Detail("endDate", "endDate 2024-01-05 is outside the plan's year 2023")));
        cases.put("an end before the start", d -> d.endDate = "2023-07-31");
        expected.put("an end before the start", List.of(new Detail("endDate", "endDate 2023-07-31 is before startDate"
                + " 2023-08-01")));
        cases.put("a joint plan without a second department", d -> d.joint = true);
        expected.put("a joint plan without a second department", List.of(new Detail("departments", "A joint plan"
                + " (部门联合抽查) needs a second department or agency besides the lead 'hy-forest'")));
        cases.put("an item of a department not in the plan", d -> d.items = List.of("ITEM-F1", "ITEM-P1"));
        expected.put("an item of a department not in the plan", List.of(new Detail("items[1]", "'ITEM-P1' is an item"
                + " of 'hy-protect', which is not a department of the plan: add it to departments, or leave the item"
                + " out")));
        cases.put("a joint plan with fewer inspectors than departments", d -> {
            d.departments = List.of("hy-protect", "hy-police");
            d.items = List.of("ITEM-F1", "ITEM-P1", "ITEM-GA");
        });
        expected.put("a joint plan with fewer inspectors than departments", List.of(new Detail("inspectorsPerTarget",
                "A joint plan sends an inspector of each of its 3 departments: inspectorsPerTarget must be at least 3")));
        cases.put("a quota without a class the plan draws from", d -> d.quota("A", "0.02", "B", "0.05", "D", "1"));
        expected.put("a quota without a class the plan draws from", List.of(new Detail("quota", "quota has no rule for"
                + " risk class C, which the plan draws from: give it a ratio or a count, or use ALL, or leave it out"
                + " of scope.riskClasses")));
        cases.put("a random plan with a scope", d -> d.scope = new PlanScope(List.of("dongyuan"), List.of(), List.of()));
        expected.put("a random plan with a scope", List.of(new Detail("scope", "A random (不定向) plan draws from the"
                + " whole roster of its items: leave scope empty, or make the plan targeted (定向)")));
        cases.put("a targeted plan without a scope", d -> d.type = "targeted");
        expected.put("a targeted plan without a scope", List.of(new Detail("scope", "A targeted (定向) plan filters by"
                + " at least one of scope.counties, scope.targetTypes and scope.riskClasses")));
        cases.put("redraw classes with nothing excluded", d -> {
            d.excludeDrawnThisYear = false;
            d.redrawClasses = List.of("D");
        });
        expected.put("redraw classes with nothing excluded", List.of(new Detail("redrawClasses", "redrawClasses name"
                + " the risk classes that may be drawn again although drawn this year, which only matters when"
                + " excludeDrawnThisYear is true")));
        cases.put("a retired or unknown item and a county that is not one", d -> {
            d.type = "targeted";
            d.scope = new PlanScope(List.of("hy-forest"), List.of(), List.of());
            d.items = List.of("ITEM-NONE");
        });
        expected.put("a retired or unknown item and a county that is not one", List.of(
                new Detail("items[0]", "'ITEM-NONE' is not an active inspection item"),
                new Detail("scope.counties[0]", "'hy-forest' is not an active county")));
        int auditBefore = store.audit().size();
        cases.forEach((name, change) -> {
            PlanDraft d = PlanDraft.random();
            change.accept(d);
            assertThatThrownBy(() -> plans.create(OPERATOR, d.fields())).as(name)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).as(name).isEqualTo(DomainException.Kind.INVALID);
                        assertThat(e.details()).as(name).isEqualTo(expected.get(name));
                        assertThat(e.getMessage()).as(name).isEqualTo("The plan is not valid: "
                                + expected.get(name).size() + (expected.get(name).size() == 1 ? " problem" : " problems"));
                    });
        });
        assertThat(store.audit()).hasSize(auditBefore);
    }

    @Test
    void aDraftChangesOnTheVersionReadAndKeepsItsYear() {
        Plan v1 = plans.create(OPERATOR, PlanDraft.random().fields());
        PlanDraft d = PlanDraft.random();
        d.name = "2023年林木采伐和木材经营联合检查";
        d.items = List.of("ITEM-F1", "ITEM-F2");
        Plan v2 = plans.update(OPERATOR, v1.planId(), change(v1, d, 1L));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.items()).containsExactly("ITEM-F1", "ITEM-F2");
        assertThatThrownBy(() -> plans.update(OPERATOR, v1.planId(), change(v1, d, 1L))).isInstanceOfSatisfying(
                DomainException.class, failsWith(DomainException.Kind.CONFLICT, "The plan '" + v1.planId() + "' was"
                        + " changed by someone else; read it again and retry (current version 2)"));
        d.year = 2024;
        d.startDate = "2024-08-01";
        d.endDate = "2024-10-31";
        assertThatThrownBy(() -> plans.update(OPERATOR, v1.planId(), change(v2, d, 2L))).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.details()).containsExactly(new Detail("year", "year cannot be"
                        + " changed (the plan's id names its year 2023): make a new plan for 2024")));
        assertThat(store.audit("plan/" + v1.planId())).extracting(AuditEntry::action).containsExactly("create",
                "update");
    }

    @Test
    void aPlanMovesOneStepAtATimeEachMoveAudited() {
        targets(10, "dongyuan", "B", "ITEM-F1");
        Plan draft = plans.create(OPERATOR, PlanDraft.random().fields());
        String id = draft.planId();
        Approval approval = plans.approve(OPERATOR, id, new ApproveInput(1L));
        Plan approved = approval.plan();
        assertThat(approved.status()).isEqualTo("approved");
        assertThat(approved.version()).isEqualTo(2);
        assertThat(approved.estimate()).isEqualTo(new PlanEstimate(NOW, 10, 1, List.of(
                new Stratum("ALL", "0.03", null, 10, 1))));
        assertThatThrownBy(() -> plans.update(OPERATOR, id, change(approved, PlanDraft.random(), 2L)))
                .isInstanceOfSatisfying(DomainException.class, failsWith(DomainException.Kind.CONFLICT,
                        "The plan '" + id + "' is approved: only a draft plan can be changed"));
        assertThatThrownBy(() -> plans.approve(OPERATOR, id, new ApproveInput(2L))).isInstanceOfSatisfying(
                DomainException.class, failsWith(DomainException.Kind.CONFLICT, "The plan '" + id + "' is approved"
                        + " and cannot become approved; from approved it can only become drawn"));
        assertThatThrownBy(() -> plans.move(ADMIN, id, 2, "completed")).isInstanceOfSatisfying(
                DomainException.class, failsWith(DomainException.Kind.CONFLICT, "The plan '" + id + "' is approved"
                        + " and cannot become completed; from approved it can only become drawn"));
        assertThatThrownBy(() -> plans.move(ADMIN, id, 1, "drawn")).isInstanceOfSatisfying(
                DomainException.class, failsWith(DomainException.Kind.CONFLICT, "The plan '" + id + "' was changed by"
                        + " someone else; read it again and retry (current version 2)"));
        Plan drawn = plans.move(ADMIN, id, 2, "drawn");
        Plan started = plans.move(OPERATOR, id, 3, "in_progress");
        Plan completed = plans.move(OPERATOR, id, 4, "completed");
        assertThat(List.of(drawn.status(), started.status(), completed.status()))
                .containsExactly("drawn", "in_progress", "completed");
        assertThat(completed.estimate()).isEqualTo(approved.estimate());
        assertThatThrownBy(() -> plans.move(ADMIN, id, 5, "drawn")).isInstanceOfSatisfying(DomainException.class,
                failsWith(DomainException.Kind.CONFLICT, "The plan '" + id + "' is completed and cannot become drawn;"
                        + " it is finished"));
        assertThatThrownBy(() -> plans.move(ADMIN, id, 5, "approved")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.audit("plan/" + id)).extracting(a -> a.version() + " " + a.action() + " " + a.actor())
                .containsExactly("1 create op-1", "2 approve op-1", "3 draw admin-1", "4 start op-1",
                        "5 complete op-1");
        assertThat(store.audit("plan/" + id).get(1).changedFields()).containsExactly("estimate", "status", "version");
    }

    @Test
    void theEstimateCountsEachStratumInExactDecimals() {
        targets(100, "dongyuan", "A", "ITEM-F1");
        targets(10, "dongyuan", "B", "ITEM-F1", "ITEM-F2");
        targets(3, "dongyuan", "C", "ITEM-F1");
        targets(1, "dongyuan", "D", "ITEM-F1");
        targets(2, "dongyuan", "A", "ITEM-F2");          // not under the plan's item
        targets(5, "heping", "B", "ITEM-F1");            // outside the targeted plan's county
        String gone = targets(1, "dongyuan", "A", "ITEM-F1").get(0);
        targets.deactivate(ADMIN, gone, new DeactivateInput(1L, "已注销"));
        PlanDraft d = PlanDraft.targeted("dongyuan").quota("A", "0.07", "B", "0.25", "C", 5, "D", "1");
        Plan targeted = plans.create(OPERATOR, d.fields());
        PlanEstimates.Result r = plans.estimate(OPERATOR.principal(), targeted.planId());
        // 100 × 0.07 is 7 exactly (in doubles 7.000000000000001, which would round up to 8)
        assertThat(r.estimate()).isEqualTo(new PlanEstimate(NOW, 114, 14, List.of(
                new Stratum("A", "0.07", null, 100, 7), new Stratum("B", "0.25", null, 10, 3),
                new Stratum("C", null, 5L, 3, 3), new Stratum("D", "1", null, 1, 1))));
        // one county read, its 116 active targets, one page
        assertThat(r.read().indexItems()).isEqualTo(116);
        assertThat(r.read().queries()).isEqualTo(1);
        assertThat(r.read().readUnits()).isPositive();
        Plan random = plans.create(OPERATOR, PlanDraft.random().quota("ALL", "0.1").fields());
        PlanEstimates.Result all = plans.estimate(ADMIN.principal(), random.planId());
        assertThat(all.estimate()).isEqualTo(new PlanEstimate(NOW, 119, 12, List.of(
                new Stratum("ALL", "0.1", null, 119, 12))));
        assertThat(all.read().indexItems()).isEqualTo(121);
        assertThat(all.read().queries()).isEqualTo(2);
        // no plan to count (an empty year's document): nothing read
        assertThat(new PlanEstimates(new CandidatePool(store), store).estimate(List.of(), false).read().queries())
                .isZero();
    }

    @Test
    void approvingWarnsWhileTheYearsApprovedPlansDrawFewerThanThreePercent() {
        targets(100, "dongyuan", "B", "ITEM-F1");
        targets(33, "heping", "D", "ITEM-F2");
        PlanDraft fewD = PlanDraft.targeted().quota("D", 1);
        fewD.scope = new PlanScope(List.of(), List.of(), List.of("D"));
        fewD.items = List.of("ITEM-F2");
        Plan few = plans.create(OPERATOR, fewD.fields());
        Approval first = plans.approve(OPERATOR, few.planId(), new ApproveInput(1L));
        // 133 active targets: 3% is 3.99, so 4 must be drawn
        assertThat(first.annualFloor()).isEqualTo(new PlanService.AnnualFloor(2023, "0.03", 133, 4, 1, 1));
        assertThat(first.warnings()).containsExactly(new PlanService.Warning("below_annual_floor", "The 2023 plans"
                + " approved so far are expected to draw 1 targets, fewer than 3% of the 133 active targets of the"
                + " roster (4)"));
        Plan more = plans.create(ADMIN, PlanDraft.random().quota("ALL", "0.03").fields());
        Approval second = plans.approve(ADMIN, more.planId(), new ApproveInput(1L));
        assertThat(second.annualFloor()).isEqualTo(new PlanService.AnnualFloor(2023, "0.03", 133, 4, 4, 2));
        assertThat(second.warnings()).isEmpty();
        // another year's plans count for their own year only
        PlanDraft next = PlanDraft.random();
        next.year = 2024;
        next.startDate = "2024-08-01";
        next.endDate = "2024-10-31";
        Plan later = plans.create(ADMIN, next.fields());
        assertThat(plans.approve(ADMIN, later.planId(), new ApproveInput(1L)).annualFloor())
                .isEqualTo(new PlanService.AnnualFloor(2024, "0.03", 133, 4, 3, 1));
    }

    @Test
    void aPlanOutsideTheCallersScopeLooksMissingForEveryVerb() {
        Plan theirs = plans.create(OPERATOR, PlanDraft.targeted("dongyuan").fields());
        String id = theirs.planId();
        String missing = "No plan with id '" + id + "'";
        List<Runnable> calls = List.of(
                () -> plans.get(PROTECTION.principal(), id),
                () -> plans.update(PROTECTION, id, change(theirs, PlanDraft.random(), 1L)),
                () -> plans.approve(PROTECTION, id, new ApproveInput(1L)),
                () -> plans.estimate(PROTECTION.principal(), id),
                () -> plans.get(HEPING.principal(), id),
                () -> plans.get(INSPECTOR, id));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class,
                    failsWith(DomainException.Kind.NOT_FOUND, missing));
        }
        assertThat(plans.get(DONGYUAN.principal(), id)).isEqualTo(theirs);
        // a county reads, and changes nothing
        assertThatThrownBy(() -> plans.update(DONGYUAN, id, change(theirs, PlanDraft.random(), 1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.FORBIDDEN));
        assertThat(store.require(Plan.KIND, id)).isEqualTo(theirs);
    }

    @Test
    void aCooperatingDepartmentChangesTheDraftButOnlyTheLeadApprovesIt() {
        PlanDraft d = PlanDraft.random();
        d.departments = List.of("hy-protect");
        d.items = List.of("ITEM-F1", "ITEM-P1");
        Plan joint = plans.create(OPERATOR, d.fields());
        d.name = "2023年联合检查";
        Plan renamed = plans.update(PROTECTION, joint.planId(), change(joint, d, 1L));
        assertThat(renamed.name()).isEqualTo("2023年联合检查");
        assertThatThrownBy(() -> plans.approve(PROTECTION, joint.planId(), new ApproveInput(2L)))
                .isInstanceOfSatisfying(DomainException.class, failsWith(DomainException.Kind.FORBIDDEN,
                        "A plan is approved by an administrator or by its lead department 'hy-forest'"));
        // nor may it hand the plan to departments without its own
        d.departments = List.of();
        d.items = List.of("ITEM-F1");
        assertThatThrownBy(() -> plans.update(PROTECTION, joint.planId(), change(renamed, d, 2L)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                        .isEqualTo(DomainException.Kind.FORBIDDEN));
        assertThat(plans.approve(OPERATOR, joint.planId(), new ApproveInput(2L)).plan().status())
                .isEqualTo("approved");
    }

    @Test
    void anItemRetiredSinceTheDraftStopsItsApproval() {
        Plan draft = plans.create(OPERATOR, PlanDraft.random().fields());
        new ItemService(store).retire(ADMIN, "ITEM-F1", new ItemService.RetireInput(1L, "依据废止"));
        assertThatThrownBy(() -> plans.approve(OPERATOR, draft.planId(), new ApproveInput(1L)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The plan can no longer be approved as it is: 1 problem");
                    assertThat(e.details()).containsExactly(new Detail("items[0]",
                            "'ITEM-F1' is not an active inspection item"));
                });
        assertThat(store.require(Plan.KIND, draft.planId()).status()).isEqualTo(PlanStates.DRAFT);
    }

    @Test
    void listsHoldWhatTheReaderMaySee() {
        Plan random = plans.create(OPERATOR, PlanDraft.random().fields());
        Plan dongyuan = plans.create(OPERATOR, PlanDraft.targeted("dongyuan").fields());
        Plan heping = plans.create(OPERATOR, PlanDraft.targeted("heping").fields());
        PlanDraft protection = PlanDraft.random();
        protection.leadDepartment = "hy-protect";
        protection.items = List.of("ITEM-P1");
        Plan other = plans.create(PROTECTION, protection.fields());
        plans.approve(OPERATOR, dongyuan.planId(), new ApproveInput(1L));
        PlanService.Query year = new PlanService.Query(2023, null, null);
        assertThat(ids(ADMIN.principal(), year)).containsExactlyInAnyOrder(random.planId(), dongyuan.planId(),
                heping.planId(), other.planId());
        assertThat(ids(OPERATOR.principal(), year)).containsExactlyInAnyOrder(random.planId(), dongyuan.planId(),
                heping.planId());
        assertThat(ids(DONGYUAN.principal(), year)).containsExactlyInAnyOrder(random.planId(), dongyuan.planId(),
                other.planId());
        assertThat(ids(INSPECTOR, year)).containsExactly(dongyuan.planId());
        assertThat(ids(ADMIN.principal(), new PlanService.Query(2024, null, null))).isEmpty();
        assertThat(ids(ADMIN.principal(), new PlanService.Query(null, "approved", null)))
                .containsExactly(dongyuan.planId());
        assertThat(ids(ADMIN.principal(), new PlanService.Query(null, null, "hy-protect")))
                .containsExactly(other.planId());
        assertThat(plans.published(2023, 50, null).items()).extracting(Plan::planId)
                .containsExactly(dongyuan.planId());
    }

    private List<String> ids(Principal reader, PlanService.Query q) {
        return plans.list(reader, q, 50, null).items().stream().map(Plan::planId).toList();
    }
}
