package spotcheck.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.calendar.WorkingDays;

/** The reminder rules on the official calendar: holidays and adjusted working days (调休) around each stage. */
class ReminderRulesTest {
    private final ReminderRules rules = new ReminderRules(new WorkingDays(OfficialCalendars.bundled()),
            ReminderSettings.defaults());

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void publicationDueAfterTheNationalDayHolidayIsDueSoonBeforeIt() {
        // 2026-10-01..07 are holidays and Saturday 10-10 is worked: from 09-30, 10-08, 10-09 and 10-10 are the next 3
        assertThat(rules.dueSoonThrough(d("2026-09-30"))).isEqualTo(d("2026-10-10"));
        assertThat(rules.deadlineStage(d("2026-09-30"), d("2026-10-09"))).contains(Stage.DUE_SOON);
        assertThat(rules.deadlineStage(d("2026-09-30"), d("2026-10-10"))).contains(Stage.DUE_SOON);
        assertThat(rules.deadlineStage(d("2026-09-30"), d("2026-10-12"))).isEmpty();
        // from the Monday before, 09-29, 09-30 and 10-08 are the next 3: 10-09 is not yet due soon
        assertThat(rules.deadlineStage(d("2026-09-28"), d("2026-10-09"))).isEmpty();
        assertThat(rules.deadlineStage(d("2026-09-28"), d("2026-10-08"))).contains(Stage.DUE_SOON);
    }

    @Test
    void dueTodayIsDueSoonAndThePastIsOverdueWhateverTheCalendar() {
        assertThat(rules.deadlineStage(d("2026-10-09"), d("2026-10-09"))).contains(Stage.DUE_SOON);
        assertThat(rules.deadlineStage(d("2026-10-09"), d("2026-10-08"))).contains(Stage.OVERDUE);
        // seen on a holiday, a deadline of the day before the holiday is overdue
        assertThat(rules.deadlineStage(d("2026-10-03"), d("2026-09-30"))).contains(Stage.OVERDUE);
    }

    @Test
    void resultsAreLateFiveWorkingDaysAfterThePlansEndSkippingTheMidAutumnHoliday() {
        // 2026-09-25..27 are holidays: five working days before 09-30 are 09-29, 09-28, 09-24, 09-23, 09-22
        assertThat(rules.resultCutoff(d("2026-09-30"))).isEqualTo(d("2026-09-22"));
        assertThat(rules.resultStage(d("2026-09-30"), d("2026-09-22"))).contains(Stage.OVERDUE);
        assertThat(rules.resultStage(d("2026-09-30"), d("2026-09-23"))).isEmpty();
        // Sunday 2026-09-20 is a working day (调休): five before 09-25 are 09-24..09-20, the sixth Friday 09-18
        assertThat(rules.minusWorkingDays(d("2026-09-25"), 5)).isEqualTo(d("2026-09-20"));
        assertThat(rules.minusWorkingDays(d("2026-09-25"), 6)).isEqualTo(d("2026-09-18"));
        assertThat(rules.minusWorkingDays(d("2026-09-24"), 4)).isEqualTo(d("2026-09-20"));
    }

    @Test
    void theGraceIsASetting() {
        ReminderRules three = new ReminderRules(new WorkingDays(OfficialCalendars.bundled()),
                new ReminderSettings(3, 3, 3, 30));
        assertThat(three.resultCutoff(d("2026-09-30"))).isEqualTo(d("2026-09-24"));
    }

    @Test
    void penaltyPublicationAcrossTheSpringFestival() {
        // 2026-02-15..23 are holidays, Saturday 02-14 and 02-28 worked: from Friday 02-13, 02-14, 02-24, 02-25
        assertThat(rules.dueSoonThrough(d("2026-02-13"))).isEqualTo(d("2026-02-25"));
        assertThat(rules.deadlineStage(d("2026-02-13"), d("2026-02-25"))).contains(Stage.DUE_SOON);
        assertThat(rules.deadlineStage(d("2026-02-13"), d("2026-02-26"))).isEmpty();
    }

    @Test
    void certificatesWithinThirtyDaysAndExpired() {
        assertThat(rules.certificateStage(d("2026-09-30"), d("2026-10-30"))).contains(Stage.DUE_SOON);
        assertThat(rules.certificateStage(d("2026-09-30"), d("2026-10-31"))).isEmpty();
        assertThat(rules.certificateStage(d("2026-09-30"), d("2026-09-29"))).contains(Stage.OVERDUE);
    }

    @Test
    void milestonesThreeWorkingDaysAhead() {
        // 10-31 is a Saturday: from Wednesday 10-28 the next 3 working days run to Monday 11-02
        List<ReminderRules.MilestoneDue> due = rules.milestones(d("2026-10-28"), Milestones.DEFAULTS);
        assertThat(due).extracting(m -> m.milestone().key() + " " + m.stage() + " " + m.date())
                .containsExactly("draws due_soon 2026-10-31", "results due_soon 2026-10-31");
        assertThat(rules.milestones(d("2026-10-26"), Milestones.DEFAULTS)).isEmpty();
        // the draws open on Saturday 08-01: announced from Wednesday 07-29
        assertThat(rules.milestones(d("2026-07-29"), Milestones.DEFAULTS))
                .extracting(m -> m.milestone().key() + " " + m.stage())
                .containsExactlyInAnyOrder("draws opens", "target-roster due_soon");
        assertThat(rules.milestones(d("2026-07-28"), Milestones.DEFAULTS))
                .extracting(m -> m.milestone().key()).containsExactly("target-roster");
        assertThat(rules.milestones(d("2026-07-27"), Milestones.DEFAULTS)).isEmpty();
    }
}
