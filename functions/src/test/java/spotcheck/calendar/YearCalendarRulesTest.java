package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equality of calendars and the limits of a year, each from both sides. */
class YearCalendarRulesTest {
    private static final YearCalendar BASE = YearCalendar.parse(2027, List.of("2027-10-01", "2027-10-02"),
            List.of("2027-09-26"));

    @Test
    void calendarsDifferingInOneDateAreNotEqual() {
        YearCalendar same = YearCalendar.parse(2027, List.of("2027-10-02", "2027-10-01"), List.of("2027-09-26"));
        assertThat(same).isEqualTo(BASE).hasSameHashCodeAs(BASE);
        YearCalendar otherHoliday = YearCalendar.parse(2027, List.of("2027-10-01", "2027-10-03"), List.of("2027-09-26"));
        YearCalendar otherWorkingDay = YearCalendar.parse(2027, List.of("2027-10-01", "2027-10-02"),
                List.of("2027-10-09"));
        YearCalendar noWorkingDay = YearCalendar.parse(2027, List.of("2027-10-01", "2027-10-02"), List.of());
        assertThat(otherHoliday).isNotEqualTo(BASE);
        assertThat(otherWorkingDay).isNotEqualTo(BASE);
        assertThat(noWorkingDay).isNotEqualTo(BASE);
        assertThat(YearCalendar.parse(2028, List.of(), List.of())).isNotEqualTo(YearCalendar.parse(2027, List.of(),
                List.of()));
        assertThat(BASE).isNotEqualTo("YearCalendar[2027]");
        assertThat(otherHoliday.hashCode()).isNotEqualTo(BASE.hashCode());
        assertThat(otherWorkingDay.hashCode()).isNotEqualTo(BASE.hashCode());
    }

    @Test
    void toStringListsTheDates() {
        assertThat(BASE).hasToString("YearCalendar[2027, holidays=[2027-10-01, 2027-10-02], workingDays=[2027-09-26]]");
    }

    @Test
    void yearsFrom2000To2100() {
        assertThat(YearCalendar.MIN_YEAR).isEqualTo(2000);
        assertThat(YearCalendar.MAX_YEAR).isEqualTo(2100);
        assertThat(YearCalendar.parse(2000, List.of(), List.of()).year()).isEqualTo(2000);
        assertThat(YearCalendar.parse(2100, List.of(), List.of()).year()).isEqualTo(2100);
        for (int year : new int[] {1999, 2101}) {
            assertThat(problems(year, List.of(), List.of())).containsExactly(
                    new InvalidCalendarException.Problem("year", "year must be from 2000 to 2100"));
        }
    }

    @Test
    void atMostOneHundredHolidays() {
        assertThat(YearCalendar.parse(2027, days(2027, 100, false), List.of()).holidays()).hasSize(100);
        assertThat(problems(2027, days(2027, 101, false), List.of())).containsExactly(
                new InvalidCalendarException.Problem("holidays", "at most 100 holidays per year (got 101)"));
    }

    @Test
    void atMostThirtyWorkingDays() {
        assertThat(YearCalendar.parse(2027, List.of(), days(2027, 30, true)).workingDays()).hasSize(30);
        assertThat(problems(2027, List.of(), days(2027, 31, true))).containsExactly(
                new InvalidCalendarException.Problem("workingDays", "at most 30 workingDays per year (got 31)"));
    }

    /** Loading the bundled file inside a test, not only in a static field. */
    @Test
    void theBundledCalendarsLoad() throws Exception {
        assertThat(OfficialCalendars.load().years()).containsExactly(2023, 2024, 2025, 2026);
        String json = "{\"source\":\"t\",\"notes\":[],\"years\":[{\"year\":2030,\"holidays\":[\"2030-10-01..2030-10-03\"],"
                + "\"workingDays\":[\"2030-09-29\"]}]}";
        OfficialCalendars read = OfficialCalendars.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.years()).containsExactly(2030);
        assertThat(read.find(2030)).contains(YearCalendar.parse(2030, List.of("2030-10-01", "2030-10-02",
                "2030-10-03"), List.of("2030-09-29")));
    }

    @Test
    void aRangeNeedsADateOnBothSides() {
        assertThatThrownBy(() -> OfficialCalendars.expand(List.of("..2023-01-01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Bad date in /calendar/official.json: ");
    }

    @Test
    void sourcesHaveLowerCaseWireNames() {
        assertThat(CalendarEntry.Source.OFFICIAL.wireName()).isEqualTo("official");
        assertThat(CalendarEntry.Source.CONFIGURED.wireName()).isEqualTo("configured");
    }

    private static List<String> days(int year, int count, boolean weekendsOnly) {
        List<String> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); days.size() < count; d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekendsOnly || weekend) {
                days.add(d.toString());
            }
        }
        return days;
    }

    private static List<InvalidCalendarException.Problem> problems(int year, List<String> h, List<String> w) {
        try {
            YearCalendar.parse(year, h, w);
        } catch (InvalidCalendarException e) {
            return e.problems();
        }
        throw new AssertionError("expected an InvalidCalendarException");
    }
}
