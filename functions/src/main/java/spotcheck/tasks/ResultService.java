package spotcheck.tasks;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.MissingCalendarException;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanService;
import spotcheck.plans.PlanStates;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorService;
import spotcheck.store.FileStore;
import spotcheck.store.Store;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * A task's result (检查结果): entered by those who did the work, reviewed, and the evidence attached to it, under
 * the rules of {@link ResultRules}; and the result categories in effect ({@link ResultCategories}).
 *
 * <p><b>Who.</b> A task the caller may not read ({@link TaskService#get}) answers 404. A result is entered, and
 * evidence attached, by the task's inspectors (the inspector whose roster entry is linked to the caller's login),
 * an operator of one of the task's departments, or an administrator; anyone else who may read the task gets 403.
 * A result is reviewed by an administrator or an operator of the plan's lead department (of the task's first
 * department, without a plan), never by the account that entered it nor by one of the task's inspectors (403,
 * {@link TaskService#ownWork}).
 *
 * <p><b>Entering.</b> The task becomes {@code entered} (audited as {@code result}), its {@code completedDate} the
 * inspection date and its {@code publicationDue} the 20th working day after it on the configured calendar (a year
 * without one is a 422 naming it). The plan's first result moves it {@code drawn → in_progress} ({@link
 * PlanStates}' {@code start}, audited), after the task is written: if that second write is lost, the next result
 * entered for the plan makes it. Sending the same result again (a retry after a lost answer) writes nothing. A
 * result found exempt while awaiting testing or an expert opinion is entered again once that arrives ({@link
 * ResultRules#AWAITING_EXEMPTIONS}): the task is {@code entered} again, to be reviewed, and is back under its
 * publication deadline, still counted from the inspection date (the test's date does not move it).
 *
 * <p><b>Evidence.</b> {@code POST /tasks/{taskId}/attachments} announces a file (name, type, size): the task lists
 * it (audited as {@code attach}) and the answer carries a presigned PUT URL for its key, always under
 * {@code attachments/{taskId}/}. The announcement is not proof of upload: a result cites attachments by id, and
 * entering it reads each cited object's size from the bucket (HeadObject); a missing object or one of another
 * size is a 422, and each one that matches is marked {@code uploadedAt}. Attachments announced but never cited
 * stay listed without {@code uploadedAt}.
 *
 * <p><b>Review.</b> Approving makes the task {@code reviewed} (to be published) or, for a result not to be public,
 * {@code exempt} (audited as {@code review}); returning sends it back, {@code returned}, with the reviewer's comment
 * (audited as {@code return}), to be entered again.
 */
public final class ResultService {
    /** How long an attachment's upload URL stays valid. */
    static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(15);
    /** Working days from a task's completion to its publication deadline. */
    public static final int PUBLICATION_WORKING_DAYS = 20;

    private final Store store;
    private final TaskService tasks;
    private final TaskService.LiveDraws draws;
    private final PlanService plans;
    private final CalendarService calendar;
    private final FileStore files;
    private final String bucket;
    private final InspectorService inspectors;

    public ResultService(Store store, TaskService tasks, TaskService.LiveDraws draws, PlanService plans,
                         CalendarService calendar, FileStore files, String bucket) {
        this.store = store;
        this.tasks = tasks;
        this.draws = draws;
        this.plans = plans;
        this.calendar = calendar;
        this.files = files;
        this.bucket = bucket;
        this.inspectors = new InspectorService(store);
    }

    /** The answer to an attachment's announcement: where to upload it, and the task's version after it. */
    public record AttachmentStarted(String attachmentId, String key, String uploadUrl, String contentType,
                                    long version) { }

    /**
     * {@code PUT /result-categories} body: the whole new list and the version read (0 for the defaults); the
     * list as read may be sent back changed, its {@code id} and {@code updatedAt} are ignored.
     */
    public record CategoriesInput(String id, List<ResultCategories.CategoryInput> categories, Long version,
                                  String updatedAt) {
        public CategoriesInput(List<ResultCategories.CategoryInput> categories, Long version) {
            this(null, categories, version, null);
        }
    }

    /** The categories in effect: as stored by an administrator, else the national defaults (version 0). */
    public ResultCategories categories() {
        return store.get(ResultCategories.KIND, ResultCategories.ID).orElseGet(ResultCategories::defaults);
    }

    /**
     * Code → published label of the categories in effect, in their order, read at most once a minute: exports and
     * public lists label every row, and a relabelling may show a minute late.
     */
    public Map<String, String> labels() {
        LabelsRead read = labelsRead;
        Instant now = Instant.now();
        if (read == null || read.at().plusSeconds(60).isBefore(now)) {
            Map<String, String> labels = new LinkedHashMap<>();
            categories().categories().forEach(c -> labels.put(c.code(), c.label()));
            read = new LabelsRead(Collections.unmodifiableMap(labels), now);
            labelsRead = read;
        }
        return read.labels();
    }

    private record LabelsRead(Map<String, String> labels, Instant at) { }

    private volatile LabelsRead labelsRead;

    /** Replaces the categories, on the version read; 409 for a stale one, 422 naming each problem. */
    public ResultCategories putCategories(Actor actor, CategoriesInput in) {
        Optional<ResultCategories> stored = store.get(ResultCategories.KIND, ResultCategories.ID);
        ResultCategories current = stored.orElseGet(ResultCategories::defaults);
        Checks checks = new Checks();
        List<ResultCategories.Category> list = ResultCategories.check(checks, in.categories(),
                current.categories());
        checks.required("version", in.version());
        checks.throwIfAny("The result categories are not valid");
        Store.requireVersion(ResultCategories.KIND, current, in.version());
        ResultCategories after = new ResultCategories(ResultCategories.ID, list, current.version() + 1, store.now());
        if (stored.isPresent()) {
            store.update(ResultCategories.KIND, stored.get(), after, actor, "update");
        } else {
            store.create(ResultCategories.KIND, after, actor);
        }
        return after;
    }

    /** Enters (or corrects) the task's result: see the class comment. */
    public Task enter(Actor actor, String taskId, ResultRules.ResultInput in) {
        Principal p = actor.principal();
        Task before = tasks.get(p, taskId);
        requireEnter(p, before);
        requireLive(before);
        ResultRules.whyNotEnterable(before).ifPresent(why -> {
            throw DomainException.conflict(why);
        });
        Plan plan = before.planId() == null ? null : store.require(Plan.KIND, before.planId());
        LocalDate today = today();
        LocalDate earliest = plan != null ? LocalDate.parse(plan.startDate())
                : Instant.parse(before.createdAt()).atZone(TaskService.ZONE).toLocalDate();
        String now = store.now();
        Checks checks = new Checks();
        TaskResult given = ResultRules.check(checks, in,
                new ResultRules.Context(before, earliest, today, categories()));
        String due = null;
        List<TaskResult.Attachment> attachments = before.attachments();
        if (given != null) {
            due = publicationDue(checks, LocalDate.parse(given.inspectionDate()));
            attachments = confirmUploads(checks, before, given.attachments(), now);
        }
        checks.throwIfAny("The result is not valid");
        if (sameAgain(before, given, p)) {
            startPlan(actor, plan);
            return before;
        }
        Store.requireVersion(Task.KIND, before, in.version());
        TaskResult previous = before.result();
        TaskResult result = new TaskResult(given.inspectionDate(), given.method(), given.items(), given.findings(),
                given.publish(), given.exemptReason(), p.subject(), now,
                previous == null ? null : previous.reviewedBy(), previous == null ? null : previous.reviewedAt(),
                previous == null ? null : previous.reviewComment(), null, null, given.exemptNote(),
                given.attachments());
        Task after = before.withResult(Task.ENTERED, result, given.inspectionDate(), due, attachments,
                before.version() + 1, now);
        store.update(Task.KIND, before, after, actor, "result");
        startPlan(actor, plan);
        return after;
    }

    /** An entered result sent again by its enterer, unchanged: nothing to write. */
    private static boolean sameAgain(Task before, TaskResult given, Principal p) {
        TaskResult r = before.result();
        return Task.ENTERED.equals(before.status()) && r != null && p.subject().equals(r.enteredBy())
                && r.inspectionDate().equals(given.inspectionDate()) && r.method().equals(given.method())
                && r.items().equals(given.items()) && Objects.equals(r.findings(), given.findings())
                && r.publish() == given.publish() && Objects.equals(r.exemptReason(), given.exemptReason())
                && Objects.equals(r.exemptNote(), given.exemptNote()) && r.attachments().equals(given.attachments());
    }

    /** The plan's first result starts it: drawn → in_progress, retried once if the plan changed meanwhile. */
    private void startPlan(Actor actor, Plan read) {
        if (read == null) {
            return;
        }
        Plan plan = read;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!PlanStates.DRAWN.equals(plan.status())) {
                return;
            }
            try {
                plans.move(actor, plan.planId(), plan.version(), PlanStates.IN_PROGRESS);
                return;
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.CONFLICT || attempt == 2) {
                    throw e;
                }
                plan = store.require(Plan.KIND, plan.planId());
            }
        }
    }

    /** The 20th working day after the inspection; a year without a calendar is recorded as a problem. */
    private String publicationDue(Checks checks, LocalDate completed) {
        try {
            return calendar.workingDays().add(completed, PUBLICATION_WORKING_DAYS).toString();
        } catch (MissingCalendarException e) {
            checks.problem("inspectionDate", e.getMessage() + ", needed for the publication deadline: an"
                    + " administrator must add it (PUT /calendar/" + e.year() + ")");
            return null;
        }
    }

    /**
     * The task's attachments with those the result cites confirmed: each read from the bucket (its size), each
     * under the task's prefix; every mismatch recorded in {@code checks}.
     */
    private List<TaskResult.Attachment> confirmUploads(Checks checks, Task task, List<String> cited, String now) {
        List<TaskResult.Attachment> out = new ArrayList<>();
        for (TaskResult.Attachment a : task.attachments()) {
            int at = cited.indexOf(a.attachmentId());
            if (at < 0) {
                out.add(a);
                continue;
            }
            if (!a.key().startsWith(ResultRules.attachmentPrefix(task.taskId()))) {
                throw new IllegalStateException("An attachment of task " + task.taskId() + " is kept outside its"
                        + " prefix");
            }
            Optional<String> why = ResultRules.whyNotUploaded(a, uploadedSize(a));
            if (why.isPresent()) {
                checks.problem("attachments[" + at + "]", why.get());
                out.add(a);
            } else {
                out.add(a.uploadedAt() == null ? a.confirmed(now) : a);
            }
        }
        return out;
    }

    /** The object's size in the bucket, or null when it is not there. */
    private Long uploadedSize(TaskResult.Attachment a) {
        try {
            return files.size(bucket, a.key());
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Announces an attachment: see the class comment. */
    public AttachmentStarted attach(Actor actor, String taskId, ResultRules.AttachmentInput in) {
        Principal p = actor.principal();
        Task before = tasks.get(p, taskId);
        requireEnter(p, before);
        requireLive(before);
        ResultRules.whyNotEnterable(before).ifPresent(why -> {
            throw DomainException.conflict(why);
        });
        Checks checks = new Checks();
        ResultRules.checkAttachment(checks, in, before);
        checks.throwIfAny("The attachment is not valid");
        String fileName = in.fileName().trim();
        String type = in.contentType().trim().toLowerCase(Locale.ROOT);
        String attachmentId = Ids.random("ATT-", 10);
        String key = ResultRules.attachmentKey(taskId, attachmentId, fileName);
        List<TaskResult.Attachment> attachments = new ArrayList<>(before.attachments());
        attachments.add(new TaskResult.Attachment(attachmentId, fileName, type, in.size(), key, null));
        Task after = before.withResult(before.status(), before.result(), before.completedDate(),
                before.publicationDue(), attachments, before.version() + 1, store.now());
        store.update(Task.KIND, before, after, actor, "attach");
        return new AttachmentStarted(attachmentId, key, files.presignPut(bucket, key, UPLOAD_URL_VALIDITY), type,
                after.version());
    }

    /** Approves or returns an entered result: see the class comment. */
    public Task review(Actor actor, String taskId, ResultRules.ReviewInput in) {
        Principal p = actor.principal();
        Task before = tasks.get(p, taskId);
        Plan plan = before.planId() == null ? null : store.require(Plan.KIND, before.planId());
        requireReview(p, before, plan);
        requireLive(before);
        ResultRules.whyNotReviewable(before).ifPresent(why -> {
            throw DomainException.conflict(why);
        });
        tasks.ownWork(p, before).ifPresent(why -> {
            throw DomainException.forbidden(why + ": another person reviews it");
        });
        Checks checks = new Checks();
        ResultRules.checkReview(checks, in);
        checks.throwIfAny("The review is not valid");
        Store.requireVersion(Task.KIND, before, in.version());
        String now = store.now();
        String comment = Text.blankToNull(in.comment()) == null ? null : in.comment().trim();
        boolean approve = ResultRules.APPROVE.equals(in.decision().trim());
        String status = !approve ? Task.RETURNED : before.result().publish() ? Task.REVIEWED : Task.EXEMPT;
        Task after = before.withResult(status, before.result().reviewed(p.subject(), now, comment),
                before.completedDate(), before.publicationDue(), before.attachments(), before.version() + 1, now);
        store.update(Task.KIND, before, after, actor, approve ? "review" : "return");
        return after;
    }

    /** 403 unless the caller may enter the task's result (the caller may read it). */
    private void requireEnter(Principal p, Task task) {
        if (p.has(Role.ADMIN) || p.has(Role.OPERATOR) && task.departments().contains(p.org())) {
            return;
        }
        Optional<String> mine = inspectors.byAccount(p.subject()).map(Inspector::inspectorId);
        if (mine.isPresent() && task.inspectors().contains(mine.get())) {
            return;
        }
        throw DomainException.forbidden("The result of the task '" + task.taskId() + "' is entered by its"
                + " inspectors, an operator of its departments (" + String.join(", ", task.departments())
                + ") or an administrator");
    }

    /** 403 unless the caller may review the task's result: an admin, or an operator of the lead department. */
    private static void requireReview(Principal p, Task task, Plan plan) {
        String lead = plan != null ? plan.leadDepartment()
                : task.departments().isEmpty() ? null : task.departments().get(0);
        if (p.has(Role.ADMIN) || p.has(Role.OPERATOR) && lead != null && lead.equals(p.org())) {
            return;
        }
        throw DomainException.forbidden("The result of the task '" + task.taskId() + "' is reviewed by an"
                + " administrator or an operator of " + (plan != null ? "the plan's lead" : "the task's first")
                + " department '" + lead + "'");
    }

    /** 409 for a task of a voided draw: it is kept for the record, and nobody's to do. */
    private void requireLive(Task task) {
        if (task.drawId() != null && !draws.voided(List.of(task.drawId())).isEmpty()) {
            throw DomainException.conflict("The task '" + task.taskId() + "' belongs to the voided draw '"
                    + task.drawId() + "': it is kept for the record only");
        }
    }

    private LocalDate today() {
        return Instant.parse(store.now()).atZone(TaskService.ZONE).toLocalDate();
    }
}
