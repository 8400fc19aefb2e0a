package spotcheck.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spotcheck.plans.PlanStates;
import spotcheck.roster.Inspector;
import spotcheck.validation.Checks;

/**
 * Who may be sent to a task by hand (pure: the caller reads the task, its plan and the named inspectors; nothing
 * here reads or writes). The rules are the draw's plan-level checks ({@link #planChecks}, which the draw applies
 * too) applied to each named inspector: active, of one of the task's departments, certificate valid on the later
 * of the plan's start date and today (today for a task without a plan), qualified for at least one of the task's
 * items; then without a conflict of interest with its target (回避) and not the inspector of its previous
 * inspection ({@link PreviousInspections}, as the draw excludes them);
 * at least the plan's inspectors per target ({@value #WITHOUT_PLAN} for a task without a plan), all distinct, and
 * for a joint plan at least one of every participating department. Every problem is reported, each naming its
 * inspector, so a department fixes the whole list at once.
 *
 * <p>When a task's inspectors may be changed at all is {@link #whyUnchangeable}'s to say, in one place: an
 * unassigned task, or an assigned one whose inspection has no result yet. Replacing the inspectors the draw chose
 * (an assigned task never assigned by hand) needs a reason ({@link #reason}); tasks assigned by hand before are
 * assigned again without one.
 */
public final class AssignmentRules {
    /** Inspectors a task without a plan (a problem-driven one) needs: the law's two. */
    public static final int WITHOUT_PLAN = 2;
    /** The longest assignment note. */
    public static final int NOTE_MAX = 500;
    /** The shortest reason for replacing the inspectors the draw chose, once trimmed. */
    public static final int REASON_MIN = 4;
    /** The most inspectors one task may name. */
    public static final int MOST = 20;
    private static final int ID_MAX = 100;

    private AssignmentRules() { }

    /**
     * What the named inspectors are checked against: the task's target, items and departments, how many it needs,
     * the departments each of which must send one (a joint plan's; empty otherwise), and the date their
     * certificates must be valid on (YYYY-MM-DD).
     */
    public record Context(String targetId, List<String> items, List<String> departments, int needed,
                          List<String> everyDepartment, String validOn, List<String> previousInspectors) {
        public Context {
            items = List.copyOf(items);
            departments = List.copyOf(departments);
            everyDepartment = everyDepartment == null ? List.of() : List.copyOf(everyDepartment);
            previousInspectors = previousInspectors == null ? List.of() : List.copyOf(previousInspectors);
        }

        /** A task whose target has no previous inspection. */
        public Context(String targetId, List<String> items, List<String> departments, int needed,
                       List<String> everyDepartment, String validOn) {
            this(targetId, items, departments, needed, everyDepartment, validOn, List.of());
        }
    }

    /**
     * The date certificates must be valid on (YYYY-MM-DD): the later of the plan's start date and today, for an
     * inspector sent after the plan started must hold a valid certificate when sent; today for a task without a
     * plan.
     */
    public static String validOn(String planStart, String today) {
        return planStart == null || planStart.compareTo(today) < 0 ? today : planStart;
    }

    /** The draw itself chose this task's inspectors (a drawn task the draw did not leave unassigned). */
    public static boolean drawChose(Task task) {
        return task.drawId() != null && task.unassigned() == null;
    }

    /**
     * This assignment replaces inspectors the draw chose, never assigned by hand before: it needs a reason (the
     * task keeps it; the draw's public record says only {@code replacedDrawn}).
     */
    public static boolean replacesDrawn(Task task) {
        return drawChose(task) && !task.manual() && Task.ASSIGNED.equals(task.status());
    }

