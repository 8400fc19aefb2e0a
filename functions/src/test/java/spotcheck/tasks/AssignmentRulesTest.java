package spotcheck.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spotcheck.roster.Inspector;
import spotcheck.validation.Checks;

/** The rules of assigning inspectors by hand, each refusal on its own, and when a task's inspectors may change. */
class AssignmentRulesTest {
    static final AssignmentRules.Context FOREST = new AssignmentRules.Context("T-1", List.of("ITEM-F1", "ITEM-F2"),
            List.of("hy-forest"), 2, List.of(), "2026-08-01");
    static final AssignmentRules.Context JOINT = new AssignmentRules.Context("T-1", List.of("ITEM-F1", "ITEM-GA"),
            List.of("hy-forest", "hy-police"), 2, List.of("hy-forest", "hy-police"), "2026-08-01");

    final Map<String, Inspector> roster = new LinkedHashMap<>();

    static Inspector inspector(String id, String org, String status, String validUntil, List<String> items,
                               List<String> conflicts) {
        return new Inspector(id, "王五", org, "GD-" + id, validUntil, items, List.of(), status, null, conflicts, null,
                null, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    }

    void add(Inspector x) {
        roster.put(x.inspectorId(), x);
    }

    AssignmentRulesTest() {
        add(inspector("INS-A", "hy-forest", "active", "2027-12-31", List.of("ITEM-F1"), List.of()));
        add(inspector("INS-B", "hy-forest", "active", "2026-08-01", List.of("ITEM-F2", "ITEM-X"), List.of("T-9")));
        add(inspector("INS-P", "hy-police", "active", "2027-12-31", List.of("ITEM-GA"), List.of()));
        add(inspector("INS-OFF", "hy-forest", "inactive", "2027-12-31", List.of("ITEM-F1"), List.of()));
        add(inspector("INS-OLD", "hy-forest", "active", "2026-07-31", List.of("ITEM-F1"), List.of()));
        add(inspector("INS-UNQ", "hy-forest", "active", "2027-12-31", List.of("ITEM-X"), List.of()));
        add(inspector("INS-CON", "hy-forest", "active", "2027-12-31", List.of("ITEM-F1"), List.of("T-1")));
    }

    List<String> problems(AssignmentRules.Context task, String... named) {
        return problems(task, named == null ? null : Arrays.asList(named));
    }

    List<String> problems(AssignmentRules.Context task, List<String> named) {
        Checks checks = new Checks();
        Map<String, Inspector> found = new LinkedHashMap<>();
        AssignmentRules.lookups(named).forEach(id -> {
            if (roster.containsKey(id)) {
                found.put(id, roster.get(id));
            }
        });
        AssignmentRules.check(checks, named, task, found);
        return checks.problems().stream().map(d -> d.field() + ": " + d.message()).toList();
    }

    @Test
    void eligibleDistinctInspectorsEnoughOfThemPass() {
        assertThat(problems(FOREST, "INS-A", "INS-B")).isEmpty();
        // certificate valid on the start date itself; a conflict with another target does not count
        assertThat(problems(FOREST, "INS-B", "INS-A", "INS-B")).containsExactly("inspectors[2]: 'INS-B' is listed twice");
    }

    @Test
    void eachRefusalNamesItsInspectorAndWhy() {
        assertThat(problems(FOREST, "INS-A", "INS-OFF")).containsExactly("inspectors[1]: 'INS-OFF' is not active"
                + " (inactive)");
        assertThat(problems(FOREST, "INS-A", "INS-P")).containsExactly("inspectors[1]: 'INS-P' is of 'hy-police',"
                + " not of the task's departments (hy-forest)", "inspectors[1]: 'INS-P' is qualified for none of the"
                + " task's items (ITEM-F1, ITEM-F2)");
        assertThat(problems(FOREST, "INS-OLD", "INS-A")).containsExactly("inspectors[0]: 'INS-OLD' has a"
                + " certificate valid until 2026-07-31, not on 2026-08-01");
        assertThat(problems(FOREST, "INS-A", "INS-UNQ")).containsExactly("inspectors[1]: 'INS-UNQ' is qualified"
                + " for none of the task's items (ITEM-F1, ITEM-F2)");
        assertThat(problems(FOREST, "INS-CON", "INS-A")).containsExactly("inspectors[0]: 'INS-CON' has a conflict"
                + " of interest with the target 'T-1' (回避)");
        assertThat(problems(FOREST, "INS-A", "INS-NONE")).containsExactly("inspectors[1]: No inspector with id"
                + " 'INS-NONE'");
    }

    @Test
    void theListNeedsEnoughDistinctWellFormedIds() {
        assertThat(problems(FOREST, (String[]) null)).containsExactly("inspectors: inspectors is required: at least 2"
                + " inspector ids");
        assertThat(problems(FOREST)).containsExactly("inspectors: inspectors is required: at least 2 inspector ids");
        assertThat(problems(FOREST, "INS-A")).containsExactly("inspectors: at least 2 distinct inspectors are"
                + " needed (1 given)");
        assertThat(problems(FOREST, "INS-A", "INS-A")).containsExactly("inspectors[1]: 'INS-A' is listed twice",
                "inspectors: at least 2 distinct inspectors are needed (1 given)");
        assertThat(problems(FOREST, Arrays.asList("INS-A", null, " INS-B", "x".repeat(101)))).containsExactly(
                "inspectors[1]: an inspector id is a non-blank text of at most 100 characters",
                "inspectors[2]: an inspector id is a non-blank text of at most 100 characters",
                "inspectors[3]: an inspector id is a non-blank text of at most 100 characters",
                "inspectors: at least 2 distinct inspectors are needed (1 given)");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("INS-" + i);
        }
        assertThat(problems(FOREST, many)).containsExactly("inspectors: at most 20 inspectors are named for one"
                + " task (21 given)");
        AssignmentRules.Context three = new AssignmentRules.Context("T-1", List.of("ITEM-F1"), List.of("hy-forest"),
                3, List.of(), "2026-08-01");
        assertThat(problems(three, "INS-A", "INS-B")).containsExactly("inspectors[1]: 'INS-B' is qualified for"
                + " none of the task's items (ITEM-F1)", "inspectors: at least 3 distinct inspectors are needed (2"
                + " given)");
    }

