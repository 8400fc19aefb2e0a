package spotcheck.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spotcheck.plans.Plan;
import spotcheck.privacy.Masking;
import spotcheck.roster.Target;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.validation.CreditCode;

/**
 * The one redactor of published results: every public response and every export is made here, from an allow-list
 * of fields, never by removing fields from a stored record. What is public: plan and task number and name, check
 * type, inspecting authority, completion date, the target's name and credit code, and per item its name and the
 * label of its result category. What never is: the target's legal representative, address, contact phone and ID
 * number (any target type; an individual business, 个体工商户, shows its name and credit code only, as every
 * target does), the findings text (not public at all: it is free text that may name people), the inspectors, the
 * method, the attachments, the exemption reason, and who entered or reviewed the result. Free text that is public
 * (names) has ID numbers, phone numbers and bank-account-like digit runs masked ({@link #scrub}); a "credit code"
 * that is in fact a resident ID number (some individual businesses were registered under their keeper's) is not
 * published. Only a result that is published (status {@code published}, publish = true) has a public record: an
 * exempt one never does. Pure.
 */
public final class Redactor {
    /** Check types as the national system names them. */
    public static final String TARGETED = "定向";
    public static final String RANDOM = "不定向";
    /** The task name of a problem-driven check, which no plan names. */
    static final String PROBLEM_TASK_NAME = "问题线索核查";

