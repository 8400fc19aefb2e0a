package spotcheck.cases;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.orgs.Org;
import spotcheck.publication.Redactor;
import spotcheck.publication.RowSource;
import spotcheck.roster.Target;
import spotcheck.store.DueIndex;
import spotcheck.store.Store;
import spotcheck.validation.CreditCode;

/**
 * What the daily publication batch needs of penalties (行政处罚决定, public within 7 working days to the city's public
 * credit system): the penalties not yet published that fall due up to a date, read through the byDue index (never
 * every case); their public rows; and marking them published by a batch, which takes them out of the index. A row
 * carries the subject's credit code and name, the decision document's number and date, the penalty's type and content
 * and the deciding authority: nothing of a natural person (no legal representative, address, phone or ID number, and
 * not the case's summary). Its values are published as {@link Redactor} publishes a result's: the code only when it
 * is a publishable credit code ({@link CreditCode#publishable}: not a keeper's ID number some individual businesses
 * were registered under), and the free text (name, document number, content, authority) scrubbed of ID, phone and
 * account numbers.
 */
public final class PenaltyPublications implements RowSource {
    /** Every penalty not yet exported, whatever its due date: a batch sends each as soon as it is recorded. */
    private static final String ANY_DUE_DATE = "9999-12-31";

    /** The columns of a penalty's public row, in order. */
    public static final List<String> HEADERS = List.of("统一社会信用代码", "主体名称", "决定书文号", "处罚决定日期",
            "处罚类别", "处罚内容", "处罚机关");

    /** One penalty as published: the cells of {@link #HEADERS}, and the case it comes from. */
    public record PenaltyRow(String caseId, String creditCode, String name, String documentNo, String decisionDate,
                             String penaltyType, String penaltyContent, String authority) {
        /** The row's cells in the order of {@link #HEADERS} (an absent value is an empty cell). */
        public List<String> cells() {
            List<String> cells = new ArrayList<>();
            for (String v : new String[] {creditCode, name, documentNo, decisionDate, penaltyType, penaltyContent,
                    authority}) {
                cells.add(v == null ? "" : v);
            }
            return cells;
        }
    }

    private final Store store;

    public PenaltyPublications(Store store) {
        this.store = store;
    }

    /**
     * One page of the penalties not yet published whose publication falls due on or before {@code through}
     * ({@code YYYY-MM-DD}; overdue ones included), by due date: one range of the byDue index.
     */
    public Page<Case> due(String through, int limit, String next) {
        return store.list(Case.KIND, DueIndex.through(DueIndex.PENALTY, through), List.of(), limit, next);
    }

    /** The public rows of these penalties, in their order (targets and authorities read in one batch each). */
    public List<PenaltyRow> publicRows(List<Case> penalties) {
        Set<String> targetIds = new HashSet<>();
        Set<String> orgIds = new HashSet<>();
        for (Case c : penalties) {
            if (!Case.PENALTY.equals(c.kind())) {
                throw new IllegalArgumentException("The case '" + c.caseId() + "' is not a penalty");
            }
            targetIds.add(c.targetId());
            if (c.authority() != null) {
                orgIds.add(c.authority());
            }
        }
        Map<String, Target> targets = targetIds.isEmpty() ? Map.of() : store.getAll(Target.KIND, targetIds);
        Map<String, Org> orgs = orgIds.isEmpty() ? Map.of() : store.getAll(Org.KIND, orgIds);
        List<PenaltyRow> rows = new ArrayList<>();
        for (Case c : penalties) {
            Target t = targets.get(c.targetId());
            Org authority = c.authority() == null ? null : orgs.get(c.authority());
            // as the redactor publishes them: a code only when it is a publishable credit code (never a keeper's
            // ID number), free text with ID, phone and account numbers masked
            rows.add(new PenaltyRow(c.caseId(), t == null ? null : CreditCode.publishable(t.creditCode()),
                    t == null ? null : Redactor.scrub(t.name()), Redactor.scrub(c.documentNo()), c.decisionDate(),
                    c.penaltyType(), Redactor.scrub(c.penaltyContent()),
                    Redactor.scrub(authority == null ? c.authority() : authority.name())));
        }
        return rows;
    }

    /**
     * Marks these penalties published by the batch {@code batchId} at the store's clock, each in its own versioned
     * write (audited as {@code publish}): each leaves the byDue index. Idempotent: a penalty published already, by
     * this batch, another or by hand, is left as it is, so a batch run again changes nothing. A case changed meanwhile
     * is read again and marked. Answers the cases this call marked.
     */
    public List<Case> markPublished(Actor actor, List<String> caseIds, String batchId) {
        if (batchId == null || batchId.isBlank()) {
            throw new IllegalArgumentException("A publication batch has an id");
        }
        List<Case> marked = new ArrayList<>();
        for (String id : caseIds) {
            for (int attempt = 0; ; attempt++) {
                Case before = store.require(Case.KIND, id);
                if (!Case.PENALTY.equals(before.kind()) || before.publicationBatch() != null) {
                    break;
                }
                String now = store.now();
                try {
                    // published by hand earlier: the batch exports it, its publication time stays
                    Case after = before.published(before.publishedAt() == null ? now : before.publishedAt(), batchId,
                            now);
                    store.update(Case.KIND, before, after, actor, "publish");
                    marked.add(after);
                    break;
                } catch (DomainException e) {
                    if (e.kind() != DomainException.Kind.CONFLICT || attempt > 1) {
                        throw e;
                    }
                }
            }
        }
        return marked;
    }

    /** The batch's file of penalties: {@code penalties.csv} and {@code .xlsx}, for the city public credit system. */
    @Override
    public String name() {
        return "penalties";
    }

    @Override
    public List<String> header() {
        return HEADERS;
    }

    /** The penalties no batch has exported yet (published by hand or not), from the byDue index. */
    @Override
    public Page<String> waiting(int limit, String next) {
        Page<Case> page = due(ANY_DUE_DATE, limit, next);
        return new Page<>(page.items().stream().map(Case::caseId).toList(), page.next());
    }

    @Override
    public List<List<String>> rows(List<String> ids) {
        Map<String, Case> found = ids.isEmpty() ? Map.of() : store.getAll(Case.KIND, ids);
        List<Case> penalties = ids.stream().filter(found::containsKey).map(found::get).toList();
        return publicRows(penalties).stream().map(PenaltyRow::cells).toList();
    }

    @Override
    public void markExported(Actor actor, String batchId, List<String> ids) {
        markPublished(actor, ids, batchId);
    }
}
