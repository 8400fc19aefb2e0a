package spotcheck.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Dates as the API writes them: exactly {@code YYYY-MM-DD}, a real calendar date. */
public final class IsoDate {
    // LocalDate.parse alone would also take "+12345-01-01"; the contract is four-digit years.
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private IsoDate() { }

    public static Optional<LocalDate> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