    /**
     * Records the problem with the assigner's {@code reason}, if any: optional, at most {@value #NOTE_MAX}
     * characters; required, {@value #REASON_MIN} to {@value #NOTE_MAX} once trimmed, to replace the inspectors the
     * draw chose ({@link #replacesDrawn}).
     */
    public static void reason(Checks checks, Task task, String reason) {
        if (!replacesDrawn(task)) {
            checks.optionalText("reason", reason, NOTE_MAX);
            return;
        }
        String trimmed = reason == null ? "" : reason.trim();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0) {
            checks.problem("reason", "reason is required to replace the inspectors the draw chose: say why ("
                    + REASON_MIN + " to " + NOTE_MAX + " characters)");
        } else if (length < REASON_MIN) {
            checks.problem("reason", "reason is shorter than " + REASON_MIN + " characters");
        } else {
            checks.optionalText("reason", trimmed, NOTE_MAX);
        }
    }

    /**
     * Why the inspectors of this task may not be changed now, or empty when they may: a task that is unassigned,
     * or assigned before any result exists, of a plan that is drawn or in progress (a task without a plan has no
     * plan state). The one place a later rule (a result recorded) joins.
     */
    public static Optional<String> whyUnchangeable(Task task, String planStatus) {
        if (!Task.UNASSIGNED.equals(task.status()) && !Task.ASSIGNED.equals(task.status())) {
            return Optional.of("The task '" + task.taskId() + "' is " + task.status()
                    + ": only an unassigned task, or an assigned one without a result, is given inspectors by hand");
        }
        if (task.completedDate() != null) {
            return Optional.of("The task '" + task.taskId() + "' has a result already: its inspectors stay");
        }
        if (planStatus != null && !PlanStates.DRAWN.equals(planStatus)
                && !PlanStates.IN_PROGRESS.equals(planStatus)) {
            return Optional.of("The plan '" + task.planId() + "' of the task '" + task.taskId() + "' is "
                    + planStatus + ": inspectors are assigned by hand while it is drawn or in progress");
        }
        return Optional.empty();
    }

    /**
     * The ids worth looking up: the well-formed, distinct ones among those named (the rest are reported by
     * {@link #check}). Never more than {@link #MOST}.
     */
    public static List<String> lookups(List<String> named) {
        if (named == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : named) {
            if (wellFormed(id) && ids.size() < MOST) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Records in {@code checks} every problem with the named inspectors ({@code inspectors[i]} for one of them,
     * {@code inspectors} for the list): {@code found} holds the stored inspectors among them, by id.
     */
    public static void check(Checks checks, List<String> named, Context task, Map<String, Inspector> found) {
        if (named == null || named.isEmpty()) {
            checks.problem("inspectors", "inspectors is required: at least " + task.needed() + " inspector ids");
            return;
        }
        if (named.size() > MOST) {
            checks.problem("inspectors", "at most " + MOST + " inspectors are named for one task ("
                    + named.size() + " given)");
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> departmentsSent = new HashSet<>();
        for (int i = 0; i < named.size(); i++) {
            String field = "inspectors[" + i + "]";
            String id = named.get(i);
            if (!wellFormed(id)) {
                checks.problem(field, "an inspector id is a non-blank text of at most " + ID_MAX + " characters");
                continue;
            }
            if (!seen.add(id)) {
                checks.problem(field, "'" + id + "' is listed twice");
                continue;
            }
            Inspector x = found.get(id);
            if (x == null) {
                checks.problem(field, "No inspector with id '" + id + "'");
                continue;
            }
            eligibility(x, task).forEach(why -> checks.problem(field, "'" + id + "' " + why));
            if (task.departments().contains(x.org())) {
                departmentsSent.add(x.org());
            }
        }
        if (seen.size() < task.needed()) {
            checks.problem("inspectors", "at least " + task.needed() + " distinct inspectors are needed ("
                    + seen.size() + " given)");
        }
        List<String> missing = task.everyDepartment().stream().filter(d -> !departmentsSent.contains(d)).toList();
        if (!missing.isEmpty()) {
            checks.problem("inspectors", "a joint plan's task needs an inspector of every participating department:"
                    + " none of " + String.join(", ", missing.stream().map(d -> "'" + d + "'").toList()));
        }
    }

    /** Why this inspector may not be sent to the task: each reason, or none. */
    public static List<String> eligibility(Inspector x, Context task) {
        List<String> why = planChecks(x, task.departments(), task.items(), task.validOn());
        if (x.conflicts() != null && x.conflicts().contains(task.targetId())) {
            why.add("has a conflict of interest with the target '" + task.targetId() + "' (回避)");
        }
        if (task.previousInspectors().contains(x.inspectorId())) {
            why.add("made the target's previous inspection, and is not sent to it again (as the draw does not)");
        }
        return why;
    }

    /**
     * Why this inspector fails a plan's checks, each reason, or none: active, of one of the departments, a
     * certificate valid on {@code validOn}, qualified for at least one of the items. The draw's inspector
     * candidates are those passing these, as is everyone sent by hand.
     */
    public static List<String> planChecks(Inspector x, List<String> departments, List<String> items,
                                          String validOn) {
        List<String> why = new ArrayList<>();
        if (!"active".equals(x.status())) {
            why.add("is not active (" + x.status() + ")");
        }
        if (!departments.contains(x.org())) {
            why.add("is of '" + x.org() + "', not of the task's departments (" + String.join(", ", departments)
                    + ")");
        }
        if (x.certificateValidUntil() == null || x.certificateValidUntil().compareTo(validOn) < 0) {
            why.add("has a certificate valid until " + x.certificateValidUntil() + ", not on " + validOn);
        }
        if (x.qualifiedItems() == null || x.qualifiedItems().stream().noneMatch(items::contains)) {
            why.add("is qualified for none of the task's items (" + String.join(", ", items) + ")");
        }
        return why;
    }

    private static boolean wellFormed(String id) {
        return id != null && !id.isBlank() && id.length() <= ID_MAX && id.equals(id.trim());
    }
}
