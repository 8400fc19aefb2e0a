package spotcheck.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One year's calendar as the State Council publishes it: the days off ({@code holidays},
 * including the weekend days inside a holiday block) and the weekend days declared
 * working days ({@code workingDays}, 调休).
 *
 * <p>Every date belongs to the calendar of its own year, and only there. A notice that
 * reaches back into the previous year (the 2023 New Year block starts on 2022-12-31) is
 * split: those days go into the previous year's calendar. So a date's status is always
 * decided by exactly one calendar, the one of {@code date.getYear()}, and no rule is
 * needed for two calendars that disagree.
 */
public final class YearCalendar {
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    /** Official years have about 30 days off and at most 8 working weekend days; the limits only catch mistakes. */
    public static final int MAX_HOLIDAYS = 100;
    public static final int MAX_WORKING_DAYS = 30;

    private final int year;
    private final List<LocalDate> holidays;
    private final List<LocalDate> workingDays;
    private final Set<LocalDate> holidaySet;
    private final Set<LocalDate> workingDaySet;

    private YearCalendar(int year, List<LocalDate> holidays, List<LocalDate> workingDays) {
        this.year = year;
        this.holidays = holidays.stream().sorted().toList();
        this.workingDays = workingDays.stream().sorted().toList();
        this.holidaySet = Set.copyOf(holidays);
        this.workingDaySet = Set.copyOf(workingDays);
    }

    /** A validated calendar, or {@link InvalidCalendarException} listing every problem. */
    public static YearCalendar of(int year, List<LocalDate> holidays, List<LocalDate> workingDays) {
        return validated(year, holidays, workingDays, date -> date);
    }

    /** Like {@link #of} from {@code YYYY-MM-DD} strings; unreadable dates are problems too. */
    public static YearCalendar parse(int year, List<String> holidays, List<String> workingDays) {
        return validated(year, holidays, workingDays, text -> IsoDate.parse(text).orElse(null));
    }

    public int year() {
        return year;
    }

    /** Days off, in date order. */
    public List<LocalDate> holidays() {
        return holidays;
    }

    /** Weekend days that are working days, in date order. */
    public List<LocalDate> workingDays() {
        return workingDays;
    }

    /** Mon–Fri and not a holiday, or a weekend day declared a working day. */
    public boolean isWorkingDay(LocalDate date) {
        if (date.getYear() != year) {
            throw new IllegalArgumentException(date + " is not in " + year);
        }
        if (isWeekend(date)) {
            return workingDaySet.contains(date);
        }
        return !holidaySet.contains(date);
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** Checks everything and reports problems in input order: the year, then each list entry by entry. */
    private static <T> YearCalendar validated(int year, List<T> holidays, List<T> workingDays,
                                              Function<T, LocalDate> read) {
        List<InvalidCalendarException.Problem> problems = new ArrayList<>();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            problems.add(new InvalidCalendarException.Problem("year",
                    "year must be from " + MIN_YEAR + " to " + MAX_YEAR));
        }
        List<LocalDate> h = entries("holidays", year, holidays, MAX_HOLIDAYS, read, Set.of(), problems);
        List<LocalDate> w = entries("workingDays", year, workingDays, MAX_WORKING_DAYS, read, Set.copyOf(h),
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidCalendarException(year, problems);
        }
        return new YearCalendar(year, h, w);
    }

    /**
     * The readable, distinct dates of {@code year} in one list; every other entry is a problem
     * (one per entry, the first that applies). Working days must also be weekend days that are
     * not in {@code holidays}.
     */
    private static <T> List<LocalDate> entries(String field, int year, List<T> entries, int max,
                                               Function<T, LocalDate> read, Set<LocalDate> holidays,
                                               List<InvalidCalendarException.Problem> problems) {
        if (entries == null) {
            problems.add(new InvalidCalendarException.Problem(field, field + " is required (it may be empty)"));
            return List.of();
        }
        if (entries.size() > max) {
            problems.add(new InvalidCalendarException.Problem(field,
                    "at most " + max + " " + field + " per year (got " + entries.size() + ")"));
        }
        boolean workingDays = field.equals("workingDays");
        Map<LocalDate, Integer> firstIndex = new HashMap<>();
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = field + "[" + i + "]";
            T entry = entries.get(i);
            LocalDate date = entry == null ? null : read.apply(entry);
            String problem;
            if (entry == null) {
                problem = "a date is missing";
            } else if (date == null) {
                problem = "'" + entry + "' is not a date as YYYY-MM-DD";
            } else if (date.getYear() != year) {
                problem = date + " is in " + date.getYear() + ", not " + year
                        + ": each date belongs to the calendar of its own year (put it in " + date.getYear() + "'s)";
            } else if (firstIndex.containsKey(date)) {
                problem = date + " is listed twice (also at " + field + "[" + firstIndex.get(date) + "])";
            } else if (workingDays && holidays.contains(date)) {
                problem = date + " is both a holiday and a working day";
            } else if (workingDays && !isWeekend(date)) {
                problem = date + " is a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + ": only a Saturday or Sunday can be declared a working day"
                        + " (weekdays are working days anyway)";
            } else {
                problem = null;
                firstIndex.put(date, i);
                dates.add(date);
            }
            if (problem != null) {
                problems.add(new InvalidCalendarException.Problem(at, problem));
            }
        }
        return dates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YearCalendar other && year == other.year && holidays.equals(other.holidays)
                && workingDays.equals(other.workingDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(year, holidays, workingDays);
    }

    @Override
    public String toString() {
        return "YearCalendar[" + year + ", holidays=" + holidays + ", workingDays=" + workingDays + "]";
    }
}
