package spotcheck.reminders;

/** Where a deadline stands on the day of a run: the stages a reminder is sent for, each once. */
public final class Stage {
    /** Falls within the lead time (working days) before its date, the date included. */
    public static final String DUE_SOON = "due_soon";
    /** Its date has passed: escalated. */
    public static final String OVERDUE = "overdue";
    /** A milestone's period opens within the lead time. */
    public static final String OPENS = "opens";

    private Stage() { }
}
