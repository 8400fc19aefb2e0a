package spotcheck.tasks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.Org;
import spotcheck.orgs.OrgRules;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.roster.TargetAccess;
import spotcheck.store.Store;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * Problem-driven inspections (问题导向): a task made by hand for a named target, prompted by a complaint, a referral
 * or monitoring, outside any plan or draw. It is created {@code unassigned}: inspectors are assigned to it as to any
 * unassigned task. The random ratio does not count it and a draw's "drawn this year" exclusion ignores it, but its
 * inspectors are the target's previous inspectors for the next draw.
 *
 * <p>Who: administrators; operators for their own department (their organisation among the task's
 * {@code departments}); county staff for the targets of their county ({@link TargetAccess}: a target the caller may
 * not see answers 404, as a missing one does), who then read the task by its target (see {@link TaskService}).
 * {@code departments} are active organisations that own items (a bureau, department or agency; a county is refused,
 * 422), and each item must be active and belong to one of them. A source reference is claimed for its target, so
 * the same ticket posted twice answers 409, without naming the task that holds it (it may be another
 * department's); without one, each POST makes a new task.
 */
public final class ProblemTasks {
    static final int MAX_SOURCE_REF = 100;
    static final int MAX_NOTE = 2000;
    static final int MAX_ITEMS = 50;
    static final int MAX_DEPARTMENTS = 10;
    static final String UNASSIGNED_REASON = "a problem-driven task is assigned by hand";

    private final Store store;

    public ProblemTasks(Store store) {
        this.store = store;
    }

    /** POST /tasks body. {@code departments} may be left out: the caller's organisation. */
    public record ProblemInput(String targetId, String source, String sourceRef, List<String> items,
                               List<String> departments, String note) { }

    public Task create(Actor actor, ProblemInput in) {
        Principal p = actor.principal();
        String targetId = Text.blankToNull(in.targetId());
        String source = Text.blankToNull(in.source());
        String sourceRef = Text.blankToNull(in.sourceRef());
        String note = Text.blankToNull(in.note());
        Checks checks = new Checks().text("targetId", targetId, 64).oneOf("source", source, Task.SOURCES)
                .optionalText("sourceRef", sourceRef, MAX_SOURCE_REF).optionalText("note", note, MAX_NOTE);
        List<String> items = distinct(checks, "items", in.items(), MAX_ITEMS);
        if (items.isEmpty()) {
            checks.problem("items", "items needs at least one inspection item");
        }
        List<String> departments = in.departments() == null || in.departments().isEmpty()
                ? (p.org() == null || p.org().isBlank() ? List.of() : List.of(p.org()))
                : distinct(checks, "departments", in.departments(), MAX_DEPARTMENTS);
        if (departments.isEmpty()) {
            checks.problem("departments", "departments is required (your token names no organisation)");
        }
        checks.throwIfAny("The problem-driven task is not valid");

        if (!p.has(Role.ADMIN) && p.has(Role.OPERATOR) && !departments.contains(p.org())) {
            throw DomainException.forbidden("An operator creates problem-driven tasks for their own department: name '"
                    + p.org() + "' among the departments");
        }
        Target target = TargetAccess.POLICY.requireVisible(p, store.get(Target.KIND, targetId), targetId);
        if (!"active".equals(target.status())) {
            checks.problem("targetId", "The target '" + targetId + "' is deregistered");
        }
        Map<String, Org> orgs = store.getAll(Org.KIND, departments);
        for (int i = 0; i < departments.size(); i++) {
            Org o = orgs.get(departments.get(i));
            if (o == null || !"active".equals(o.status())) {
                checks.problem("departments[" + i + "]", "'" + departments.get(i) + "' is not an active organisation");
            } else if (!OrgRules.ITEM_OWNER_KINDS.contains(o.kind())) {
                checks.problem("departments[" + i + "]", "'" + departments.get(i) + "' is a " + o.kind()
                        + ": a task's departments are the departments or agencies whose items it checks");
            }
        }
        Map<String, Item> found = store.getAll(Item.KIND, items);
        for (int i = 0; i < items.size(); i++) {
            Item item = found.get(items.get(i));
            if (item == null) {
                checks.problem("items[" + i + "]", "No item with id '" + items.get(i) + "'");
            } else if (!"active".equals(item.status())) {
                checks.problem("items[" + i + "]", "The item '" + item.itemId() + "' is retired");
            } else if (!departments.contains(item.department())) {
                checks.problem("items[" + i + "]", "The item '" + item.itemId() + "' belongs to '" + item.department()
                        + "', which is not among the task's departments");
            }
        }
        checks.throwIfAny("The problem-driven task is not valid");

        String now = store.now();
        int year = TaskService.currentYear(store);
        Task task = new Task(Ids.random(Task.problemPrefix(year), 10), Task.PROBLEM, year, null, null, targetId, null,
                items, departments, List.of(), Task.UNASSIGNED, UNASSIGNED_REASON, false, null, source, sourceRef, note,
                null, null, null, null, null, 1, now, now);
        try {
            store.create(Task.KIND, task, actor);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.CONFLICT && sourceRef != null && e.details() != null
                    && e.details().stream().anyMatch(d -> "sourceRef".equals(d.field()))) {
                // the task holding it may be another department's: it is not named
                String message = "This source reference is recorded for this target already: the " + source + " '"
                        + sourceRef + "' for target '" + targetId + "'";
                throw new DomainException(DomainException.Kind.CONFLICT, message,
                        List.of(new DomainException.Detail("sourceRef", message)));
            }
            throw e;
        }
        return task;
    }

    /** The distinct non-blank values of a list, trimmed, in order; at most {@code max}. */
    private static List<String> distinct(Checks checks, String field, List<String> given, int max) {
        if (given == null) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String v : given) {
            String t = Text.blankToNull(v);
            if (t == null) {
                continue;
            }
            if (t.length() > 200) {
                checks.problem(field, field + " holds a value longer than 200 characters");
                continue;
            }
            values.add(t);
        }
        if (values.size() > max) {
            checks.problem(field, field + " has more than " + max + " entries");
        }
        return new ArrayList<>(values);
    }
}
