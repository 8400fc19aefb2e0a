package spotcheck.calendar;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Working-day arithmetic over the configured year calendars. A deadline "within N working
 * days after X" is the N-th working day after X, X itself not counted (民法典 arts. 201, 203).
 *
 * <p>Each year is looked up once and then remembered, so make one instance per request or
 * batch: a calendar an administrator changes later is then seen by the next one.
 * Not thread-safe.
 */
public final class WorkingDays {
    /** A year of days is the longest span any deadline rule asks for. */
    public static final int MAX_DAYS = 366;

    private final YearSource years;
    private final Map<Integer, YearCalendar> seen = new HashMap<>();

    public WorkingDays(YearSource years) {
        this.years = years;
    }

    /** @throws MissingCalendarException when the date's year is not configured */
    public boolean isWorkingDay(LocalDate date) {
        return calendarOf(date.getYear()).isWorkingDay(date);
    }

    /**
     * The {@code days}-th working day after {@code from} ({@code from} itself not counted;
     * {@code days == 0} answers {@code from}).
     *
     * @throws MissingCalendarException naming the first year needed that is not configured
     */
    public LocalDate add(LocalDate from, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be from 0 to " + MAX_DAYS + ", got " + days);
        }
        LocalDate date = from;
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    private YearCalendar calendarOf(int year) {
        YearCalendar calendar = seen.get(year);
        if (calendar == null) {
            calendar = years.find(year).orElseThrow(() -> new MissingCalendarException(year));
            seen.put(year, calendar);
        }
        return calendar;
    }
}
