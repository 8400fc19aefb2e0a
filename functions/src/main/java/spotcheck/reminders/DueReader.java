package spotcheck.reminders;

import java.util.ArrayList;
import java.util.List;
import spotcheck.cases.Case;
import spotcheck.roster.Inspector;
import spotcheck.store.DueIndex;
import spotcheck.store.EntityKind;
import spotcheck.store.IndexPage;
import spotcheck.store.Store;
import spotcheck.tasks.Task;

/**
 * Reads what is due from the byDue index, one rule's partition through a date, as compact records: the reads
 * grow with what falls due, never with all tasks. Counts the read units the store reports.
 */
final class DueReader {
    static final int PAGE = 500;

    /** A task's deadline, as the index projects it. */
    record TaskDue(String taskId, String planId, String drawId, List<String> departments, List<String> inspectors,
                   String status, String resultsDue, String publicationDue) { }

    /**
     * A case's penalty publication deadline (cases, {@code DUE#penalty}); one published by hand stays filed until a
     * batch exports it, and is not late ({@code publishedAt} set).
     */
    record PenaltyDue(String caseId, String taskId, String publicationDue, String publishedAt) { }

    /** An active inspector's certificate (roster, {@code DUE#certificate}). */
    record CertificateDue(String inspectorId, String org, String certificateValidUntil, String accountId) { }

    private final Store store;
    double readUnits;
    long queries;

    DueReader(Store store) {
        this.store = store;
    }

    List<TaskDue> tasks(String rule, String through) {
        return read(Task.KIND, rule, through, TaskDue.class);
    }

    List<PenaltyDue> penalties(String through) {
        return read(Case.KIND, DueIndex.PENALTY, through, PenaltyDue.class);
    }

    List<CertificateDue> certificates(String through) {
        return read(Inspector.KIND, DueIndex.CERTIFICATE, through, CertificateDue.class);
    }

    private <R extends Record> List<R> read(EntityKind<?> kind, String rule, String through, Class<R> type) {
        List<R> out = new ArrayList<>();
        String next = null;
        do {
            IndexPage<R> page = store.listProjected(kind, DueIndex.through(rule, through), type, PAGE, next);
            queries++;
            readUnits += page.readUnits();
            out.addAll(page.items());
            next = page.next();
        } while (next != null);
        return out;
    }
}
