package spotcheck.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import spotcheck.core.Json;

/**
 * The State Council calendars bundled with the code ({@value #RESOURCE}), so that a fresh
 * deployment knows the published years without an administrator typing them in.
 * Entries are single dates or inclusive ranges {@code 2023-09-29..2023-10-06}.
 */
public final class OfficialCalendars implements YearSource {
    public static final String RESOURCE = "/calendar/official.json";
    /** No official block is longer than a few weeks; a longer range is a typo. */
    private static final int MAX_RANGE_DAYS = 31;

    private final Map<Integer, YearCalendar> byYear;

    private OfficialCalendars(Map<Integer, YearCalendar> byYear) {
        this.byYear = Collections.unmodifiableMap(new TreeMap<>(byYear));
    }

    /**
     * The bundled calendars, read on first use: most requests never ask for a working day, so a
     * container's init does not pay for reading them (SnapStart priming reads them before the snapshot).
     */
    public static YearSource bundled() {
        return year -> Bundled.CALENDARS.find(year);
    }

    /** Read by the JVM on first access, once, thread-safely. */
    private static final class Bundled {
        static final OfficialCalendars CALENDARS = load();
    }

    /** The bundled calendars; a bundled year that does not validate is a build error, so it fails loudly. */
    public static OfficialCalendars load() {
        try (InputStream in = OfficialCalendars.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static OfficialCalendars read(InputStream in) throws IOException {
        File file = Json.MAPPER.readValue(in, File.class);
        Map<Integer, YearCalendar> byYear = new TreeMap<>();
        for (Year y : file.years()) {
            YearCalendar calendar = YearCalendar.of(y.year(), expand(y.holidays()), expand(y.workingDays()));
            if (byYear.put(y.year(), calendar) != null) {
                throw new IllegalStateException(RESOURCE + " lists " + y.year() + " twice");
            }
        }
        return new OfficialCalendars(byYear);
    }

    @Override
    public Optional<YearCalendar> find(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    public SortedSet<Integer> years() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byYear.keySet()));
    }

    /** Expands {@code A..B} into every date from A to B inclusive. */
    static List<LocalDate> expand(List<String> entries) {
        List<LocalDate> dates = new ArrayList<>();
        for (String entry : entries) {
            int dots = entry.indexOf("..");
            if (dots < 0) {
                dates.add(date(entry));
                continue;
            }
            LocalDate first = date(entry.substring(0, dots));
            LocalDate last = date(entry.substring(dots + 2));
            if (last.isBefore(first) || last.isAfter(first.plusDays(MAX_RANGE_DAYS))) {
                throw new IllegalStateException("Bad range in " + RESOURCE + ": " + entry);
            }
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                dates.add(d);
            }
        }
        return dates;
    }

    private static LocalDate date(String text) {
        return IsoDate.parse(text)
                .orElseThrow(() -> new IllegalStateException("Bad date in " + RESOURCE + ": " + text));
    }

    /** The file's shape; unknown fields are rejected by the strict mapper. */
    record File(String source, List<String> notes, List<Year> years) { }

    record Year(int year, List<String> holidays, List<String> workingDays) { }
}
