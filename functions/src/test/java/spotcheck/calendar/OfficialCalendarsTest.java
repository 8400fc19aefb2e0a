package spotcheck.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfficialCalendarsTest {
    private static final OfficialCalendars OFFICIAL = OfficialCalendars.load();

    @Test
    void theBundledYearsAre2023To2026AndNothingElse() {
        assertThat(OFFICIAL.years()).containsExactly(2023, 2024, 2025, 2026);
        assertThat(OFFICIAL.find(2022)).isEmpty();
        assertThat(OFFICIAL.find(2027)).isEmpty();
    }

    @Test
    void theFunctionsSourceIsTheBundledFileReadOnFirstUse() {
        YearSource bundled = OfficialCalendars.bundled();
        for (int year = 2022; year <= 2027; year++) {
            assertThat(bundled.find(year)).as("%d", year).isEqualTo(OFFICIAL.find(year));
        }
        assertThat(bundled.find(2024)).isPresent();
    }

    /** Days off and working weekend days per year, counted from the DOMAIN.md table. */
    @ParameterizedTest(name = "{0}: {1} days off, {2} working weekend days")
    @CsvSource({"2023, 26, 7", "2024, 28, 8", "2025, 28, 5", "2026, 33, 6"})
    void everyOfficialYearLoadsAndValidates(int year, int holidays, int workingDays) {
        YearCalendar c = OFFICIAL.find(year).orElseThrow();
        assertThat(c.holidays()).hasSize(holidays).allMatch(d -> d.getYear() == year);
        assertThat(c.workingDays()).hasSize(workingDays).allMatch(YearCalendar::isWeekend);
        // it also passes the validation an administrator's PUT goes through
        assertThat(YearCalendar.parse(year, StoredYear.isoStrings(c.holidays()),
                StoredYear.isoStrings(c.workingDays()))).isEqualTo(c);
    }

    @Test
    void rangesExpandInclusively() {
        YearCalendar y2023 = OFFICIAL.find(2023).orElseThrow();
        assertThat(y2023.holidays()).contains(LocalDate.parse("2023-09-29"), LocalDate.parse("2023-10-06"))
                .doesNotContain(LocalDate.parse("2023-09-28"), LocalDate.parse("2023-10-07"));
        assertThat(OfficialCalendars.expand(List.of("2023-12-30..2024-01-02", "2023-05-01")))
                .containsExactly(LocalDate.parse("2023-12-30"), LocalDate.parse("2023-12-31"),
                        LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"), LocalDate.parse("2023-05-01"));
    }

    @Test
    void badBundledDataFailsLoudly() {
        assertThatThrownBy(() -> OfficialCalendars.expand(List.of("2023-10-06..2023-09-29")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OfficialCalendars.expand(List.of("2023-10-32")))
                .isInstanceOf(IllegalStateException.class);
        String mondayAsWorkingDay = "{\"source\":\"t\",\"notes\":[],\"years\":[{\"year\":2023,\"holidays\":[],"
                + "\"workingDays\":[\"2023-10-09\"]}]}";
        assertThatThrownBy(() -> OfficialCalendars.read(
                new ByteArrayInputStream(mondayAsWorkingDay.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("workingDays[0]");
    }
}
