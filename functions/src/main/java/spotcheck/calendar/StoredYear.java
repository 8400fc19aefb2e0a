package spotcheck.calendar;

import java.time.LocalDate;
import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * A year's calendar as an administrator stored it: an entity of the data table, versioned,
 * audited and with every version kept, like any other.
 */
public record StoredYear(int year, List<String> holidays, List<String> workingDays, long version,
                         String updatedAt) implements Versioned {

    public static final EntityKind<StoredYear> KIND = new EntityKind<>("CAL", "calendar", StoredYear.class, true);

    @Override
    public String id() {
        return Integer.toString(year);
    }

    static StoredYear of(YearCalendar calendar, long version, String updatedAt) {
        return new StoredYear(calendar.year(), isoStrings(calendar.holidays()), isoStrings(calendar.workingDays()),
                version, updatedAt);
    }

    /** A stored year that no longer validates was edited outside the API: fail loudly, never compute with it. */
    YearCalendar calendar() {
        try {
            return YearCalendar.parse(year, holidays, workingDays);
        } catch (InvalidCalendarException e) {
            throw new IllegalStateException("Stored " + e.getMessage(), e);
        }
    }

    static List<String> isoStrings(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).toList();
    }
}
