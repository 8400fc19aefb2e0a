package spotcheck.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.MissingCalendarException;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.Org;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * Follow-up cases (后续处置, {@code /cases}) on a task's findings, under the rules of {@link CaseRules}.
 *
 * <p>Who: a case is read by whoever may read its task ({@link TaskService#get}: the one read rule of tasks); a case
 * whose task the reader may not see answers as one that does not exist. It is recorded, changed, closed and published
 * by administrators, operators of one of the task's departments and the staff of its target's county (others who may
 * read it get 403). Every change is audited through the store's versioned write.
 *
 * <p>A penalty's {@code publicationDue} is the 7th working day after its decision on the official calendar (a year
 * without a calendar is a 422 naming it). A case may raise its target's risk class ({@code raiseRiskClass}): the case is
 * written first, then the target through its own versioned write ({@link TargetService#raiseRiskClass}), audited with
 * the case's id.
 */
public final class CaseService {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int PAGE = 200;

    /** POST /cases body. */
    public record CaseInput(String taskId, String kind, String decisionDate, String summary, String toDepartment,
                            String documentNo, String penaltyType, String penaltyContent, String authority,
                            String raiseRiskClass) { }

    /** PUT /cases/{caseId} body: the fields to change (those left out keep their values) and the version read. */
    public record CaseUpdate(String kind, String decisionDate, String summary, String toDepartment, String documentNo,
                             String penaltyType, String penaltyContent, String authority, Long version) { }

    /** POST /cases/{caseId}/close body. */
    public record CloseInput(Long version, String note) { }

    /** POST /cases/{caseId}/publish body. */
    public record PublishInput(Long version) { }

    /** A list's parameters: a task's cases, or a year's (default the current one); optionally of one kind. */
    public record Query(String taskId, String year, String kind) { }

    private final Store store;
    private final TaskService tasks;
    private final TargetService targets;
    private final CalendarService calendar;
    private final Supplier<Predicate<String>> sanctions;

    /**
     * {@code sanctions}: whether an item result's category code calls for listing or a penalty, as the category
     * list in effect says ({@code ResultCategories#callsForSanction}, an administrator's to configure); asked once
     * per closing, so each closing reads the list once.
     */
    public CaseService(Store store, TaskService tasks, TargetService targets, CalendarService calendar,
                       Supplier<Predicate<String>> sanctions) {
        this.store = store;
        this.tasks = tasks;
        this.targets = targets;
        this.calendar = calendar;
        this.sanctions = sanctions;
    }

    public Case create(Actor actor, CaseInput in) {
        Principal p = actor.principal();
        String taskId = Text.blankToNull(in.taskId());
        if (taskId == null) {
            throw DomainException.invalid("taskId", "taskId is required");
        }
        Task task = tasks.get(p, taskId.trim());
        Target target = store.require(Target.KIND, task.targetId());
        requireEdit(p, task, target);
        CaseRules.whyNoCase(task).ifPresent(why -> {
            throw DomainException.invalid("taskId", why);
        });
        CaseRules.Fields f = new CaseRules.Fields(trim(in.kind()), trim(in.decisionDate()), trim(in.summary()),
                trim(in.toDepartment()), trim(in.documentNo()), trim(in.penaltyType()), trim(in.penaltyContent()),
                trim(in.authority()), trim(in.raiseRiskClass()));
        Checks checks = new Checks();
        LocalDate decided = CaseRules.check(checks, f, context(task, target, f.toDepartment(), f.authority()));
        checks.throwIfAny("The case is not valid");
        String due = Case.PENALTY.equals(f.kind()) ? publicationDue(decided) : null;
        String authority = Case.PENALTY.equals(f.kind()) && f.authority() == null && !task.departments().isEmpty()
                ? task.departments().get(0) : f.authority();
        String now = store.now();
        String caseId = Ids.random(Case.taskPrefix(task.taskId()), 6);
        Case.RiskRaise raise = f.raiseRiskClass() == null ? null
                : new Case.RiskRaise(target.riskClass(), f.raiseRiskClass());
        Case created = new Case(caseId, task.taskId(), task.year(), task.targetId(), f.kind(), Case.OPEN,
                decided.toString(), f.summary(), f.toDepartment(), f.documentNo(), f.penaltyType(),
                f.penaltyContent(), authority, due, null, null, raise, null, null, 1, now, now);
        store.create(Case.KIND, created, actor);
        if (raise != null) {
            targets.raiseRiskClass(actor, target.targetId(), raise.to(), caseId);
        }
        return created;
    }

    /** The case, if the reader may read its task; otherwise the 404 of an id nobody has used. */
    public Case get(Principal reader, String caseId) {
        Case c = store.get(Case.KIND, caseId).orElseThrow(() -> notFound(caseId));
        try {
            tasks.get(reader, c.taskId());
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw notFound(caseId);
            }
            throw e;
        }
        return c;
    }

    /**
     * One page of cases in id order: a task's ({@code taskId}, which the reader must be able to read, else 404), or
     * a year's, of one kind or every kind. A year's cases the reader may not read (by their task) are left out of the
     * page, which may then be short ({@code next} carries on); each distinct task of the page is read once.
     */
    public Page<Case> list(Principal reader, Query q, int limit, String next) {
        String taskId = trim(q.taskId());
        String kind = trim(q.kind());
        Checks checks = new Checks().optionalOneOf("kind", kind, CaseRules.KINDS);
        Integer year = checks.optionalYear("year", q.year());
        checks.throwIfAny("The list is not valid");
        List<Filter> filters = new ArrayList<>();
        if (kind != null) {
            filters.add(Filter.eq("kind", kind));
        }
        if (taskId != null) {
            Task task = tasks.get(reader, taskId);
            filters.add(Filter.eq("taskId", task.taskId()));
            return store.list(Case.KIND, range(Case.taskPrefix(task.taskId())), filters, limit, next);
        }
        int y = year != null ? year : Instant.parse(store.now()).atZone(ZONE).getYear();
        Page<Case> page = store.list(Case.KIND, range(Case.yearPrefix(y)), filters, limit, next);
        Map<String, Boolean> readable = new HashMap<>();
        List<Case> visible = page.items().stream().filter(c -> readable.computeIfAbsent(c.taskId(),
                id -> mayReadTask(reader, id))).toList();
        return new Page<>(visible, page.next());
    }

    /**
     * Changes an open case on the version read: the fields sent (its kind never changes), checked as at its creation;
     * a penalty's publication due follows its decision date. A published penalty's public fields no longer change
     * (409), nor does a closed case (409).
     */
    public Case update(Actor actor, String caseId, CaseUpdate in) {
        Principal p = actor.principal();
        Case before = get(p, caseId);
        Task task = store.require(Task.KIND, before.taskId());
        Target target = store.require(Target.KIND, before.targetId());
        requireEdit(p, task, target);
        Checks checks = new Checks().required("version", in.version());
        if (trim(in.kind()) != null && !before.kind().equals(trim(in.kind()))) {
            checks.problem("kind", "kind cannot be changed (the case is a " + before.kind() + ")");
        }
        checks.throwIfAny("The case is not valid");
        Store.requireVersion(Case.KIND, before, in.version());
        if (Case.CLOSED.equals(before.status())) {
            throw DomainException.conflict("The case '" + caseId + "' is closed");
        }
        CaseRules.Fields f = new CaseRules.Fields(before.kind(), or(in.decisionDate(), before.decisionDate()),
                or(in.summary(), before.summary()), or(in.toDepartment(), before.toDepartment()),
                or(in.documentNo(), before.documentNo()), or(in.penaltyType(), before.penaltyType()),
                or(in.penaltyContent(), before.penaltyContent()), or(in.authority(), before.authority()), null);
        LocalDate decided = CaseRules.check(checks, f, context(task, target, f.toDepartment(), f.authority()));
        checks.throwIfAny("The case is not valid");
        if (before.publishedAt() != null && !(Objects.equals(f.decisionDate(), before.decisionDate())
                && Objects.equals(f.documentNo(), before.documentNo())
                && Objects.equals(f.penaltyType(), before.penaltyType())
                && Objects.equals(f.penaltyContent(), before.penaltyContent())
                && Objects.equals(f.authority(), before.authority()))) {
            throw DomainException.conflict("The penalty of case '" + caseId + "' is published: its decision date,"
                    + " document, type, content and authority no longer change");
        }
        String due = Case.PENALTY.equals(before.kind()) ? publicationDue(decided) : null;
        Case after = before.with(before.status(), f.decisionDate(), f.summary(), f.toDepartment(), f.documentNo(),
                f.penaltyType(), f.penaltyContent(), f.authority(), due, before.publishedAt(),
                before.publicationBatch(), before.closedAt(), before.closeNote(), store.now());
        store.update(Case.KIND, before, after, actor, "update");
        return after;
    }

    /**
     * Closes an open case on the version read, with an optional note. A task whose findings call for listing or a
     * penalty cannot have its follow-up closed without a penalty, abnormal_list or blacklist case among its cases
     * (422 saying so: {@link CaseRules#whyNotClosable}). A closed case answers 409.
     */
    public Case close(Actor actor, String caseId, CloseInput in) {
        Principal p = actor.principal();
        Case before = get(p, caseId);
        Task task = store.require(Task.KIND, before.taskId());
        requireEdit(p, task, store.require(Target.KIND, before.targetId()));
        String note = trim(in.note());
        new Checks().required("version", in.version()).optionalText("note", note, CaseRules.MAX_NOTE)
                .throwIfAny("The closing is not valid");
        Store.requireVersion(Case.KIND, before, in.version());
        if (Case.CLOSED.equals(before.status())) {
            throw DomainException.conflict("The case '" + caseId + "' is closed already");
        }
        CaseRules.whyNotClosable(task, casesOf(task.taskId()), sanctions.get()).ifPresent(why -> {
            throw DomainException.invalid("kind", why);
        });
        Case after = before.closed(store.now(), note);
        store.update(Case.KIND, before, after, actor, "close");
        return after;
    }

    /**
     * Marks a penalty published by hand (in the city's public credit system), on the version read: it leaves the
     * byDue index. A published penalty answers as it is, unchanged; a case of another kind is 409.
     */
    public Case publish(Actor actor, String caseId, PublishInput in) {
        Principal p = actor.principal();
        Case before = get(p, caseId);
        requireEdit(p, store.require(Task.KIND, before.taskId()), store.require(Target.KIND, before.targetId()));
        new Checks().required("version", in.version()).throwIfAny("The publication is not valid");
        if (!Case.PENALTY.equals(before.kind())) {
            throw DomainException.conflict("The case '" + caseId + "' is a " + before.kind()
                    + ": only a penalty is published");
        }
        if (before.publishedAt() != null) {
            return before;
        }
        Store.requireVersion(Case.KIND, before, in.version());
        String now = store.now();
        Case after = before.published(now, null, now);
        store.update(Case.KIND, before, after, actor, "publish");
        return after;
    }

    /** Every case of a task (its key range). */
    List<Case> casesOf(String taskId) {
        List<Case> found = new ArrayList<>();
        String next = null;
        do {
            Page<Case> page = store.list(Case.KIND, range(Case.taskPrefix(taskId)),
                    List.of(Filter.eq("taskId", taskId)), PAGE, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    /** 403 unless the caller records follow-up for this task: an admin, an operator of one of its departments,
     * county staff of its target's county. */
    static void requireEdit(Principal p, Task task, Target target) {
        boolean may = p.has(Role.ADMIN)
                || p.has(Role.OPERATOR) && p.org() != null && task.departments().contains(p.org())
                || p.has(Role.COUNTY) && p.org() != null && !p.org().isBlank() && p.org().equals(target.county());
        if (!may) {
            throw DomainException.forbidden("Follow-up is recorded by administrators, operators of the task's"
                    + " departments and the staff of its target's county");
        }
    }

    private CaseRules.Context context(Task task, Target target, String... orgs) {
        List<String> named = new ArrayList<>();
        for (String o : orgs) {
            if (o != null) {
                named.add(o);
            }
        }
        Map<String, Org> found = named.isEmpty() ? Map.of() : store.getAll(Org.KIND, named);
        LocalDate today = Instant.parse(store.now()).atZone(ZONE).toLocalDate();
        return new CaseRules.Context(task, id -> Optional.ofNullable(found.get(id))
                .map(o -> "active".equals(o.status())).orElse(false), today, target.targetId(), target.riskClass());
    }

    private String publicationDue(LocalDate decided) {
        try {
            return CaseRules.publicationDue(calendar.workingDays(), decided).toString();
        } catch (MissingCalendarException e) {
            throw CalendarService.toApiError(e);
        }
    }

    private boolean mayReadTask(Principal reader, String taskId) {
        try {
            tasks.get(reader, taskId);
            return true;
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    static ListIndex range(String prefix) {
        return new ListIndex(Tables.BY_KIND_INDEX, "entityKind", Case.KIND.prefix(), "entitySort", prefix);
    }

    static DomainException notFound(String caseId) {
        return DomainException.notFound("No case with id '" + caseId + "'");
    }

    private static String trim(String s) {
        return Text.blankToNull(s) == null ? null : s.trim();
    }

    private static String or(String given, String current) {
        String t = trim(given);
        return t == null ? current : t;
    }
}
