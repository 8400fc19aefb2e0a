package spotcheck.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import spotcheck.core.DomainException;
import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/**
 * {@code GET /calendar/working-days/add}, {@code GET /calendar/{year}} and
 * {@code PUT /calendar/{year}}: parameters parsed and validated here, rules in {@link CalendarService}.
 * Roles are checked by the route table (any role reads, admins write).
 */
public final class CalendarOperations {
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern DAYS = Pattern.compile("\\d{1,3}");

    private final CalendarService service;

    public CalendarOperations(CalendarService service) {
        this.service = service;
    }

    /** Query {@code from=YYYY-MM-DD&days=N} → {@code {"date": "YYYY-MM-DD"}}. */
    public ApiResponse addWorkingDays(ApiRequest request) {
        List<DomainException.Detail> problems = new ArrayList<>();
        Optional<LocalDate> from = request.query("from").flatMap(IsoDate::parse);
        if (from.isEmpty()) {
            problems.add(new DomainException.Detail("from", "from must be a date as YYYY-MM-DD"));
        }
        Optional<Integer> days = request.query("days").filter(d -> DAYS.matcher(d).matches()).map(Integer::valueOf)
                .filter(d -> d <= WorkingDays.MAX_DAYS);
        if (days.isEmpty()) {
            problems.add(new DomainException.Detail("days",
                    "days must be a whole number from 0 to " + WorkingDays.MAX_DAYS));
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid(problems.size() == 1 ? problems.get(0).message()
                    : "from must be a date as YYYY-MM-DD and days a whole number from 0 to " + WorkingDays.MAX_DAYS,
                    problems);
        }
        return ApiResponse.ok(new DateBody(service.addWorkingDays(from.get(), days.get()).toString()));
    }

    /** Path {@code year} → the calendar in effect, official or configured. */
    public ApiResponse get(ApiRequest request) {
        int year = year(request);
        CalendarEntry entry = service.find(year).orElseThrow(() -> DomainException.notFound("No working-day calendar for "
                + year + ": an administrator can add it (PUT /calendar/" + year + ")"));
        return ApiResponse.ok(CalendarBody.of(entry));
    }

    /** Path {@code year}, body {@code {"holidays", "workingDays", "version"}} → the stored calendar. */
    public ApiResponse put(ApiRequest request) {
        int year = year(request);
        CalendarInput input = request.body(CalendarInput.class);
        long version = input.version() == null ? 0 : input.version();
        if (version < 0) {
            throw DomainException.invalid("version", "version must be 0 or more");
        }
        YearCalendar calendar;
        try {
            calendar = YearCalendar.parse(year, input.holidays(), input.workingDays());
        } catch (InvalidCalendarException e) {
            List<DomainException.Detail> details = e.problems().stream()
                    .map(p -> new DomainException.Detail(p.field(), p.message())).toList();
            throw DomainException.invalid("The calendar for " + year + " has " + details.size()
                    + (details.size() == 1 ? " problem" : " problems"), details);
        }
        CalendarEntry stored = service.put(calendar, version, request.actor());
        return ApiResponse.ok(CalendarBody.of(stored));
    }

    static int year(ApiRequest request) {
        String raw = request.path("year");
        if (YEAR.matcher(raw).matches()) {
            int year = Integer.parseInt(raw);
            if (year >= YearCalendar.MIN_YEAR && year <= YearCalendar.MAX_YEAR) {
                return year;
            }
        }
        throw DomainException.invalid("year", "year must be a four-digit year from " + YearCalendar.MIN_YEAR + " to "
                + YearCalendar.MAX_YEAR);
    }

    /** The PUT body; {@code version} absent means 0 (the year is not stored yet). */
    public record CalendarInput(List<String> holidays, List<String> workingDays, Long version) { }

    public record CalendarBody(int year, List<String> holidays, List<String> workingDays, String source,
                               long version) {
        static CalendarBody of(CalendarEntry entry) {
            YearCalendar c = entry.calendar();
            return new CalendarBody(c.year(), StoredYear.isoStrings(c.holidays()),
                    StoredYear.isoStrings(c.workingDays()), entry.source().wireName(), entry.version());
        }
    }

    public record DateBody(String date) { }
}
