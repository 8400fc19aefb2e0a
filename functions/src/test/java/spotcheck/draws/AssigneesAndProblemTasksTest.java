package spotcheck.draws;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.DONGYUAN;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draw.Candidates;
import spotcheck.draw.InspectorCandidate;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanDraft;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorService;
import spotcheck.roster.InspectorService.InspectorInput;
import spotcheck.roster.InspectorService.InspectorUpdate;
import spotcheck.roster.ItemService;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.tasks.ProblemTasks;
import spotcheck.tasks.ProblemTasks.ProblemInput;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;
import spotcheck.tasks.TaskService.Query;

/**
 * Inspectors linked to logins, "my tasks", a task's assigned inspector reading it whatever the plan's policy says,
 * and problem-driven tasks: their rules, their listing, and how the next draw treats them (on the in-memory store;
 * the world and the draw are those of {@link DrawServiceTest}).
 */
class AssigneesAndProblemTasksTest {
    final DrawServiceTest f = new DrawServiceTest();
    final InspectorService inspectors = f.inspectors;
    final TaskService tasks = f.tasks;
    final ProblemTasks problems = new ProblemTasks(f.store);

    @BeforeEach
    void world() {
        f.world();
        new OrgService(f.store).create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
    }

    static Principal login(String sub, String org, Role... roles) {
        return new Principal(sub, "某人", org, Set.of(roles));
    }

    static DomainException failure(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }

    Inspector linked(String org, String item, String accountId) {
        return inspectors.create(ADMIN, new InspectorInput("王五", org, "GD-L" + (++f.serial), "2027-12-31",
                List.of(item), List.of(), List.of(), accountId));
    }

    static InspectorUpdate update(Inspector i, String accountId) {
        return new InspectorUpdate(i.inspectorId(), i.name(), i.org(), i.certificateNo(), i.certificateValidUntil(),
                i.qualifiedItems(), i.expertise(), i.status(), i.statusReason(), i.conflicts(), accountId,
                i.importId(), i.version(), i.createdAt(), i.updatedAt());
    }

