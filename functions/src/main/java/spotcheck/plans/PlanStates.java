package spotcheck.plans;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.DomainException;

/**
 * The life of a plan (pure): draft → approved → drawn → in_progress → completed, one step at a time, each
 * step a named move that the audit trail records as its action. Approval is the plan service's; the draw and
 * the tasks make the later moves through {@link PlanService#move}.
 *
 * <p>One move goes back, deliberately: {@code void}, drawn → approved. A draw found wrong (the roster was stale,
 * a rule was misread) is voided before any inspection began, and the plan is given back for exactly one new draw
 * (the draws capability allows two rounds, and names the voided one in the new record). It is made only through
 * {@link PlanService#undraw}, which the voiding of a draw calls; once inspections began (in_progress) nothing
 * goes back.
 */
public final class PlanStates {
    public static final String DRAFT = "draft";
    public static final String APPROVED = "approved";
    public static final String DRAWN = "drawn";
    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETED = "completed";
    public static final List<String> ORDER = List.of(DRAFT, APPROVED, DRAWN, IN_PROGRESS, COMPLETED);

    /** A move: its name (the audit action), from where and to where. */
    public record Move(String action, String from, String to) { }

    /** The name of the one move back: a voided draw gives its plan back for one new draw. */
    public static final String VOID = "void";

    /** The allowed transitions: nothing else, and never back but by voiding the draw (drawn → approved). */
    public static final List<Move> MOVES = List.of(
            new Move("approve", DRAFT, APPROVED),
            new Move("draw", APPROVED, DRAWN),
            new Move("start", DRAWN, IN_PROGRESS),
            new Move("complete", IN_PROGRESS, COMPLETED),
            new Move(VOID, DRAWN, APPROVED));

    private static final Map<String, String> NAMES = Map.of(DRAFT, "草稿", APPROVED, "已批准", DRAWN, "已抽取",
            IN_PROGRESS, "实施中", COMPLETED, "已完成");

    private PlanStates() { }

    /** The move from {@code from} to {@code to}, if the table allows it. */
    public static Optional<Move> move(String from, String to) {
        return MOVES.stream().filter(m -> m.from().equals(from) && m.to().equals(to)).findFirst();
    }

    /** The move, or 409 saying what the plan is and where it can go from there. */
    public static Move require(String planId, String from, String to) {
        return move(from, to).orElseThrow(() -> {
            List<String> next = MOVES.stream().filter(m -> m.from().equals(from)).map(Move::to).toList();
            return DomainException.conflict("The plan '" + planId + "' is " + from + " and cannot become " + to
                    + (next.isEmpty() ? "; it is finished" : "; from " + from + " it can only become "
                    + String.join(" or ", next)));
        });
    }

    /** Approved or later: a plan the public and its inspectors may see. */
    public static boolean isApproved(String status) {
        return ORDER.contains(status) && !DRAFT.equals(status);
    }

    /** The status in the words of a bureau's documents (已批准). */
    public static String chinese(String status) {
        return NAMES.getOrDefault(status, status);
    }
}
