package spotcheck.calendar;

import java.util.List;
import java.util.stream.Collectors;

/** A year's calendar that cannot be accepted, with every problem found (not only the first). */
public final class InvalidCalendarException extends RuntimeException {
    private final List<Problem> problems;

    /** One problem with one entry: {@code field} is e.g. {@code holidays[3]}. */
    public record Problem(String field, String message) { }

    public InvalidCalendarException(int year, List<Problem> problems) {
        super("The calendar for " + year + " is not valid: "
                + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
