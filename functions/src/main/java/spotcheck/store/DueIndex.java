package spotcheck.store;

import java.util.Map;
import spotcheck.store.EntityStore.ListIndex;

/**
 * The byDue index: every open deadline, filed under its rule and sorted by its date, so the daily reminder and
 * publication runs read only what falls due, never every task. An entity whose current state has an open deadline
 * carries {@code dueKey = DUE#rule} and {@code dueSort = date#id}; met or moot, it drops the two and leaves the
 * index (sparse). One entity carries at most one deadline at a time: a task is first due its result, then its
 * publication.
 */
public final class DueIndex {
    public static final String DUE_KEY = "dueKey";
    public static final String DUE_SORT = "dueSort";
    /** A task's results, due by its plan's end (the reminder rule adds its grace in working days). */
    public static final String RESULT = "result";
    /** A task's result publication, due 20 working days after its completion. */
    public static final String PUBLICATION = "publication";
    /**
     * A published result not yet in a publication batch's export: filed by its publication date, so the daily
     * publication run exports exactly the results published since its last batch, by hand or by itself.
     */
    public static final String EXPORT = "export";
    /** A penalty decision's publication, due 7 working days after the decision. */
    public static final String PENALTY = "penalty";
    /** An active inspector's enforcement certificate, due for renewal by its last valid day. */
    public static final String CERTIFICATE = "certificate";

    private DueIndex() {
    }

    /** The partition of one rule's deadlines. */
    public static String partition(String rule) {
        return "DUE#" + rule;
    }

    /** One rule's deadlines falling on or before {@code date}, oldest first (overdue ones included). */
    public static ListIndex through(String rule, String date) {
        return between(rule, null, date);
    }

    /** One rule's deadlines from {@code from} to {@code through} (dates, both included; null leaves a side open). */
    public static ListIndex between(String rule, String from, String through) {
        return ListIndex.between(Tables.BY_DUE_INDEX, DUE_KEY, partition(rule), DUE_SORT, from,
                through == null ? null : through + "#\uffff");
    }

    /** The index keys of an entity with a deadline of this rule on this date ({@code YYYY-MM-DD}). */
    public static Map<String, String> keys(String rule, String date, String id) {
        return Map.of(DUE_KEY, partition(rule), DUE_SORT, date + "#" + id);
    }
}
