package spotcheck.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import spotcheck.api.ApiException;
import spotcheck.api.Principal;
import spotcheck.audit.AuditTrail;

/**
 * The calendars in effect and working-day arithmetic over them. A year's calendar is the
 * one an administrator stored, else the bundled official one, else missing. Stored years
 * are read per request (no cache across requests), so a change made through any container
 * counts everywhere from the next request on.
 */
public final class CalendarService {
    private final CalendarRepository repository;
    private final OfficialCalendars official;
    private final AuditTrail audit;
    private final Clock clock;

    public CalendarService(CalendarRepository repository, OfficialCalendars official, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.official = official;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<CalendarEntry> find(int year) {
        Optional<StoredCalendar> stored = repository.find(year);
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
    public static ApiException toApiError(MissingCalendarException e) {
        String message = e.getMessage() + ": an administrator must add it (PUT /calendar/" + e.year() + ")";
        return new ApiException(422, "calendar_missing", message, List.of());
    }

    /**
     * Stores a year's calendar if {@code expectedVersion} is the current one (0 while the year
     * is only bundled or absent); otherwise 409 and nothing changes. The audit record is
     * written in the same transaction.
     */
    public CalendarEntry put(YearCalendar calendar, long expectedVersion, Principal actor, String requestId) {
        int year = calendar.year();
        Optional<CalendarEntry> current = find(year);
        long currentVersion = current.map(CalendarEntry::version).orElse(0L);
        if (expectedVersion != currentVersion) {
            throw ApiException.conflict("The calendar for " + year + " is at version " + currentVersion + ", not "
                    + expectedVersion + "; read it again (GET /calendar/" + year + ") and send the current version");
        }
        long nextVersion = currentVersion + 1;
        CalendarEntry next = new CalendarEntry(calendar, CalendarEntry.Source.CONFIGURED, nextVersion);
        String action = currentVersion == 0 ? "create" : "update";
        var auditRecord = audit.record(actor, requestId, AuditTrail.entityKey("calendar", Integer.toString(year)),
                action, nextVersion, current.map(Snapshot::of).orElse(null), Snapshot.of(next));
        repository.save(new StoredCalendar(calendar, nextVersion, clock.instant().toString(), actor.subject()),
                currentVersion, auditRecord);
        return next;
    }

    /** What the audit digests: the dates and where they came from (the version is recorded on its own). */
    record Snapshot(int year, List<String> holidays, List<String> workingDays, String source) {
        static Snapshot of(CalendarEntry entry) {
            return new Snapshot(entry.calendar().year(), CalendarRepository.isoStrings(entry.calendar().holidays()),
                    CalendarRepository.isoStrings(entry.calendar().workingDays()), entry.source().wireName());
        }
    }
}
