package spotcheck.cases;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import spotcheck.calendar.WorkingDays;
import spotcheck.roster.TargetRules;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.validation.Checks;

/**
 * The rules of follow-up cases, pure: what a case needs (a task with a reviewed result; per kind, its fields), when a
 * penalty is due to be public, when a task's follow-up may be closed, and how a finding may change its target's risk
 * class. Whether a result category calls for listing or a penalty is the category list's to say: the rules take it as a
 * predicate over the category code of an item's result.
 */
public final class CaseRules {
    public static final Set<String> KINDS = Set.of(Case.TRANSFER, Case.CORRECTION, Case.PENALTY, Case.ABNORMAL_LIST,
            Case.BLACKLIST);
    /** The measures that answer a finding calling for listing or a penalty; an order to correct alone does not. */
    public static final Set<String> SANCTIONS = Set.of(Case.PENALTY, Case.ABNORMAL_LIST, Case.BLACKLIST);
    /** The types of administrative penalty (行政处罚法 art. 9). */
    public static final Set<String> PENALTY_TYPES = Set.of("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物",
            "暂扣许可证件", "降低资质等级", "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业",
            "行政拘留", "其他");
    /** A penalty decision is public within this many working days after it. */
    public static final int PENALTY_PUBLICATION_DAYS = 7;
    /**
     * The task statuses whose result is followed up: approved by a reviewer (reviewed, published, or exempt from
     * publication). An entered or returned result may still change, so a case on it (and the closing rule, and a risk
     * class raised by its findings) would act on findings not yet settled.
     */
    static final Set<String> WITH_RESULT = Set.of(Task.REVIEWED, Task.PUBLISHED, Task.EXEMPT);
    static final int MAX_SUMMARY = 2000;
    static final int MAX_DOCUMENT_NO = 100;
    static final int MAX_CONTENT = 500;
    static final int MAX_NOTE = 1000;
    /** An ID number or a mobile phone number, which a published penalty's content must not carry. */
    private static final Pattern PERSONAL = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])");

    private CaseRules() { }

    /** A case's fields as sent, blanks already null. */
    public record Fields(String kind, String decisionDate, String summary, String toDepartment, String documentNo,
                         String penaltyType, String penaltyContent, String authority, String raiseRiskClass) { }

    /**
     * What the fields are checked against: the task, which organisations are active, today's date and the target's
     * risk class now.
     */
    public record Context(Task task, Predicate<String> activeOrg, LocalDate today, String targetId,
                          String targetRiskClass) { }

    /** Why no case may be recorded on this task: it has no result to follow up, or one not yet reviewed. */
    public static Optional<String> whyNoCase(Task task) {
        if (task.result() == null) {
            return Optional.of("The task '" + task.taskId() + "' has no result yet: follow-up is recorded on a"
                    + " result's findings");
        }
        if (!WITH_RESULT.contains(task.status())) {
            return Optional.of("The result of the task '" + task.taskId() + "' is " + task.status() + ", not yet"
                    + " reviewed: follow-up is recorded on a reviewed result's findings (reviewed, published or"
                    + " exempt)");
        }
        return Optional.empty();
    }

    /** Checks a new case's fields; answers its decision date (null when it is invalid). */
    public static LocalDate check(Checks checks, Fields f, Context ctx) {
        checks.oneOf("kind", f.kind(), KINDS);
        LocalDate decided = checks.date("decisionDate", f.decisionDate());
        if (decided != null && decided.isAfter(ctx.today())) {
            checks.problem("decisionDate", "decisionDate cannot be after today (" + ctx.today() + ")");
        }
        checks.text("summary", f.summary(), MAX_SUMMARY);
        boolean transfer = Case.TRANSFER.equals(f.kind());
        boolean penalty = Case.PENALTY.equals(f.kind());
        if (transfer) {
            if (f.toDepartment() == null) {
                checks.problem("toDepartment", "A transfer names the department it goes to (toDepartment)");
            } else if (ctx.task().departments().contains(f.toDepartment())) {
                checks.problem("toDepartment", "A transfer goes to another department than the task's own: '"
                        + f.toDepartment() + "' is one of them");
            } else if (!ctx.activeOrg().test(f.toDepartment())) {
                checks.problem("toDepartment", "No active organisation '" + f.toDepartment() + "'");
            }
        } else if (f.toDepartment() != null) {
            checks.problem("toDepartment", "toDepartment is for a transfer only");
        }
        checks.optionalText("documentNo", f.documentNo(), MAX_DOCUMENT_NO);
        if (penalty) {
            if (f.documentNo() == null) {
                checks.problem("documentNo", "A penalty names its decision document (documentNo, 决定书文号)");
            }
            checks.oneOf("penaltyType", f.penaltyType(), PENALTY_TYPES);
            checks.optionalText("penaltyContent", f.penaltyContent(), MAX_CONTENT);
            if (f.penaltyContent() != null && PERSONAL.matcher(f.penaltyContent()).find()) {
                checks.problem("penaltyContent", "penaltyContent is published: it must not hold an ID number or a"
                        + " phone number");
            }
            if (f.authority() != null && !ctx.activeOrg().test(f.authority())) {
                checks.problem("authority", "No active organisation '" + f.authority() + "'");
            }
        } else {
            for (String[] only : new String[][] {{"penaltyType", f.penaltyType()},
                    {"penaltyContent", f.penaltyContent()}, {"authority", f.authority()}}) {
                if (only[1] != null) {
                    checks.problem(only[0], only[0] + " is for a penalty only");
                }
            }
        }
        if (f.raiseRiskClass() != null) {
            checks.oneOf("raiseRiskClass", f.raiseRiskClass(), TargetRules.RISK_CLASSES);
            if (TargetRules.RISK_CLASSES.contains(f.raiseRiskClass())) {
                whyNotRaised(ctx.targetId(), ctx.targetRiskClass(), f.raiseRiskClass())
                        .ifPresent(why -> checks.problem("raiseRiskClass", why));
            }
        }
        return decided;
    }

    /**
     * Why a finding may not move the target from {@code current} to {@code requested}: a risk class is only raised
     * (A→B→C→D), never lowered or set to what it is.
     */
    public static Optional<String> whyNotRaised(String targetId, String current, String requested) {
        if (current != null && requested.compareTo(current) <= 0) {
            return Optional.of("The target '" + targetId + "' is of risk class " + current + ": a finding can only"
                    + " raise it (A→B→C→D)");
        }
        return Optional.empty();
    }

    /** The day a penalty decided on {@code decided} is due to be public: the 7th working day after it. */
    public static LocalDate publicationDue(WorkingDays days, LocalDate decided) {
        return days.add(decided, PENALTY_PUBLICATION_DAYS);
    }

    /** The items of the task's result whose category calls for listing or a penalty, in the result's order. */
    public static List<String> itemsCallingForSanction(Task task, Predicate<String> callsForSanction) {
        if (task.result() == null) {
            return List.of();
        }
        return task.result().items().stream().filter(i -> i.result() != null && callsForSanction.test(i.result()))
                .map(TaskResult.ItemResult::itemId).toList();
    }

    /**
     * Why the follow-up of {@code task} may not be closed with {@code cases} (the task's cases, the one to close
     * among them): its findings call for listing or a penalty, and none of its cases is a penalty, an
     * abnormal-operations listing or a blacklisting (an order to correct, or a transfer, does not answer them).
     */
    public static Optional<String> whyNotClosable(Task task, Collection<Case> cases,
                                                  Predicate<String> callsForSanction) {
        List<String> items = itemsCallingForSanction(task, callsForSanction);
        if (items.isEmpty() || cases.stream().anyMatch(c -> SANCTIONS.contains(c.kind()))) {
            return Optional.empty();
        }
        return Optional.of("The findings of task '" + task.taskId() + "' call for listing or a penalty (items "
                + String.join(", ", new TreeSet<>(items)) + "): its follow-up cannot be closed by an order to correct"
                + " alone; record a penalty, abnormal_list or blacklist case first");
    }
}
