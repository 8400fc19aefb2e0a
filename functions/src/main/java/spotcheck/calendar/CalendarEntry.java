package spotcheck.calendar;

import java.util.Locale;

/** A year's calendar in effect, where it comes from, and its version (0 while only the bundled one exists). */
public record CalendarEntry(YearCalendar calendar, Source source, long version) {

    public enum Source {
        /** Bundled with the code from the State Council notices. */
        OFFICIAL,
        /** Stored by an administrator; wins over the bundled one. */
        CONFIGURED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
