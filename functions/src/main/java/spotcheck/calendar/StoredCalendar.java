package spotcheck.calendar;

/** A year's calendar as an administrator stored it, with its optimistic-locking version. */
public record StoredCalendar(YearCalendar calendar, long version, String updatedAt, String updatedBy) { }