    @Test
    void aJointPlansTaskNeedsAnInspectorOfEveryDepartment() {
        assertThat(problems(JOINT, "INS-A", "INS-P")).isEmpty();
        assertThat(problems(JOINT, "INS-A", "INS-CON")).containsExactly("inspectors[1]: 'INS-CON' has a conflict"
                + " of interest with the target 'T-1' (回避)", "inspectors: a joint plan's task needs an inspector of"
                + " every participating department: none of 'hy-police'");
    }

    @Test
    void lookupsAreTheWellFormedDistinctIds() {
        assertThat(AssignmentRules.lookups(null)).isEmpty();
        assertThat(AssignmentRules.lookups(Arrays.asList("INS-A", "INS-A", null, "", "INS-B"))).containsExactly(
                "INS-A", "INS-B");
    }

    static Task task(String status, String completedDate) {
        return new Task("TSK-2026-X-1-T-1", Task.RANDOM, 2026, "PLAN-2026-X", "DRW-2026-X-1", "T-1", "ALL",
                List.of("ITEM-F1"), List.of("hy-forest"), List.of(), status, "no inspector", false, null, null, null, null,
                completedDate, null, null, null, null, 1, "2026-08-01T00:00:00Z", "2026-08-01T00:00:00Z");
    }

    @Test
    void inspectorsChangeOnAnUnassignedOrResultlessTaskOfADrawnOrStartedPlan() {
        assertThat(AssignmentRules.whyUnchangeable(task(Task.UNASSIGNED, null), "drawn")).isEmpty();
        assertThat(AssignmentRules.whyUnchangeable(task(Task.ASSIGNED, null), "in_progress")).isEmpty();
        assertThat(AssignmentRules.whyUnchangeable(task(Task.ASSIGNED, null), null)).isEmpty();
        assertThat(AssignmentRules.whyUnchangeable(task(Task.ASSIGNED, "2026-09-01"), "in_progress")).contains(
                "The task 'TSK-2026-X-1-T-1' has a result already: its inspectors stay");
        assertThat(AssignmentRules.whyUnchangeable(task("completed", null), "drawn")).contains("The task"
                + " 'TSK-2026-X-1-T-1' is completed: only an unassigned task, or an assigned one without a result, is"
                + " given inspectors by hand");
        assertThat(AssignmentRules.whyUnchangeable(task(Task.UNASSIGNED, null), "completed")).contains("The plan"
                + " 'PLAN-2026-X' of the task 'TSK-2026-X-1-T-1' is completed: inspectors are assigned by hand while"
                + " it is drawn or in progress");
    }

    @Test
    void theTargetsPreviousInspectorsAreNotSentAgain() {
        AssignmentRules.Context after = new AssignmentRules.Context("T-1", List.of("ITEM-F1", "ITEM-F2"),
                List.of("hy-forest"), 2, List.of(), "2026-08-01", List.of("INS-B", "INS-X"));
        assertThat(problems(after, "INS-A", "INS-B")).containsExactly("inspectors[1]: 'INS-B' made the target's"
                + " previous inspection, and is not sent to it again (as the draw does not)");
        assertThat(problems(FOREST, "INS-A", "INS-B")).isEmpty();
    }

