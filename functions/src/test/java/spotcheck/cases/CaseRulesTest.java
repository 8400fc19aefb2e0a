package spotcheck.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.MissingCalendarException;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.calendar.WorkingDays;
import spotcheck.core.DomainException;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.validation.Checks;

/** The pure rules of follow-up cases: each kind's fields, the closing rule, the penalty's working-day due date. */
class CaseRulesTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-02");
    static final Set<String> ORGS = Set.of("hy-forest", "hy-protect", "hy-market");
    /** The categories these tests treat as calling for listing or a penalty. */
    static final Predicate<String> SANCTION = Set.of("UNREACHABLE", "REFUSED_INSPECTION")::contains;

    static Task task(String status, TaskResult result) {
        return new Task("TSK-2026-A-1-T1", Task.RANDOM, 2026, "PLAN-A", "DRW-2026-A-1", "T1", "B",
                List.of("ITEM-F1", "ITEM-F2"), List.of("hy-forest"), List.of("INS-1", "INS-2"), status, null, false,
                null, null, null, null, result == null ? null : result.inspectionDate(), null, "2026-10-31", result,
                null, 3, "2026-08-01T00:00:00Z", "2026-09-01T00:00:00Z");
    }

    static TaskResult result(String first, String second) {
        return new TaskResult("2026-09-10", "on_site", List.of(new TaskResult.ItemResult("ITEM-F1", first),
                new TaskResult.ItemResult("ITEM-F2", second)), "发现问题", true, null, "insp-1",
                "2026-09-11T00:00:00Z", null, null, null, null, null);
    }

    static final Task FOUND = task(Task.REVIEWED, result("NO_PROBLEM", "UNREACHABLE"));
    static final Task CORRECTED = task(Task.REVIEWED, result("NO_PROBLEM", "CORRECTED"));

    static CaseRules.Context ctx(Task t) {
        return new CaseRules.Context(t, ORGS::contains, TODAY, "T1", "B");
    }

    static CaseRules.Fields fields(String kind) {
        return switch (kind) {
            case Case.TRANSFER -> new CaseRules.Fields(kind, "2026-10-09", "线索移送市场监管", "hy-market", null, null,
                    null, null, null);
            case Case.PENALTY -> new CaseRules.Fields(kind, "2026-09-30", "无证采伐", null, "河林罚〔2026〕12号", "罚款",
                    "罚款人民币五千元", null, null);
            default -> new CaseRules.Fields(kind, "2026-10-09", "责令整改", null, null, null, null, null, null);
        };
    }

    static Map<String, String> problems(CaseRules.Fields f, Task t) {
        Checks checks = new Checks();
        CaseRules.check(checks, f, ctx(t));
        return checks.problems().stream().collect(java.util.stream.Collectors.toMap(DomainException.Detail::field,
                DomainException.Detail::message, (a, b) -> a + " | " + b, java.util.LinkedHashMap::new));
    }

    @Test
    void everyKindWithItsFieldsIsValid() {
        for (String kind : List.of(Case.TRANSFER, Case.CORRECTION, Case.PENALTY, Case.ABNORMAL_LIST, Case.BLACKLIST)) {
            assertThat(problems(fields(kind), FOUND)).as(kind).isEmpty();
        }
        assertThat(CaseRules.KINDS).containsExactlyInAnyOrder("transfer", "correction", "penalty", "abnormal_list",
                "blacklist");
    }

    @Test
    void aCaseNeedsATaskWithAResult() {
        assertThat(CaseRules.whyNoCase(task(Task.ASSIGNED, null))).contains("The task 'TSK-2026-A-1-T1' has no result"
                + " yet: follow-up is recorded on a result's findings");
        assertThat(CaseRules.whyNoCase(task(Task.UNASSIGNED, null))).isPresent();
        for (String status : List.of(Task.REVIEWED, Task.PUBLISHED, Task.EXEMPT)) {
            assertThat(CaseRules.whyNoCase(task(status, result("NO_PROBLEM", "NO_PROBLEM")))).as(status).isEmpty();
        }
        // a result not yet reviewed may still change (returned, entered again): no case rests on it
        for (String status : List.of(Task.ENTERED, Task.RETURNED)) {
            assertThat(CaseRules.whyNoCase(task(status, result("NO_PROBLEM", "UNREACHABLE")))).as(status).contains(
                    "The result of the task 'TSK-2026-A-1-T1' is " + status + ", not yet reviewed: follow-up is"
                            + " recorded on a reviewed result's findings (reviewed, published or exempt)");
        }
    }

    @Test
    void aTransferGoesToAnotherExistingDepartment() {
        CaseRules.Fields none = new CaseRules.Fields("transfer", "2026-10-09", "移送", null, null, null, null, null,
                null);
        assertThat(problems(none, FOUND)).containsExactly(Map.entry("toDepartment",
                "A transfer names the department it goes to (toDepartment)"));
        CaseRules.Fields own = new CaseRules.Fields("transfer", "2026-10-09", "移送", "hy-forest", null, null, null,
                null, null);
        assertThat(problems(own, FOUND)).containsExactly(Map.entry("toDepartment",
                "A transfer goes to another department than the task's own: 'hy-forest' is one of them"));
        CaseRules.Fields unknown = new CaseRules.Fields("transfer", "2026-10-09", "移送", "hy-nowhere", null, null,
                null, null, null);
        assertThat(problems(unknown, FOUND)).containsExactly(Map.entry("toDepartment",
                "No active organisation 'hy-nowhere'"));
        CaseRules.Fields correction = new CaseRules.Fields("correction", "2026-10-09", "整改", "hy-market", null, null,
                null, null, null);
        assertThat(problems(correction, FOUND)).containsExactly(Map.entry("toDepartment",
                "toDepartment is for a transfer only"));
    }

    @Test
    void aPenaltyNamesItsDocumentTypeAndPublishableContent() {
        CaseRules.Fields bare = new CaseRules.Fields("penalty", "2026-09-30", "无证采伐", null, null, null, null,
                "hy-nowhere", null);
        assertThat(problems(bare, FOUND)).containsExactly(
                Map.entry("documentNo", "A penalty names its decision document (documentNo, 决定书文号)"),
                Map.entry("penaltyType", "penaltyType is required; one of " + String.join(", ",
                        new java.util.TreeSet<>(CaseRules.PENALTY_TYPES))),
                Map.entry("authority", "No active organisation 'hy-nowhere'"));
        CaseRules.Fields personal = new CaseRules.Fields("penalty", "2026-09-30", "无证采伐", null, "河林罚〔2026〕12号",
                "罚款", "对张三（441625198001011234）罚款", null, null);
        assertThat(problems(personal, FOUND)).containsExactly(Map.entry("penaltyContent",
                "penaltyContent is published: it must not hold an ID number or a phone number"));
        CaseRules.Fields phone = new CaseRules.Fields("penalty", "2026-09-30", "无证采伐", null, "河林罚〔2026〕12号",
                "罚款", "联系 13912345678", null, null);
        assertThat(problems(phone, FOUND)).containsOnlyKeys("penaltyContent");
        CaseRules.Fields listing = new CaseRules.Fields("abnormal_list", "2026-09-30", "列入", null, "河林异〔2026〕1号",
                "罚款", "内容", "hy-forest", null);
        assertThat(problems(listing, FOUND)).containsExactly(
                Map.entry("penaltyType", "penaltyType is for a penalty only"),
                Map.entry("penaltyContent", "penaltyContent is for a penalty only"),
                Map.entry("authority", "authority is for a penalty only"));
    }

    @Test
    void commonFieldsAreCheckedForEveryKind() {
        CaseRules.Fields bad = new CaseRules.Fields("warning", "2026-11-03", " ", null, null, null, null, null, "E");
        assertThat(problems(bad, FOUND)).containsExactly(
                Map.entry("kind", "'warning' is not a valid kind; use one of abnormal_list, blacklist, correction,"
                        + " penalty, transfer"),
                Map.entry("decisionDate", "decisionDate cannot be after today (2026-11-02)"),
                Map.entry("summary", "summary is required"),
                Map.entry("raiseRiskClass", "'E' is not a valid raiseRiskClass; use one of A, B, C, D"));
        CaseRules.Fields undated = new CaseRules.Fields("correction", "30/09/2026", "整改", null, null, null, null,
                null, null);
        assertThat(problems(undated, FOUND)).containsExactly(Map.entry("decisionDate",
                "'30/09/2026' is not a date of the form YYYY-MM-DD"));
    }

    @Test
    void aRiskClassIsOnlyRaised() {
        assertThat(CaseRules.whyNotRaised("T1", "B", "C")).isEmpty();
        assertThat(CaseRules.whyNotRaised("T1", "B", "D")).isEmpty();
        assertThat(CaseRules.whyNotRaised("T1", null, "A")).isEmpty();
        assertThat(CaseRules.whyNotRaised("T1", "B", "B")).contains("The target 'T1' is of risk class B: a finding"
                + " can only raise it (A→B→C→D)");
        assertThat(CaseRules.whyNotRaised("T1", "C", "A")).isPresent();
        CaseRules.Fields lower = new CaseRules.Fields("correction", "2026-10-09", "整改", null, null, null, null, null,
                "A");
        assertThat(problems(lower, FOUND)).containsExactly(Map.entry("raiseRiskClass",
                "The target 'T1' is of risk class B: a finding can only raise it (A→B→C→D)"));
    }

    static Case aCase(String kind) {
        return new Case("CASE-2026-A-1-T1-" + kind, FOUND.taskId(), 2026, "T1", kind, Case.OPEN, "2026-10-09", "s",
                null, null, null, null, null, null, null, null, null, null, null, 1, "x", "x");
    }

    @Test
    void aFindingCallingForListingOrPenaltyIsNotClosedByAnOrderToCorrectAlone() {
        String refused = "The findings of task 'TSK-2026-A-1-T1' call for listing or a penalty (items ITEM-F2): its"
                + " follow-up cannot be closed by an order to correct alone; record a penalty, abnormal_list or"
                + " blacklist case first";
        assertThat(CaseRules.itemsCallingForSanction(FOUND, SANCTION)).containsExactly("ITEM-F2");
        assertThat(CaseRules.whyNotClosable(FOUND, List.of(aCase(Case.CORRECTION)), SANCTION)).contains(refused);
        assertThat(CaseRules.whyNotClosable(FOUND, List.of(aCase(Case.CORRECTION), aCase(Case.TRANSFER)), SANCTION))
                .contains(refused);
        for (String sanction : List.of(Case.PENALTY, Case.ABNORMAL_LIST, Case.BLACKLIST)) {
            assertThat(CaseRules.whyNotClosable(FOUND, List.of(aCase(Case.CORRECTION), aCase(sanction)), SANCTION))
                    .as(sanction).isEmpty();
        }
        // a finding that an order to correct answers closes with it alone
        assertThat(CaseRules.whyNotClosable(CORRECTED, List.of(aCase(Case.CORRECTION)), SANCTION)).isEmpty();
        Task both = task(Task.PUBLISHED, result("REFUSED_INSPECTION", "UNREACHABLE"));
        assertThat(CaseRules.whyNotClosable(both, List.of(aCase(Case.CORRECTION)), SANCTION).orElseThrow())
                .contains("(items ITEM-F1, ITEM-F2)");
    }

    @Test
    void aPenaltyIsDueOnTheSeventhWorkingDayAfterItsDecision() {
        WorkingDays days = new WorkingDays(OfficialCalendars.bundled());
        // 2026-09-30 (Wed): 10-01..10-07 National Day; 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat (adjusted working day) 3,
        // 10-12 Mon 4, 10-13 5, 10-14 6, 10-15 7
        assertThat(CaseRules.publicationDue(days, LocalDate.parse("2026-09-30"))).isEqualTo("2026-10-15");
        // 2026-09-24 (Thu): 09-25..09-27 Mid-Autumn; 09-28 1, 09-29 2, 09-30 3, 10-08 4, 10-09 5, 10-10 6, 10-12 7
        assertThat(CaseRules.publicationDue(days, LocalDate.parse("2026-09-24"))).isEqualTo("2026-10-12");
        // 2026-02-13 (Fri): 02-14 Sat adjusted working day 1, 02-15..02-23 Spring Festival, 02-24 2 … 02-28 Sat 6, 03-02 7
        assertThat(CaseRules.publicationDue(days, LocalDate.parse("2026-02-13"))).isEqualTo("2026-03-02");
        // an ordinary week: Mon 2026-03-09 → Wed 03-18
        assertThat(CaseRules.publicationDue(days, LocalDate.parse("2026-03-09"))).isEqualTo("2026-03-18");
        // a decision late in the last bundled year needs the next year's calendar, which is never guessed
        try {
            CaseRules.publicationDue(days, LocalDate.parse("2026-12-28"));
            throw new AssertionError("expected a missing calendar");
        } catch (MissingCalendarException e) {
            assertThat(e.year()).isEqualTo(2027);
        }
        assertThat(Optional.of(CaseRules.PENALTY_PUBLICATION_DAYS)).contains(7);
    }
}
