package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {
    private static final OfficialCalendars OFFICIAL = OfficialCalendars.load();

    private final WorkingDays official = new WorkingDays(OFFICIAL);

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void theAcceptanceVector() {
        assertThat(official.add(d("2023-09-27"), 20)).isEqualTo(d("2023-10-31"));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // 2023 National Day block 09-29..10-06, then the working weekend 10-07/10-08
            "2023-09-27, 1, 2023-09-28",
            "2023-09-28, 1, 2023-10-07",
            "2023-09-28, 2, 2023-10-08",
            "2023-09-28, 3, 2023-10-09",
            // 2024 Spring Festival 02-10..02-17, working Sunday 02-18
            "2024-02-08, 1, 2024-02-09",
            "2024-02-09, 1, 2024-02-18",
            "2024-02-09, 2, 2024-02-19",
            // 2025 Spring Festival 01-28..02-04, working Sunday 01-26 and Saturday 02-08
            "2025-01-24, 1, 2025-01-26",
            "2025-01-27, 1, 2025-02-05",
            "2025-01-27, 5, 2025-02-10",
            // 2026 Spring Festival 02-15..02-23, working Saturdays 02-14 and 02-28
            "2026-02-13, 1, 2026-02-14",
            "2026-02-14, 1, 2026-02-24",
            "2026-02-14, 5, 2026-02-28",
            // across a year boundary: 2026-01-01..03 off, Sunday 01-04 working
            "2025-12-20, 20, 2026-01-19",
            "2024-12-31, 1, 2025-01-02",
            // a whole year of days, from a holiday
            "2023-01-01, 366, 2024-06-20",
    })
    void addsWorkingDays(String from, int days, String expected) {
        assertThat(official.add(d(from), days)).isEqualTo(d(expected));
    }

    @Test
    void zeroDaysIsTheStartDateItselfEvenOnAHolidayOrInAnUnconfiguredYear() {
        assertThat(official.add(d("2023-10-01"), 0)).isEqualTo(d("2023-10-01"));
        assertThat(official.add(d("2027-03-01"), 0)).isEqualTo(d("2027-03-01"));
    }

    @Test
    void adjustedWeekendDaysAreWorkingDaysAndHolidaysAreNot() {
        assertThat(official.isWorkingDay(d("2023-10-07"))).isTrue();
        assertThat(official.isWorkingDay(d("2023-10-08"))).isTrue();
        assertThat(official.isWorkingDay(d("2023-10-02"))).as("a Monday in the block").isFalse();
        assertThat(official.isWorkingDay(d("2023-09-30"))).as("a Saturday in the block").isFalse();
        assertThat(official.isWorkingDay(d("2023-10-14"))).as("an ordinary Saturday").isFalse();
        assertThat(official.isWorkingDay(d("2023-10-16"))).as("an ordinary Monday").isTrue();
    }

    @ParameterizedTest(name = "{0} has {1} working days")
    @CsvSource({"2023, 249", "2024, 251", "2025, 248"})
    void yearTotalsMatchThePublishedOnes(int year, int expected) {
        int count = 0;
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            count += official.isWorkingDay(day) ? 1 : 0;
        }
        assertThat(count).isEqualTo(expected);
    }

    @Test
    void oneWorkingDayLaterIsTheNextWorkingDayForEveryOfficialDate() {
        for (LocalDate day = d("2023-01-01"); day.isBefore(d("2026-12-01")); day = day.plusDays(1)) {
            LocalDate next = official.add(day, 1);
            assertThat(official.isWorkingDay(next)).as("%s", day).isTrue();
            for (LocalDate between = day.plusDays(1); between.isBefore(next); between = between.plusDays(1)) {
                assertThat(official.isWorkingDay(between)).as("%s", between).isFalse();
            }
        }
    }

    @Test
    void aYearThatIsNotConfiguredIsNamedNeverGuessed() {
        assertThatThrownBy(() -> official.add(d("2026-12-20"), 20))
                .isInstanceOfSatisfying(MissingCalendarException.class, e -> assertThat(e.year()).isEqualTo(2027))
                .hasMessageContaining("2027");
        assertThatThrownBy(() -> official.isWorkingDay(d("2022-12-30")))
                .isInstanceOfSatisfying(MissingCalendarException.class, e -> assertThat(e.year()).isEqualTo(2022));
    }

    @Test
    void aConfiguredFollowingYearIsUsedWhenPresent() {
        YearCalendar y2027 = YearCalendar.of(2027, List.of(d("2027-01-01")), List.of());
        WorkingDays withNextYear = new WorkingDays(year -> year == 2027 ? java.util.Optional.of(y2027)
                : OFFICIAL.find(year));
        // 2026-12-31 Thu; 2027-01-01 Fri off; then Mon 01-04
        assertThat(withNextYear.add(d("2026-12-30"), 2)).isEqualTo(d("2027-01-04"));
    }

    @Test
    void eachYearIsLookedUpOncePerInstance() {
        List<Integer> lookups = new ArrayList<>();
        WorkingDays counting = new WorkingDays(year -> {
            lookups.add(year);
            return OFFICIAL.find(year);
        });
        counting.add(d("2025-12-20"), 20);
        counting.add(d("2025-12-01"), 30);
        assertThat(lookups).containsExactly(2025, 2026);
    }

    @Test
    void daysOutsideZeroTo366AreRefused() {
        assertThatThrownBy(() -> official.add(d("2023-01-03"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> official.add(d("2023-01-03"), 367)).isInstanceOf(IllegalArgumentException.class);
    }
}