    @Test
    void theDrawsPlanChecksAreTheAssignmentsToo() {
        Inspector a = roster.get("INS-A");
        assertThat(AssignmentRules.planChecks(a, List.of("hy-forest"), List.of("ITEM-F1"), "2027-12-31")).isEmpty();
        assertThat(AssignmentRules.planChecks(a, List.of("hy-forest"), List.of("ITEM-F1"), "2028-01-01"))
                .containsExactly("has a certificate valid until 2027-12-31, not on 2028-01-01");
        Inspector none = new Inspector("INS-N", "王五", "hy-forest", "GD-N", null, null, List.of(), "active", null,
                List.of(), null, null, 1, "t", "t");
        assertThat(AssignmentRules.planChecks(none, List.of("hy-forest"), List.of("ITEM-F1"), "2026-08-01"))
                .containsExactly("has a certificate valid until null, not on 2026-08-01",
                        "is qualified for none of the task's items (ITEM-F1)");
        // the conflict of interest is the target's, not the plan's
        assertThat(AssignmentRules.planChecks(roster.get("INS-CON"), List.of("hy-forest"), List.of("ITEM-F1"),
                "2026-08-01")).isEmpty();
    }

    @Test
    void certificatesAreValidOnTheLaterOfTheStartAndToday() {
        assertThat(AssignmentRules.validOn("2026-08-01", "2026-03-02")).isEqualTo("2026-08-01");
        assertThat(AssignmentRules.validOn("2026-01-15", "2026-03-02")).isEqualTo("2026-03-02");
        assertThat(AssignmentRules.validOn("2026-03-02", "2026-03-02")).isEqualTo("2026-03-02");
        assertThat(AssignmentRules.validOn(null, "2026-03-02")).isEqualTo("2026-03-02");
    }

    static Task drawn(String status, boolean manual, String unassigned) {
        return new Task("TSK-2026-X-1-T-1", Task.RANDOM, 2026, "PLAN-2026-X", "DRW-2026-X-1", "T-1", "ALL",
                List.of("ITEM-F1"), List.of("hy-forest"), List.of("INS-A", "INS-B"), status, unassigned, manual, null,
                null, null, null, null, null, null, null, null, 1, "2026-08-01T00:00:00Z", "2026-08-01T00:00:00Z");
    }

    List<String> reasonProblems(Task task, String reason) {
        Checks checks = new Checks();
        AssignmentRules.reason(checks, task, reason);
        return checks.problems().stream().map(d -> d.field() + ": " + d.message()).toList();
    }

    @Test
    void replacingTheInspectorsTheDrawChoseNeedsAReason() {
        Task chosen = drawn(Task.ASSIGNED, false, null);
        assertThat(AssignmentRules.drawChose(chosen)).isTrue();
        assertThat(AssignmentRules.replacesDrawn(chosen)).isTrue();
        assertThat(reasonProblems(chosen, null)).containsExactly("reason: reason is required to replace the"
                + " inspectors the draw chose: say why (4 to 500 characters)");
        assertThat(reasonProblems(chosen, "   ")).containsExactly("reason: reason is required to replace the"
                + " inspectors the draw chose: say why (4 to 500 characters)");
        assertThat(reasonProblems(chosen, " 病假 ")).containsExactly("reason: reason is shorter than 4 characters");
        assertThat(reasonProblems(chosen, " 执法人员病假 ")).isEmpty();
        assertThat(reasonProblems(chosen, "病假请假")).isEmpty();
        assertThat(reasonProblems(chosen, "假".repeat(501))).containsExactly("reason: reason is longer than 500"
                + " characters");
        // assigned by hand before: a note, optional
        Task byHand = drawn(Task.ASSIGNED, true, null);
        assertThat(AssignmentRules.drawChose(byHand)).isTrue();
        assertThat(AssignmentRules.replacesDrawn(byHand)).isFalse();
        assertThat(reasonProblems(byHand, null)).isEmpty();
        assertThat(reasonProblems(byHand, "假".repeat(501))).containsExactly("reason: reason is longer than 500"
                + " characters");
        // left unassigned by the draw, and a task without a draw: the draw chose nobody
        Task left = drawn(Task.UNASSIGNED, false, "no inspector");
        assertThat(AssignmentRules.drawChose(left)).isFalse();
        assertThat(AssignmentRules.replacesDrawn(left)).isFalse();
        assertThat(reasonProblems(left, "")).isEmpty();
        Task problem = new Task("TSK-2026-P-X", Task.PROBLEM, 2026, null, null, "T-1", null, List.of("ITEM-F1"),
                List.of("hy-forest"), List.of("INS-A", "INS-B"), Task.ASSIGNED, null, false, null, "complaint", null,
                null, null, null, null, null, null, 1, "t", "t");
        assertThat(AssignmentRules.drawChose(problem)).isFalse();
        assertThat(AssignmentRules.replacesDrawn(problem)).isFalse();
    }
}
