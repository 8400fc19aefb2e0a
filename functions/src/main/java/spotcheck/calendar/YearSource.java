package spotcheck.calendar;

import java.util.Optional;

/** Where year calendars come from (bundled data, the data table, a test's map). */
@FunctionalInterface
public interface YearSource {
    /** The calendar of {@code year}, or empty when that year is not configured. */
    Optional<YearCalendar> find(int year);
}
