package spotcheck.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.store.Store;

/**
 * The calendars in effect and working-day arithmetic over them. A year's calendar is the
 * one an administrator stored, else the bundled official one, else missing. Stored years
 * are read per request (no cache across requests), so a change made through any container
 * counts everywhere from the next request on.
 */
public final class CalendarService {
    private final Store store;
    private final YearSource official;

    /** {@code official}: the bundled calendars ({@link OfficialCalendars#bundled()} in the functions). */
    public CalendarService(Store store, YearSource official) {
        this.store = store;
        this.official = official;
    }

    public Optional<CalendarEntry> find(int year) {
        Optional<StoredYear> stored = store.get(StoredYear.KIND, Integer.toString(year));
        if (stored.isPresent()) {
            return Optional.of(new CalendarEntry(stored.get().calendar(), CalendarEntry.Source.CONFIGURED,
                    stored.get().version()));
        }
        return official.find(year).map(c -> new CalendarEntry(c, CalendarEntry.Source.OFFICIAL, 0));
    }

    /** Arithmetic for one request or one batch: each year is read at most once by the instance. */
    public WorkingDays workingDays() {
        return new WorkingDays(year -> find(year).map(CalendarEntry::calendar));
    }

    /** {@link WorkingDays#add} for a request: a missing year becomes the 422 that tells an admin what to add. */
    public LocalDate addWorkingDays(LocalDate from, int days) {
        try {
            return workingDays().add(from, days);
        } catch (MissingCalendarException e) {
            throw toApiError(e);
        }
    }

    /** The client-facing form of a missing year, for any capability that computes deadlines in a request. */
    public static DomainException toApiError(MissingCalendarException e) {
        String message = e.getMessage() + ": an administrator must add it (PUT /calendar/" + e.year() + ")";
        return new DomainException(DomainException.Kind.INVALID, "calendar_missing", message, List.of());
    }

    /**
     * Stores a year's calendar if {@code expectedVersion} is the current one (0 while the year
     * is only bundled or absent); otherwise 409 and nothing changes. The audit record and the
     * history entry are written in the same transaction.
     */
    public CalendarEntry put(YearCalendar calendar, long expectedVersion, Actor actor) {
        int year = calendar.year();
        Optional<StoredYear> before = store.get(StoredYear.KIND, Integer.toString(year));
        long currentVersion = before.map(StoredYear::version).orElse(0L);
        if (expectedVersion != currentVersion) {
            throw DomainException.conflict("The calendar for " + year + " is at version " + currentVersion + ", not "
                    + expectedVersion + "; read it again (GET /calendar/" + year + ") and send the current version");
        }
        StoredYear after = StoredYear.of(calendar, currentVersion + 1, store.now());
        if (before.isPresent()) {
            store.update(StoredYear.KIND, before.get(), after, actor, "update");
        } else {
            store.create(StoredYear.KIND, after, actor);
        }
        return new CalendarEntry(calendar, CalendarEntry.Source.CONFIGURED, after.version());
    }
}
