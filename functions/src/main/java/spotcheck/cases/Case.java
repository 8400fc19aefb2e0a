package spotcheck.cases;

import java.util.Map;
import spotcheck.store.DueIndex;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * One follow-up measure (后续处置) taken on a task's findings: a clue transferred to another department
 * ({@code transfer}, {@code toDepartment}), an order to correct ({@code correction}), an administrative penalty
 * ({@code penalty}: its decision document {@code documentNo}, 决定书文号, its type and content, the deciding authority),
 * a listing in the abnormal-operations list ({@code abnormal_list}) or the blacklist ({@code blacklist}).
 * {@code decisionDate} is the date of the decision, order or transfer.
 *
 * <p>A case is {@code open} until it is closed ({@code POST /cases/{caseId}/close}); closing the follow-up of a task
 * whose findings call for listing or a penalty needs such a case ({@link CaseRules#whyNotClosable}). A penalty is due
 * to be public 7 working days after its decision ({@code publicationDue}) in the city's public credit system: until
 * it is published (by a publication batch, {@code publicationBatch}, or by hand) it is filed in the byDue index under
 * {@link DueIndex#PENALTY}, and leaves it once published. {@code riskRaise} records a risk class the finding raised
 * on the target (from, to).
 *
 * <p>A case's id is {@code CASE-} + its task's id without {@code TSK-} + {@code -} + six random letters: a task's
 * cases are one key range of the byKind index, and so are a year's ({@code CASE-2026-…}).
 */
public record Case(
        String caseId,
        String taskId,
        int year,
        String targetId,
        String kind,
        String status,
        String decisionDate,
        String summary,
        String toDepartment,
        String documentNo,
        String penaltyType,
        String penaltyContent,
        String authority,
        String publicationDue,
        String publishedAt,
        String publicationBatch,
        RiskRaise riskRaise,
        String closedAt,
        String closeNote,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Case> KIND = new EntityKind<>("CASE", "case", Case.class, true)
            .withIndexKeys(Case::dueKeys);

    public static final String TRANSFER = "transfer";
    public static final String CORRECTION = "correction";
    public static final String PENALTY = "penalty";
    public static final String ABNORMAL_LIST = "abnormal_list";
    public static final String BLACKLIST = "blacklist";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    /** The risk class a case raised on its target: from what, to what. */
    public record RiskRaise(String from, String to) { }

    @Override
    public String id() {
        return caseId;
    }

    /** A penalty not yet published is due by its {@code publicationDue}; nothing else is filed. */
    static Map<String, String> dueKeys(Case c) {
        return PENALTY.equals(c.kind()) && c.publicationBatch() == null && c.publicationDue() != null
                ? DueIndex.keys(DueIndex.PENALTY, c.publicationDue(), c.caseId()) : Map.of();
    }

    /** The prefix of the ids of a task's cases. */
    public static String taskPrefix(String taskId) {
        return "CASE-" + taskId.substring("TSK-".length()) + "-";
    }

    /** The prefix of the ids of a year's cases. */
    public static String yearPrefix(int year) {
        return "CASE-" + year + "-";
    }

    /** The same case at the next version, changed at {@code now}. */
    Case with(String newStatus, String newDecisionDate, String newSummary, String newToDepartment,
              String newDocumentNo, String newPenaltyType, String newPenaltyContent, String newAuthority,
              String newPublicationDue, String newPublishedAt, String newBatch, String newClosedAt,
              String newCloseNote, String now) {
        return new Case(caseId, taskId, year, targetId, kind, newStatus, newDecisionDate, newSummary, newToDepartment,
                newDocumentNo, newPenaltyType, newPenaltyContent, newAuthority, newPublicationDue, newPublishedAt,
                newBatch, riskRaise, newClosedAt, newCloseNote, version + 1, createdAt, now);
    }

    /** The same case, published at {@code at} (in the batch {@code batch}, or by hand when null). */
    Case published(String at, String batch, String now) {
        return with(status, decisionDate, summary, toDepartment, documentNo, penaltyType, penaltyContent, authority,
                publicationDue, at, batch, closedAt, closeNote, now);
    }

    /** The same case, closed. */
    Case closed(String at, String note) {
        return with(CLOSED, decisionDate, summary, toDepartment, documentNo, penaltyType, penaltyContent, authority,
                publicationDue, publishedAt, publicationBatch, at, note, at);
    }
}