    /** An ID number (18 or 15 digits, the 18th may be X), a bank account (12-19 digits): a run of 12 or more. */
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<![0-9A-Za-z])\\d{11,18}[0-9Xx](?![0-9A-Za-z])");
    /** What may separate the groups of a phone number: a space, a hyphen or a dash. */
    private static final String SEP = "[ -]";
    /** A mobile number (11 digits from 1), possibly with +86, in groups: 13812345678, 138-1234-5678. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86" + SEP + "?)?1[3-9]\\d(?:" + SEP
            + "?\\d){8}(?!\\d)");
    /**
     * A landline with its area code, its local number (7 or 8 digits) possibly in two groups: 0762-1234567,
     * (0762)1234567, 0762 338 8123, 020-8765-4321.
     */
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)\\(?0\\d{2,3}\\)?" + SEP + "?\\d{3,4}" + SEP
            + "?\\d{4}(?!\\d)");

    /** How the id derived for a target without a credit code begins ({@code TargetRules.naturalId}). */
    private static final String DERIVED_ID = "T-";

    private final ResultLabels labels;

    public Redactor(ResultLabels labels) {
        this.labels = labels;
    }

    /**
     * What a record is made from, read by the caller: the task, its plan (null for a problem-driven task), its
     * target, the names of the items and of the organisations (by id).
     */
    public record Sources(Task task, Plan plan, Target target, Map<String, String> itemNames,
                          Map<String, String> orgNames) { }

    /** Whether a task's result is public: published, to be published. Exempt results never are. */
    public static boolean isPublic(Task task) {
        return task != null && Task.PUBLISHED.equals(task.status()) && task.result() != null
                && task.result().publish();
    }

    /** The public record of a published result, or empty for one that is not public. */
    public Optional<PublicResult> publicRecord(Sources s) {
        Task task = s.task();
        if (!isPublic(task)) {
            return Optional.empty();
        }
        Plan plan = s.plan();
        TaskResult result = task.result();
        List<PublicResult.Item> items = new ArrayList<>();
        for (TaskResult.ItemResult r : result.items()) {
            String name = s.itemNames().get(r.itemId());
            items.add(new PublicResult.Item(r.itemId(), scrub(name == null ? r.itemId() : name),
                    labels.published(r.result())));
        }
        List<String> authorities = plan != null ? plan.departments() : task.departments();
        List<String> names = new ArrayList<>();
        for (String org : authorities) {
            String name = s.orgNames().get(org);
            names.add(scrub(name == null ? org : name));
        }
        String completed = task.completedDate() != null ? task.completedDate() : result.inspectionDate();
        Target target = s.target();
        return Optional.of(new PublicResult(
                plan == null ? null : plan.planId(),
                plan == null ? null : scrub(plan.name()),
                publicTaskNumber(task),
                plan == null ? PROBLEM_TASK_NAME : scrub(plan.name()),
                checkType(plan),
                String.join("、", names),
                completed,
                target == null ? null : scrub(target.name()),
                target == null ? null : publicCreditCode(target.creditCode()),
                items,
                result.publishedAt()));
    }

    /** 定向 for a targeted plan and a problem-driven check (aimed at a named target), 不定向 for a random plan. */
    static String checkType(Plan plan) {
        return plan == null || "targeted".equals(plan.type()) ? TARGETED : RANDOM;
    }

    /**
     * The credit code as published: a code of the credit-code form (checksum mismatches of early codes included),
     * never a resident ID number or anything else; null otherwise ({@link CreditCode#publishable}).
     */
    static String publicCreditCode(String code) {
        return CreditCode.publishable(code);
    }

    /**
     * The task number as published. A drawn task's id ends with its target's id, which is the target's credit code
     * where it has one. A target whose code is not a publishable one ({@link CreditCode#publishable}: a resident ID
     * number registered as an individual business's code, a 15-digit number) has that part left out: its task
     * number is its draw's part, {@code TSK-2026-PLANX-1}, shared by such targets of one draw (told apart by their
     * names). A target without a code has a derived id ({@code T-} and a hash of county and name, nothing private),
     * kept; a problem-driven task's id has no target part: both are published as they are.
     */
    static String publicTaskNumber(Task task) {
        String id = task.taskId();
        String target = task.targetId();
        if (target == null || target.startsWith(DERIVED_ID) || CreditCode.publishable(target) != null
                || !id.endsWith("-" + target)) {
            return id;
        }
        return id.substring(0, id.length() - target.length() - 1);
    }

    /**
     * Free text as it may be published: ID numbers and bank-account-like runs of 12 or more digits, mobile and
     * landline numbers masked (the region and last four digits of an ID number kept, as {@link Masking} does);
     * null stays null. Numbers typed with a full-width input method (１３８, （０７６２）, －) are found as the ASCII
     * ones are; the rest of the text is kept as it was.
     */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = replace(LONG_DIGITS, text, m -> m.length() == 18 || m.length() == 15 ? Masking.idNumber(m)
                : "*".repeat(m.length() - 4) + m.substring(m.length() - 4));
        s = replace(MOBILE, s, Masking::phone);
        return replace(LANDLINE, s, Masking::phone);
    }

    /**
     * The text with full-width digits, letters X, plus signs, parentheses, hyphens and spaces, and dashes, each as
     * its one ASCII character: the same length, so a match in it is a match at the same place in the text.
     */
    static String fold(String text) {
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch >= '\uFF10' && ch <= '\uFF19') {
                c[i] = (char) ('0' + (ch - '\uFF10'));
            } else if (ch == '\uFF38' || ch == '\uFF58') {
                c[i] = 'X';
            } else if (ch == '\uFF08') {
                c[i] = '(';
            } else if (ch == '\uFF09') {
                c[i] = ')';
            } else if (ch == '\uFF0B') {
                c[i] = '+';
            } else if (ch == '\uFF0D' || ch >= '\u2010' && ch <= '\u2015' || ch == '\u2212') {
                c[i] = '-';
            } else if (ch == '\u3000' || ch == '\u00A0') {
                c[i] = ' ';
            }
        }
        return new String(c);
    }

    /** Each match of {@code p} in the folded text replaced by {@code how} of the match (as folded). */
    private static String replace(Pattern p, String text, java.util.function.UnaryOperator<String> how) {
        Matcher m = p.matcher(fold(text));
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            out.append(text, from, m.start()).append(how.apply(m.group()));
            from = m.end();
        }
        return out.append(text, from, text.length()).toString();
    }
}
