package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class YearCalendarTest {

    private static List<InvalidCalendarException.Problem> problemsOf(Runnable build) {
        try {
            build.run();
        } catch (InvalidCalendarException e) {
            return e.problems();
        }
        throw new AssertionError("expected an InvalidCalendarException");
    }

    @Test
    void aValidYearKeepsItsDatesSorted() {
        YearCalendar c = YearCalendar.parse(2027, List.of("2027-10-02", "2027-10-01"), List.of("2027-09-26"));
        assertThat(c.year()).isEqualTo(2027);
        assertThat(c.holidays()).containsExactly(LocalDate.parse("2027-10-01"), LocalDate.parse("2027-10-02"));
        assertThat(c.workingDays()).containsExactly(LocalDate.parse("2027-09-26"));
        assertThat(c.isWorkingDay(LocalDate.parse("2027-09-26"))).isTrue();
        assertThat(c.isWorkingDay(LocalDate.parse("2027-10-01"))).isFalse();
        assertThat(c.isWorkingDay(LocalDate.parse("2027-10-04"))).isTrue();
        assertThat(c).isEqualTo(YearCalendar.parse(2027, List.of("2027-10-01", "2027-10-02"), List.of("2027-09-26")));
    }

    @Test
    void anEmptyYearIsValid() {
        assertThat(YearCalendar.parse(2030, List.of(), List.of()).holidays()).isEmpty();
    }

    @Test
    void aDateOfAnotherYearBelongsToThatYearsCalendar() {
        // The 2023 notice's New Year block starts on 2022-12-31: that day is 2022's.
        assertThat(problemsOf(() -> YearCalendar.parse(2023, List.of("2022-12-31", "2023-01-01"), List.of())))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("holidays[0]");
                    assertThat(p.message()).contains("2022-12-31", "2022");
                });
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        List<InvalidCalendarException.Problem> problems = problemsOf(() -> YearCalendar.parse(2023,
                List.of("2023-10-01", "2023-13-01", "not a date", "2023-10-01", "2024-01-01", "2023-10-07"),
                List.of("2023-10-07", "2023-10-09", "2023-02-30")));
        assertThat(problems).extracting(InvalidCalendarException.Problem::field).containsExactlyInAnyOrder(
                "holidays[1]",      // month 13
                "holidays[2]",      // not a date
                "holidays[3]",      // listed twice
                "holidays[4]",      // another year
                "workingDays[2]",   // February 30th
                "workingDays[0]",   // both a holiday and a working day
                "workingDays[1]");  // a Monday
        assertThat(problems).filteredOn(p -> p.field().equals("workingDays[1]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Monday", "Saturday or Sunday"));
        assertThat(problems).filteredOn(p -> p.field().equals("workingDays[0]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("both a holiday and a working day"));
    }

    @Test
    void onlyFourDigitIsoDatesAreRead() {
        assertThat(problemsOf(() -> YearCalendar.parse(2023, List.of("+2023-01-01", "2023-1-01", " 2023-01-01"),
                List.of()))).hasSize(3);
    }

    @Test
    void missingListsAndNullEntriesAreProblems() {
        assertThat(problemsOf(() -> YearCalendar.parse(2023, null, null)))
                .extracting(InvalidCalendarException.Problem::field).containsExactly("holidays", "workingDays");
        assertThat(problemsOf(() -> YearCalendar.parse(2023, Arrays.asList("2023-01-01", null), List.of())))
                .extracting(InvalidCalendarException.Problem::field).containsExactly("holidays[1]");
        assertThat(problemsOf(() -> YearCalendar.of(2023, Arrays.asList(LocalDate.parse("2023-01-02"), null),
                List.of()))).extracting(InvalidCalendarException.Problem::field).containsExactly("holidays[1]");
    }

    @Test
    void theYearMustBeInRange() {
        assertThat(problemsOf(() -> YearCalendar.of(1999, List.of(), List.of())))
                .extracting(InvalidCalendarException.Problem::field).containsExactly("year");
        assertThat(problemsOf(() -> YearCalendar.of(2101, List.of(), List.of()))).hasSize(1);
    }

    @Test
    void listsHaveAMaximumSize() {
        List<LocalDate> tooManyHolidays = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2030-01-01"); tooManyHolidays.size() <= YearCalendar.MAX_HOLIDAYS;
             d = d.plusDays(1)) {
            tooManyHolidays.add(d);
        }
        List<LocalDate> tooManyWorkingDays = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2030-01-05"); tooManyWorkingDays.size() <= YearCalendar.MAX_WORKING_DAYS;
             d = d.plusWeeks(1)) {
            tooManyWorkingDays.add(d);
        }
        assertThat(problemsOf(() -> YearCalendar.of(2030, tooManyHolidays, List.of())))
                .extracting(InvalidCalendarException.Problem::field).containsExactly("holidays");
        assertThat(problemsOf(() -> YearCalendar.of(2030, List.of(), tooManyWorkingDays)))
                .extracting(InvalidCalendarException.Problem::field).containsExactly("workingDays");
    }

    @Test
    void askingAboutADateOfAnotherYearIsAProgrammingError() {
        YearCalendar c = YearCalendar.of(2023, List.of(), List.of());
        assertThatThrownBy(() -> c.isWorkingDay(LocalDate.parse("2024-01-02")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