    List<Task> all(Principal reader, Query q) {
        List<Task> found = new ArrayList<>();
        String next = null;
        do {
            Page<Task> page = tasks.list(reader, q, 7, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    @Test
    void anAccountIsLinkedToOneInspectorAtATimeAndFreedByClearingIt() {
        Inspector a = linked("hy-forest", "ITEM-F1", "  auth0|li-si ");
        assertThat(a.accountId()).isEqualTo("auth0|li-si");
        assertThat(inspectors.byAccount("auth0|li-si")).contains(a);
        assertThat(inspectors.byAccount("auth0|LI-SI")).isEmpty();

        DomainException taken = failure(() -> linked("hy-forest", "ITEM-F1", "auth0|li-si"));
        assertThat(taken.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(taken.getMessage()).isEqualTo("The inspector '" + a.inspectorId()
                + "' already has that account linked (accountId)");
        assertThat(taken.details()).extracting(DomainException.Detail::field).containsExactly("accountId");

        DomainException invalid = failure(() -> linked("hy-forest", "ITEM-F1", "li si"));
        assertThat(invalid.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(invalid.details()).extracting(DomainException.Detail::field).containsExactly("accountId");

        Inspector b = linked("hy-forest", "ITEM-F1", null);
        assertThat(failure(() -> inspectors.update(ADMIN, b.inspectorId(), update(b, "auth0|li-si"))).kind())
                .isEqualTo(DomainException.Kind.CONFLICT);
        Inspector cleared = inspectors.update(ADMIN, a.inspectorId(), update(a, " "));
        assertThat(cleared.accountId()).isNull();
        assertThat(inspectors.byAccount("auth0|li-si")).isEmpty();
        Inspector taker = inspectors.update(ADMIN, b.inspectorId(), update(b, "auth0|li-si"));
        assertThat(inspectors.byAccount("auth0|li-si")).contains(taker);
        // a deactivation keeps the link
        Inspector inactive = inspectors.deactivate(ADMIN, b.inspectorId(),
                new InspectorService.DeactivateInput(taker.version(), "调离"));
        assertThat(inactive.accountId()).isEqualTo("auth0|li-si");
    }

    @Test
    void myTasksAreTheTasksNamingTheInspectorLinkedToMyLogin() {
        f.targets(30, "B", "ITEM-F1");
        List<String> crew = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crew.add(linked("hy-forest", "ITEM-F1", "sub-" + i).inspectorId());
        }
        Plan plan = f.approved(DrawServiceTest.forest("ALL", "0.4"));
        f.draws.draw(ADMIN, plan.planId(), null, null);
        List<Task> drawn = f.tasksOf(plan.planId());
        assertThat(drawn).hasSize(12);

        for (int i = 0; i < 4; i++) {
            String id = crew.get(i);
            Principal me = login("sub-" + i, "", Role.INSPECTOR);
            List<String> expected = drawn.stream().filter(t -> t.inspectors().contains(id)).map(Task::taskId)
                    .toList();
            assertThat(expected).isNotEmpty();
            assertThat(all(me, new Query(null, "me", null, "2026", null))).extracting(Task::taskId)
                    .containsExactlyElementsOf(expected);
            // the current year is the default, and within a plan too
            assertThat(all(me, new Query(null, "me", null, null, null))).extracting(Task::taskId)
                    .containsExactlyElementsOf(expected);
            assertThat(all(me, new Query(plan.planId(), "me", null, null, null))).extracting(Task::taskId)
                    .containsExactlyElementsOf(expected);
            assertThat(all(me, new Query(null, "me", null, "2025", null))).isEmpty();
            // by id: administrators, auditors, operators of the inspector's department, and themself
            for (Principal p : List.of(ADMIN.principal(), OPERATOR.principal(), login("aud", "", Role.AUDITOR), me)) {
                assertThat(all(p, new Query(null, id, null, "2026", null))).extracting(Task::taskId)
                        .containsExactlyElementsOf(expected);
            }
        }
        // a login linked to nobody has no tasks
        assertThat(tasks.list(login("nobody", "hy-forest", Role.INSPECTOR), new Query(null, "me", null, null, null), 50,
                null)).isEqualTo(new Page<>(List.of(), null));
        DomainException other = failure(() -> tasks.list(login("op-9", "hy-police", Role.OPERATOR),
                new Query(null, crew.get(0), null, null, null), 50, null));
        assertThat(other.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(failure(() -> tasks.list(login("sub-1", "", Role.INSPECTOR), new Query(null, crew.get(0), null,
                null, null), 50, null)).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(failure(() -> tasks.list(ADMIN.principal(), new Query(null, "INS-NOBODY", null, null, null), 50, null))
                .getMessage()).isEqualTo("No inspector with id 'INS-NOBODY'");
        assertThat(failure(() -> tasks.list(ADMIN.principal(), new Query(null, "me", "drawn", "26", null), 50, null))
                .details()).extracting(DomainException.Detail::field).containsExactly("kind", "year");
        assertThat(failure(() -> tasks.list(ADMIN.principal(), new Query(null, null, null, "2026", null), 50, null))
                .details()).extracting(DomainException.Detail::field).containsExactly("planId");
    }

    @Test
    void anAssignedInspectorReadsTheirTaskWhereTheirOrganisationCannotReadThePlan() {
        f.targets(20, "B", "ITEM-F1", "ITEM-GA");
        f.inspector("hy-forest", "ITEM-F1", List.of());
        f.inspector("hy-forest", "ITEM-F1", List.of());
        String officer = linked("hy-police", "ITEM-GA", "police-7").inspectorId();
        PlanDraft d = DrawServiceTest.forest("ALL", "0.2");
        d.departments = List.of("hy-forest", "hy-police");
        d.joint = true;
        d.items = List.of("ITEM-F1", "ITEM-GA");
        Plan plan = f.approved(d);
        f.draws.draw(ADMIN, plan.planId(), null, null);
        List<Task> drawn = f.tasksOf(plan.planId());
        assertThat(drawn).hasSize(4).allSatisfy(t -> assertThat(t.inspectors()).contains(officer));

        // the officer's token names a police station, which the plan does not involve
        Principal police = login("police-7", "hy-police-station-3", Role.INSPECTOR);
        Principal colleague = login("police-8", "hy-police-station-3", Role.INSPECTOR);
        assertThat(tasks.get(police, drawn.get(0).taskId())).isEqualTo(drawn.get(0));
        assertThat(failure(() -> tasks.get(colleague, drawn.get(0).taskId())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(failure(() -> tasks.byPlan(police, plan.planId(), 50, null)).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(all(police, new Query(plan.planId(), "me", null, null, null))).containsExactlyElementsOf(drawn);
        assertThat(all(police, new Query(null, "me", null, null, null))).containsExactlyElementsOf(drawn);
        assertThat(all(colleague, new Query(null, "me", null, null, null))).isEmpty();
    }

    ProblemInput problem(String targetId, String sourceRef, List<String> items, List<String> departments) {
        return new ProblemInput(targetId, "complaint", sourceRef, items, departments, "群众举报无证采伐");
    }

    @Test
    void aProblemDrivenTaskIsMadeUnassignedForANamedTargetAndListedByKind() {
        String target = f.targets(1, "A", "ITEM-F1").get(0);
        Task t = problems.create(OPERATOR, problem(target, " 12345-20260302-0001 ", List.of("ITEM-F1"), null));
        assertThat(t.taskId()).matches("TSK-2026-P-[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(t).isEqualTo(new Task(t.taskId(), Task.PROBLEM, 2026, null, null, target, null, List.of("ITEM-F1"),
                List.of("hy-forest"), List.of(), Task.UNASSIGNED, "a problem-driven task is assigned by hand", false, null,
                "complaint", "12345-20260302-0001", "群众举报无证采伐", null, null, null, null, null, 1, t.createdAt(), t.createdAt()));
        assertThat(f.store.audit("task/" + t.taskId())).extracting(a -> a.action()).containsExactly("create");
        assertThat(tasks.get(OPERATOR.principal(), t.taskId())).isEqualTo(t);

        // the same ticket for the same target again is a conflict; for another target it is another task
        DomainException again = failure(() -> problems.create(ADMIN, problem(target, "12345-20260302-0001",
                List.of("ITEM-F1"), List.of("hy-forest"))));
        assertThat(again.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        // without naming the task that holds it, which may be another department's
        assertThat(again.getMessage()).isEqualTo("This source reference is recorded for this target already: the"
                + " complaint '12345-20260302-0001' for target '" + target + "'");
        assertThat(again.getMessage()).doesNotContain(t.taskId());
        assertThat(again.details()).containsExactly(new DomainException.Detail("sourceRef", again.getMessage()));
        String other = f.targets(1, "B", "ITEM-F1").get(0);
        Task second = problems.create(ADMIN, problem(other, "12345-20260302-0001", List.of("ITEM-F1"),
                List.of("hy-forest")));
        // without a reference each POST makes a task
        Task third = problems.create(ADMIN, problem(other, null, List.of("ITEM-F1"), List.of("hy-forest")));
        Task fourth = problems.create(ADMIN, problem(other, null, List.of("ITEM-F1"), List.of("hy-forest")));

        assertThat(all(ADMIN.principal(), new Query(null, null, "problem", "2026", null))).extracting(Task::taskId)
                .containsExactlyInAnyOrder(t.taskId(), second.taskId(), third.taskId(), fourth.taskId());
        assertThat(all(ADMIN.principal(), new Query(null, null, "problem", "2025", null))).isEmpty();
        // another department's operator sees none of them
        assertThat(all(login("op-9", "hy-police", Role.OPERATOR), new Query(null, null, "problem", null, null))).isEmpty();
        assertThat(failure(() -> tasks.get(login("op-9", "hy-police", Role.OPERATOR), t.taskId())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    @Test
    void aProblemDrivenTaskIsRefusedWithEveryReason() {
        String target = f.targets(1, "A", "ITEM-F1").get(0);
        new ItemService(f.store).retire(ADMIN, "ITEM-GA", new ItemService.RetireInput(1L, "废止"));
        DomainException e = failure(() -> problems.create(ADMIN, new ProblemInput(target, "rumour", "x".repeat(101),
                List.of(), null, "y".repeat(2001))));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.details()).extracting(DomainException.Detail::field)
                .containsExactly("source", "sourceRef", "note", "items");
        e = failure(() -> problems.create(ADMIN, problem(target, null, List.of("ITEM-F1", "ITEM-GA", "ITEM-NONE"),
                List.of("hy-police", "nowhere"))));
        assertThat(e.details()).extracting(DomainException.Detail::message).containsExactly(
                "'nowhere' is not an active organisation",
                "The item 'ITEM-F1' belongs to 'hy-forest', which is not among the task's departments",
                "The item 'ITEM-GA' is retired",
                "No item with id 'ITEM-NONE'");
        // an unknown target, and one the caller may not see, are the same 404
        assertThat(failure(() -> problems.create(ADMIN, problem("TGT-NONE", null, List.of("ITEM-F1"), null)))
                .getMessage()).isEqualTo("No target with id 'TGT-NONE'");
        Actor heping = new Actor(login("county-2", "heping", Role.COUNTY), "req");
        DomainException hidden = failure(() -> problems.create(heping, problem(target, null, List.of("ITEM-F1"),
                List.of("hy-forest"))));
        assertThat(hidden.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(hidden.getMessage()).isEqualTo("No target with id '" + target + "'");
        // the target's own county may, naming the department whose items it asks for (not itself: a county owns
        // no items), and then reads and lists the task by its target
        assertThat(failure(() -> problems.create(DONGYUAN, problem(target, null, List.of("ITEM-F1"),
                List.of("dongyuan", "hy-forest")))).details()).extracting(d -> d.field() + ": " + d.message())
                .containsExactly("departments[0]: 'dongyuan' is a county: a task's departments are the departments"
                        + " or agencies whose items it checks");
        assertThat(failure(() -> problems.create(DONGYUAN, problem(target, null, List.of("ITEM-F1"), null)))
                .details()).extracting(d -> d.field() + ": " + d.message()).containsExactly(
                "departments[0]: 'dongyuan' is a county: a task's departments are the departments or agencies"
                        + " whose items it checks",
                "items[0]: The item 'ITEM-F1' belongs to 'hy-forest', which is not among the task's departments");
        Task county = problems.create(DONGYUAN, problem(target, null, List.of("ITEM-F1"), List.of("hy-forest")));
        assertThat(county.departments()).containsExactly("hy-forest");
        assertThat(tasks.get(DONGYUAN.principal(), county.taskId())).isEqualTo(county);
        assertThat(all(DONGYUAN.principal(), new Query(null, null, "problem", "2026", null)))
                .containsExactly(county);
        Principal hepingStaff = heping.principal();
        assertThat(failure(() -> tasks.get(hepingStaff, county.taskId())).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(all(hepingStaff, new Query(null, null, "problem", "2026", null))).isEmpty();
        // an operator acts for their own department only
        Actor police = new Actor(login("op-3", "hy-police", Role.OPERATOR), "req");
        assertThat(failure(() -> problems.create(police, problem(target, null, List.of("ITEM-F1"),
                List.of("hy-forest")))).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        // a deregistered target is not inspected
        new TargetService(f.store, spotcheck.store.StoreFixtures.CLOCK).deactivate(ADMIN, target,
                new TargetService.DeactivateInput(1L, "已注销"));
        assertThat(failure(() -> problems.create(ADMIN, problem(target, null, List.of("ITEM-F1"),
                List.of("hy-forest")))).details()).extracting(DomainException.Detail::field)
                .containsExactly("targetId");
    }

    @Test
    void theNextDrawDoesNotLeaveOutAProblemDrivenTargetButAvoidsItsInspectors() {
        List<String> targets = f.targets(6, "B", "ITEM-F1");
        List<String> crew = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crew.add(f.inspector("hy-forest", "ITEM-F1", List.of()));
        }
        Task made = problems.create(ADMIN, problem(targets.get(0), "T-1", List.of("ITEM-F1"), List.of("hy-forest")));
        // assigned by hand, as PUT /tasks/{taskId}/inspectors does
        f.store.update(Task.KIND, made, made.assigned(crew.subList(0, 2), 2, f.store.now()), ADMIN, "assign");

        PlanDraft d = DrawServiceTest.forest("ALL", "1");
        d.excludeDrawnThisYear = true;
        Plan plan = f.approved(d);
        DrawService.DrawView view = f.draws.draw(ADMIN, plan.planId(), null, null);
        Candidates candidates = f.draws.candidates(view.draw().drawId());
        assertThat(candidates.targets()).extracting(c -> c.id()).containsExactlyInAnyOrderElementsOf(targets);
        for (InspectorCandidate x : candidates.inspectors()) {
            assertThat(x.excluded()).as(x.id()).isEqualTo(crew.subList(0, 2).contains(x.id())
                    ? List.of(targets.get(0)) : List.of());
        }
        // a task still waiting for inspectors sent nobody: it does not hide the target's last inspectors
        String target = targets.get(1);
        Task drawnThere = f.tasksOf(plan.planId()).stream().filter(t -> t.targetId().equals(target)).findFirst()
                .orElseThrow();
        problems.create(ADMIN, problem(target, "T-2", List.of("ITEM-F1"), List.of("hy-forest")));
        PlanDraft next = DrawServiceTest.forest("ALL", "1");
        next.excludeDrawnThisYear = false;
        next.name = "第二批";
        Plan second = f.approved(next);
        Candidates again = f.draws.candidates(f.draws.draw(ADMIN, second.planId(), null, null).draw().drawId());
        for (InspectorCandidate x : again.inspectors()) {
            assertThat(x.excluded().contains(target)).as(x.id()).isEqualTo(drawnThere.inspectors().contains(x.id()));
        }
    }
}
