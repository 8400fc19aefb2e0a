package spotcheck.calendar;

/** A computation needed a year whose calendar nobody has configured; it is never guessed. */
public final class MissingCalendarException extends RuntimeException {
    private final int year;

    public MissingCalendarException(int year) {
        super("No working-day calendar for " + year);
        this.year = year;
    }

    public int year() {
        return year;
    }
}
