package spotcheck.local.events;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression and when it fires next: {@code rate(N unit)} (minute(s),
 * hour(s), day(s)) and {@code cron(minutes hours day-of-month month day-of-week year)} with
 * {@code *}, {@code ?}, lists, ranges, steps ({@code 0/15}, {@code 10-50/20}, {@code * /5}) and
 * month and day names; day-of-week 1 is Sunday, as in EventBridge; one of day-of-month and
 * day-of-week must be {@code ?}. Cron fields are read in the schedule's time zone (UTC unless
 * given). The forms {@code L}, {@code W} and {@code #} are refused with a message.
 */
public final class ScheduleExpression {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int MAX_YEAR = 2199;

    private final String text;
    private final ZoneId zone;
    /** For rate(): the period; null for cron(). */
    private final Duration period;
    private final BitSet minutes;
    private final BitSet hours;
    /** Null when the field is {@code ?}. */
    private final BitSet daysOfMonth;
    private final BitSet months;
    /** 1 = Sunday ... 7 = Saturday; null when the field is {@code ?}. */
    private final BitSet daysOfWeek;
    private final BitSet years;

    private ScheduleExpression(String text, ZoneId zone, Duration period, BitSet[] fields) {
        this.text = text;
        this.zone = zone;
        this.period = period;
        this.minutes = fields[0];
        this.hours = fields[1];
        this.daysOfMonth = fields[2];
        this.months = fields[3];
        this.daysOfWeek = fields[4];
        this.years = fields[5];
    }

    /**
     * Parses an expression.
     *
     * @param timezone an IANA zone such as {@code Asia/Shanghai}, or null for UTC
     * @throws IllegalArgumentException saying what is wrong or not supported
     */
    public static ScheduleExpression parse(String expression, String timezone) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("no schedule expression");
        }
        String text = expression.trim();
        ZoneId zone;
        try {
            zone = timezone == null || timezone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + timezone);
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            if (n < 1) {
                throw new IllegalArgumentException(text + ": the rate must be a positive number");
            }
            String unit = rate.group(2);
            Duration period = unit.startsWith("minute") ? Duration.ofMinutes(n)
                    : unit.startsWith("hour") ? Duration.ofHours(n) : Duration.ofDays(n);
            return new ScheduleExpression(text, zone, period, new BitSet[6]);
        }
        Matcher cron = CRON.matcher(text);
        if (!cron.matches()) {
            throw new IllegalArgumentException(text + ": not a schedule expression; use rate(N minutes|hours|days)"
                    + " or cron(minutes hours day-of-month month day-of-week year)");
        }
        String[] f = cron.group(1).trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException(text + ": cron() takes six fields (minutes hours day-of-month month"
                    + " day-of-week year), not " + f.length);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException(text + ": exactly one of day-of-month and day-of-week must be ?");
        }
        BitSet[] fields = {
            field(text, "minutes", f[0], 0, 59, null, 0),
            field(text, "hours", f[1], 0, 23, null, 0),
            domAny ? null : field(text, "day-of-month", f[2], 1, 31, null, 0),
            field(text, "month", f[3], 1, 12, MONTHS, 1),
            dowAny ? null : field(text, "day-of-week", f[4], 1, 7, DAYS, 1),
            field(text, "year", f[5], 1970, MAX_YEAR, null, 0),
        };
        return new ScheduleExpression(text, zone, null, fields);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether this is a {@code rate()}: it fires every {@link #period()} from when the schedule starts. */
    public boolean isRate() {
        return period != null;
    }

    public Duration period() {
        return period;
    }

    /**
     * The first time strictly after {@code after} that the schedule fires; empty when it never does again
     * (a cron whose years are past). A rate fires at {@code anchor} plus whole periods.
     */
    public Optional<Instant> next(Instant after, Instant anchor) {
        if (period != null) {
            long elapsed = Duration.between(anchor, after).toMillis();
            long n = elapsed < 0 ? 0 : elapsed / period.toMillis() + 1;
            return Optional.of(anchor.plus(period.multipliedBy(n)));
        }
        ZonedDateTime start = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Instant from = start.toInstant();
        LocalDate day = start.toLocalDate();
        while (day.getYear() <= MAX_YEAR) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear() + 1, 1, 1);
                continue;
            }
            if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (dayMatches(day)) {
                for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                    for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                        // A time a daylight-saving gap skips fires at the shifted instant, as EventBridge does.
                        Instant t = LocalDateTime.of(day.getYear(), day.getMonth(), day.getDayOfMonth(), h, m)
                                .atZone(zone).toInstant();
                        if (!t.isBefore(from)) {
                            return Optional.of(t);
                        }
                    }
                }
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        if (daysOfMonth != null) {
            return daysOfMonth.get(day.getDayOfMonth());
        }
        int awsDay = day.getDayOfWeek().getValue() % 7 + 1; // Monday 1 ... Sunday 7 → Sunday 1 ... Saturday 7
        return daysOfWeek.get(awsDay);
    }

    /** One cron field: {@code *}, or a comma-separated list of values, ranges and steps. */
    private static BitSet field(String expression, String name, String spec, int min, int max, List<String> names,
                                int firstName) {
        String upper = spec.toUpperCase(Locale.ROOT);
        if (upper.contains("L") && !isName(upper, names) || upper.contains("W") && !isName(upper, names)
                || upper.contains("#")) {
            throw new IllegalArgumentException(expression + ": " + name + " '" + spec + "' uses L, W or #, which the"
                    + " local stack does not support");
        }
        BitSet set = new BitSet(max + 1);
        for (String part : upper.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(expression, name, part.substring(slash + 1), 1, max, null, 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw bad(expression, name, spec);
                }
                from = number(expression, name, ends[0], min, max, names, firstName);
                to = number(expression, name, ends[1], min, max, names, firstName);
                if (to < from) {
                    throw new IllegalArgumentException(expression + ": " + name + " range " + part
                            + " runs backwards, which the local stack does not support");
                }
            } else {
                from = number(expression, name, range, min, max, names, firstName);
                // "5/10": from 5 to the end in steps of 10.
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static boolean isName(String upper, List<String> names) {
        if (names == null) {
            return false;
        }
        for (String token : upper.split("[,\\-/]")) {
            if (!token.isEmpty() && !names.contains(token) && (token.contains("L") || token.contains("W"))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String expression, String name, String token, int min, int max, List<String> names,
                              int firstName) {
        if (names != null && names.contains(token)) {
            return names.indexOf(token) + firstName;
        }
        int value;
        try {
            value = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw bad(expression, name, token);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(expression + ": " + name + " value " + value + " is outside "
                    + min + "-" + max);
        }
        return value;
    }

    private static IllegalArgumentException bad(String expression, String name, String spec) {
        return new IllegalArgumentException(expression + ": " + name + " '" + spec + "' is not a value, list, range"
                + " or step the local stack understands");
    }

    @Override
    public String toString() {
        return text + (zone.equals(ZoneOffset.UTC) ? "" : " " + zone);
    }
}
