package spotcheck.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * The rules of a task's result, its review and its attachments (pure: the caller reads the task, its plan, the
 * categories and today's date; nothing here reads or writes).
 *
 * <p>A result is entered while the task is assigned or returned, corrected while it is entered (before review), and
 * entered again when it was found exempt only while awaiting testing or an expert opinion ({@link
 * #AWAITING_EXEMPTIONS}), once that arrives ({@link #whyNotEnterable}). It names, for each of the task's items exactly
 * once, a result category by code or label (stored as the code); the method by code or label ({@link #METHODS}: the
 * items' codes); an inspection date not after today and not before the plan's start (a problem-driven task's creation);
 * findings of at most {@value #FINDINGS_MAX} characters, required when a result is a finding; whether it is to be
 * public, and when not, why ({@link #EXEMPT_REASONS}). Every problem is reported at once (422, one detail per field).
 *
 * <p>A review approves (reviewed, or exempt when the result is not to be public) or returns it with a comment of
 * {@value #COMMENT_MIN} to {@value #COMMENT_MAX} characters.
 */
public final class ResultRules {
    /** The longest findings text. */
    public static final int FINDINGS_MAX = 4000;
    /** The longest exemption note and review comment. */
    public static final int NOTE_MAX = 500;
    /** The shortest comment sent back with a return, once trimmed. */
    public static final int COMMENT_MIN = 4;
    public static final int COMMENT_MAX = 500;
    /** The largest attachment: 20 MiB. */
    public static final long ATTACHMENT_MAX = 20L * 1024 * 1024;
    /** The most attachments one task may hold. */
    public static final int ATTACHMENTS_MOST = 30;
    static final int FILE_NAME_MAX = 200;

    /** The methods of inspection (检查方式), by the codes items use, with their labels. */
    public static final Map<String, String> METHODS = ordered(
            "on_site", "实地核查",
            "written", "书面检查",
            "online_monitoring", "网络监测",
            "testing", "检验检测",
            "expert_assisted", "委托专业机构辅助");
    /** Why a result is not to be public: awaiting testing, awaiting an expert opinion, not public by law. */
    public static final Map<String, String> EXEMPT_REASONS = ordered(
            "awaiting_testing", "待检验检测结果",
            "awaiting_expert_opinion", "待专家意见",
            "not_public_by_law", "依法不予公示");
    /** The review decisions. */
    public static final String APPROVE = "approve";
    public static final String RETURN = "return";
    /** The file types evidence may be: content type → the file name's extensions. */
    public static final Map<String, List<String>> ATTACHMENT_TYPES = orderedLists(
            "image/jpeg", List.of("jpg", "jpeg"),
            "image/png", List.of("png"),
            "application/pdf", List.of("pdf"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx"));

    private ResultRules() { }

    /** The statuses a result is entered in: assigned, returned, and entered (a correction before review). */
    public static final Set<String> ENTERABLE = Set.of(Task.ASSIGNED, Task.RETURNED, Task.ENTERED);
    /**
     * The exemptions that only wait for something (a test result, an expert opinion): a result kept from the public
     * for one of them is entered again once it arrives, and then reviewed and published as any other.
     */
    public static final Set<String> AWAITING_EXEMPTIONS = Set.of("awaiting_testing", "awaiting_expert_opinion");

    /** Why a result may not be entered (or evidence attached) now, or empty when it may. */
    public static Optional<String> whyNotEnterable(Task task) {
        boolean exempt = Task.EXEMPT.equals(task.status()) && task.result() != null;
        if (exempt && !AWAITING_EXEMPTIONS.contains(task.result().exemptReason())) {
            return Optional.of("The result of the task '" + task.taskId() + "' is exempt from publication ("
                    + task.result().exemptReason() + "): only a result awaiting testing or an expert opinion is"
                    + " entered again");
        }
        if (!exempt && !ENTERABLE.contains(task.status())) {
            return Optional.of("The task '" + task.taskId() + "' is " + task.status() + ": a result is entered while"
                    + " the task is assigned or returned, and corrected while it is entered, before review");
        }
        if (task.inspectors().isEmpty()) {
            return Optional.of("The task '" + task.taskId() + "' has no inspectors: its result is entered by the"
                    + " licensed inspectors assigned to it");
        }
        return Optional.empty();
    }

    /** Why a result may not be reviewed now, or empty when it may: only an entered result is. */
    public static Optional<String> whyNotReviewable(Task task) {
        if (!Task.ENTERED.equals(task.status()) || task.result() == null) {
            return Optional.of("The task '" + task.taskId() + "' is " + task.status() + ": only an entered result"
                    + " is reviewed");
        }
        return Optional.empty();
    }

    /** The {@code PUT /tasks/{taskId}/result} body as sent. */
    public record ResultInput(String inspectionDate, String method, List<ItemInput> items, String findings,
                              Boolean publish, ExemptInput exemptReason, List<String> attachments, Long version) { }

    /** One item's result as sent: the item's id and a category's code or label. */
    public record ItemInput(String itemId, String result) { }

    /** Why a result is not to be public: a code of {@link #EXEMPT_REASONS} and an optional note. */
    public record ExemptInput(String code, String note) { }

    /**
     * What the input is checked against: the task, the earliest inspection date allowed (the plan's start, or the
     * problem-driven task's creation date), today (Asia/Shanghai) and the categories in effect.
     */
    public record Context(Task task, LocalDate earliest, LocalDate today, ResultCategories categories) { }

    /**
     * The result the input describes, without the workflow's marks (who entered it, when), or null when
     * {@code checks} recorded a problem. Problems are recorded in the fields' order.
     */
    public static TaskResult check(Checks checks, ResultInput in, Context c) {
        int before = checks.problems().size();
        LocalDate date = checks.date("inspectionDate", in.inspectionDate());
        if (date != null && date.isAfter(c.today())) {
            checks.problem("inspectionDate", "inspectionDate " + date + " is after today (" + c.today() + ")");
        } else if (date != null && c.earliest() != null && date.isBefore(c.earliest())) {
            checks.problem("inspectionDate", "inspectionDate " + date + " is before " + (c.task().planId() == null
                    ? "the task was created (" : "the plan's start date (") + c.earliest() + ")");
        }
        String method = method(checks, in.method());
        List<TaskResult.ItemResult> items = items(checks, in.items(), c);
        String findings = Text.blankToNull(in.findings());
        checks.optionalText("findings", findings, FINDINGS_MAX);
        if (findings == null && items.stream().anyMatch(i -> c.categories().isFinding(i.result()))) {
            checks.problem("findings", "findings is required when a result is a finding: say what was found");
        }
        String exemptCode = null;
        String exemptNote = null;
        if (in.publish() == null) {
            checks.problem("publish", "publish is required: true, or false with an exemptReason");
        } else if (in.publish()) {
            if (in.exemptReason() != null) {
                checks.problem("exemptReason", "exemptReason is given only when publish is false");
            }
        } else if (in.exemptReason() == null || Text.blankToNull(in.exemptReason().code()) == null) {
            checks.problem("exemptReason.code", "exemptReason.code is required when publish is false; one of "
                    + String.join(", ", EXEMPT_REASONS.keySet()));
        } else {
            exemptCode = in.exemptReason().code().trim();
            if (!EXEMPT_REASONS.containsKey(exemptCode)) {
                checks.problem("exemptReason.code", "'" + exemptCode + "' is not a reason to withhold a result; use"
                        + " one of " + String.join(", ", EXEMPT_REASONS.keySet()));
            }
            exemptNote = Text.blankToNull(in.exemptReason().note());
            checks.optionalText("exemptReason.note", exemptNote, NOTE_MAX);
        }
        List<String> cited = cited(checks, in.attachments(), c.task());
        checks.required("version", in.version());
        if (checks.problems().size() > before) {
            return null;
        }
        return new TaskResult(date.toString(), method, items, findings, in.publish(), exemptCode, null, null, null,
                null, null, null, null, exemptNote, cited);
    }

    /** The method's code, from its code or its label; null with the problem recorded. */
    static String method(Checks checks, String given) {
        String s = Text.blankToNull(given);
        if (s == null) {
            checks.problem("method", "method is required; one of " + String.join(", ", METHODS.keySet()));
            return null;
        }
        s = s.trim();
        for (Map.Entry<String, String> m : METHODS.entrySet()) {
            if (m.getKey().equals(s) || m.getValue().equals(s)) {
                return m.getKey();
            }
        }
        checks.problem("method", "'" + s + "' is not a method of inspection; use one of "
                + String.join(", ", METHODS.keySet()) + " (or " + String.join(", ", METHODS.values()) + ")");
        return null;
    }

    /** Each of the task's items exactly once, each with an active category; stored as codes, in the task's order. */
    static List<TaskResult.ItemResult> items(Checks checks, List<ItemInput> given, Context c) {
        List<String> expected = c.task().items();
        if (given == null || given.isEmpty()) {
            checks.problem("items", "items is required: one result for each of the task's items ("
                    + String.join(", ", expected) + ")");
            return List.of();
        }
        Map<String, String> byItem = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ItemInput x = given.get(i);
            String field = "items[" + i + "]";
            String itemId = x == null ? null : Text.blankToNull(x.itemId());
            if (itemId == null) {
                checks.problem(field + ".itemId", "itemId is required");
                continue;
            }
            itemId = itemId.trim();
            if (!expected.contains(itemId)) {
                checks.problem(field + ".itemId", "'" + itemId + "' is not an item of this task");
                continue;
            }
            if (!seen.add(itemId)) {
                checks.problem(field + ".itemId", "'" + itemId + "' is listed twice");
                continue;
            }
            String result = Text.blankToNull(x.result());
            if (result == null) {
                checks.problem(field + ".result", "result is required: a result category's code or label"
                        + " (GET /result-categories)");
                continue;
            }
            Optional<ResultCategories.Category> category = c.categories().find(result);
            if (category.isEmpty()) {
                checks.problem(field + ".result", "'" + result.trim() + "' is not a result category; use a code"
                        + " or label of GET /result-categories");
            } else if (!category.get().active()) {
                checks.problem(field + ".result", "'" + result.trim() + "' is a retired result category");
            } else {
                byItem.put(itemId, category.get().code());
            }
        }
        List<String> missing = expected.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            checks.problem("items", "no result for the task's item" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(id -> "'" + id + "'").toList()));
        }
        List<TaskResult.ItemResult> out = new ArrayList<>();
        expected.forEach(id -> {
            if (byItem.containsKey(id)) {
                out.add(new TaskResult.ItemResult(id, byItem.get(id)));
            }
        });
        return out;
    }

    /** The attachments a result cites: attachments of this task, each once. */
    static List<String> cited(Checks checks, List<String> given, Task task) {
        if (given == null) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        task.attachments().forEach(a -> ids.add(a.attachmentId()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i);
            if (id == null || !ids.contains(id)) {
                checks.problem("attachments[" + i + "]", "'" + id + "' is not an attachment of this task");
            } else if (out.contains(id)) {
                checks.problem("attachments[" + i + "]", "'" + id + "' is listed twice");
            } else {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * Why an uploaded object does not match the attachment it was announced as, or empty when it does:
     * {@code uploaded} is the object's size, or null when no object is there.
     */
    public static Optional<String> whyNotUploaded(TaskResult.Attachment a, Long uploaded) {
        if (uploaded == null) {
            return Optional.of("'" + a.attachmentId() + "' (" + a.fileName() + ") has not been uploaded: PUT it to"
                    + " its uploadUrl first");
        }
        if (uploaded != a.size()) {
            return Optional.of("'" + a.attachmentId() + "' (" + a.fileName() + ") was uploaded with " + uploaded
                    + " bytes, not the " + a.size() + " announced: upload it again");
        }
        return Optional.empty();
    }

    /** The {@code POST /tasks/{taskId}/attachments} body. */
    public record AttachmentInput(String fileName, String contentType, Long size) { }

    /**
     * Records every problem with an announced attachment: a file name of at most {@value #FILE_NAME_MAX}
     * characters without a path, whose extension fits its content type (JPEG, PNG, PDF, DOCX or XLSX), a size of
     * 1 byte to 20 MiB, and room on the task ({@value #ATTACHMENTS_MOST} at most).
     */
    public static void checkAttachment(Checks checks, AttachmentInput in, Task task) {
        String name = Text.blankToNull(in.fileName());
        checks.text("fileName", name, FILE_NAME_MAX);
        if (name != null && (name.contains("/") || name.contains("\\"))) {
            checks.problem("fileName", "fileName is a file's name, without a path");
        }
        String type = Text.blankToNull(in.contentType());
        if (type == null) {
            checks.problem("contentType", "contentType is required; one of "
                    + String.join(", ", ATTACHMENT_TYPES.keySet()));
        } else if (!ATTACHMENT_TYPES.containsKey(type.trim().toLowerCase(Locale.ROOT))) {
            checks.problem("contentType", "'" + type + "' is not accepted; evidence is a JPEG or PNG photo, or a"
                    + " PDF, DOCX or XLSX document");
        } else if (name != null && !ATTACHMENT_TYPES.get(type.trim().toLowerCase(Locale.ROOT))
                .contains(extension(name))) {
            checks.problem("fileName", "fileName '" + name + "' does not end in ."
                    + String.join(" or .", ATTACHMENT_TYPES.get(type.trim().toLowerCase(Locale.ROOT)))
                    + " as a " + type.trim() + " file does");
        }
        if (in.size() == null) {
            checks.problem("size", "size is required (bytes)");
        } else if (in.size() < 1 || in.size() > ATTACHMENT_MAX) {
            checks.problem("size", "size must be 1 to " + ATTACHMENT_MAX + " bytes (20 MiB); " + in.size()
                    + " given");
        }
        if (task.attachments().size() >= ATTACHMENTS_MOST) {
            checks.problem("attachments", "the task has " + task.attachments().size() + " attachments, the most"
                    + " one task may hold");
        }
    }

    /** The file name's extension, lower case ("" without one). */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The prefix of every attachment key of a task. */
    public static String attachmentPrefix(String taskId) {
        return "attachments/" + taskId + "/";
    }

    /** Where an attachment is kept: under its task's prefix, named by its id and the file's extension. */
    public static String attachmentKey(String taskId, String attachmentId, String fileName) {
        return attachmentPrefix(taskId) + attachmentId + "/file." + extension(fileName);
    }

    /** The {@code POST /tasks/{taskId}/review} body. */
    public record ReviewInput(String decision, String comment, Long version) { }

    /** Records every problem with a review: the decision, the comment (required to return), the version. */
    public static void checkReview(Checks checks, ReviewInput in) {
        String decision = Text.blankToNull(in.decision());
        checks.oneOf("decision", decision == null ? null : decision.trim(), Set.of(APPROVE, RETURN));
        String comment = in.comment() == null ? "" : in.comment().trim();
        int length = comment.codePointCount(0, comment.length());
        if (RETURN.equals(decision == null ? null : decision.trim())) {
            if (length == 0) {
                checks.problem("comment", "comment is required to return a result: say what to change ("
                        + COMMENT_MIN + " to " + COMMENT_MAX + " characters)");
            } else if (length < COMMENT_MIN) {
                checks.problem("comment", "comment is shorter than " + COMMENT_MIN + " characters");
            }
        }
        checks.optionalText("comment", comment.isEmpty() ? null : comment, COMMENT_MAX);
        checks.required("version", in.version());
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, List<String>> orderedLists(Object... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) pairs[i + 1];
            m.put((String) pairs[i], v);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
