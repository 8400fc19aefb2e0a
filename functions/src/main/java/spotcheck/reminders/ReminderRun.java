package spotcheck.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spotcheck.calendar.WorkingDays;
import spotcheck.core.Actor;
import spotcheck.core.Log;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.notifications.Audience;
import spotcheck.notifications.NotificationService;
import spotcheck.orgs.Org;
import spotcheck.roster.Inspector;
import spotcheck.store.DueIndex;
import spotcheck.store.Store;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

/**
 * The daily reminder run ({@code REM-YYYY-MM-DD}, the day in Asia/Shanghai): reads what is due from the byDue
 * index (results late, publications and penalty publications due soon or overdue, certificates about to lapse)
 * and the milestone list, works out each reminder's stage with {@link ReminderRules} and its recipients, and
 * delivers it through the {@link Ledger}: an in-app notification per audience and one message per channel,
 * each once. A run repeated, or two at once, sends nothing twice; a failed delivery is tried again by the next
 * run, which also finishes whatever an interrupted run left.
 *
 * <p>Recipients: the task's inspectors (their linked logins), the responsible departments' operators (audience
 * org and role) and, for overdue items, the head of each responsible department (its {@code headAccount}'s login);
 * a department without a head, or an item without a department, escalates to the administrators (audience role
 * admin) instead. The departments' heads are read in one batch read per run.
 */
public final class ReminderRun {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Principal RUNNER = new Principal("reminder-run", "reminder run", "", Set.of());

    public static final String RULE_RESULT = "result";
    public static final String RULE_PUBLICATION = "publication";
    public static final String RULE_PENALTY = "penalty";
    public static final String RULE_CERTIFICATE = "certificate";
    public static final String RULE_MILESTONE = "milestone";

    private final Store store;
    private final TaskService.LiveDraws draws;
    private final ReminderRules rules;
    private final MilestoneService milestones;
    private final NotificationService notifications;
    private final Ledger ledger;
    private final List<Channel> channels;

    public ReminderRun(Store store, TaskService.LiveDraws draws, WorkingDays calendar, ReminderSettings settings,
                       MilestoneService milestones, NotificationService notifications, List<Channel> channels) {
        this.store = store;
        this.draws = draws;
        this.rules = new ReminderRules(calendar, settings);
        this.milestones = milestones;
        this.notifications = notifications;
        this.ledger = new Ledger(store);
        this.channels = List.copyOf(channels);
    }

    /** What one run did: reminders due, deliveries made now, found made already (or another run's), failed. */
    public record Summary(String runId, String day, int reminders, int delivered, int skipped, int failed,
                          long queries, double readUnits) { }

    public static String runId(LocalDate day) {
        return "REM-" + day;
    }

    public Summary run(Instant now, String requestId) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        String runId = runId(today);
        DueReader reader = new DueReader(store);
        List<Reminder> due = collect(today, reader);
        Actor actor = new Actor(RUNNER, requestId);
        int delivered = 0;
        int skipped = 0;
        int failed = 0;
        for (Reminder r : due) {
            for (Audience a : r.audiences()) {
                Optional<Delivery> claim = ledger.claim(r, "app:" + a.key(), runId, now);
                if (claim.isEmpty()) {
                    skipped++;
                    continue;
                }
                try {
                    notifications.post(actor, new NotificationService.Draft(a, r.rule(), r.stage(), r.subjectKind(),
                            r.subjectId(), r.dueDate(), r.title(), r.message()), now, runId);
                    ledger.sent(claim.get(), now);
                    delivered++;
                } catch (RuntimeException e) {
                    ledger.failed(claim.get(), reason(e), now);
                    failed++;
                }
            }
            for (Channel c : channels) {
                Optional<Delivery> claim = ledger.claim(r, c.name(), runId, now);
                if (claim.isEmpty()) {
                    skipped++;
                    continue;
                }
                try {
                    c.send(r);
                    ledger.sent(claim.get(), now);
                    delivered++;
                } catch (Exception e) {
                    ledger.failed(claim.get(), reason(e), now);
                    failed++;
                    Log.warn("reminders.delivery_failed", requestId, "channel", c.name(), "rule", r.rule(),
                            "subject", r.subjectId(), "stage", r.stage(), "reason", reason(e));
                }
            }
        }
        Summary s = new Summary(runId, today.toString(), due.size(), delivered, skipped, failed, reader.queries,
                reader.readUnits);
        Log.info("reminders.run", requestId, "runId", runId, "reminders", s.reminders(), "delivered", delivered,
                "skipped", skipped, "failed", failed);
        return s;
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) : m));
    }

    /** Every reminder due today, in rule order. */
    List<Reminder> collect(LocalDate today, DueReader reader) {
        List<Reminder> out = new ArrayList<>();
        List<DueReader.TaskDue> late = live(reader.tasks(DueIndex.RESULT, rules.resultCutoff(today).toString()));
        List<DueReader.TaskDue> publishing = live(reader.tasks(DueIndex.PUBLICATION,
                rules.dueSoonThrough(today).toString()));
        Set<String> inspectorIds = new TreeSet<>();
        late.forEach(t -> inspectorIds.addAll(t.inspectors()));
        publishing.forEach(t -> inspectorIds.addAll(t.inspectors()));
        Map<String, Inspector> inspectors = inspectorIds.isEmpty() ? Map.of()
                : store.getAll(Inspector.KIND, inspectorIds);
        List<DueReader.PenaltyDue> penalties = reader.penalties(rules.dueSoonThrough(today).toString()).stream()
                .filter(p -> p.publishedAt() == null).toList();
        Set<String> penaltyTaskIds = new TreeSet<>();
        penalties.forEach(p -> {
            if (p.taskId() != null) {
                penaltyTaskIds.add(p.taskId());
            }
        });
        Map<String, Task> penaltyTasks = penaltyTaskIds.isEmpty() ? Map.of()
                : store.getAll(Task.KIND, penaltyTaskIds);

        // the departments whose items are overdue, and their heads: one batch read
        Set<String> overdue = new TreeSet<>();
        late.stream().filter(t -> isOverdue(rules.resultStage(today, LocalDate.parse(t.resultsDue()))))
                .forEach(t -> overdue.addAll(t.departments()));
        publishing.stream().filter(t -> isOverdue(rules.deadlineStage(today, LocalDate.parse(t.publicationDue()))))
                .forEach(t -> overdue.addAll(t.departments()));
        penalties.stream().filter(p -> isOverdue(rules.deadlineStage(today, LocalDate.parse(p.publicationDue()))))
                .forEach(p -> overdue.addAll(departmentsOf(p, penaltyTasks)));
        Map<String, String> heads = heads(overdue);

        for (DueReader.TaskDue t : late) {
            rules.resultStage(today, LocalDate.parse(t.resultsDue())).ifPresent(stage -> out.add(taskReminder(
                    RULE_RESULT, stage, t, t.resultsDue(), "检查结果未按时录入 (results not entered)", inspectors,
                    heads)));
        }
        for (DueReader.TaskDue t : publishing) {
            rules.deadlineStage(today, LocalDate.parse(t.publicationDue())).ifPresent(stage -> out.add(taskReminder(
                    RULE_PUBLICATION, stage, t, t.publicationDue(), Stage.OVERDUE.equals(stage)
                            ? "检查结果公示逾期 (publication overdue)" : "检查结果即将到期公示 (publication due soon)",
                    inspectors, heads)));
        }
        for (DueReader.PenaltyDue p : penalties) {
            List<String> departments = departmentsOf(p, penaltyTasks);
            rules.deadlineStage(today, LocalDate.parse(p.publicationDue())).ifPresent(stage -> {
                Collection<Audience> to = new LinkedHashSet<>();
                departments.forEach(d -> to.add(Audience.orgRole(d, Role.OPERATOR)));
                if (Stage.OVERDUE.equals(stage)) {
                    to.addAll(escalation(departments, heads));
                } else if (to.isEmpty()) {
                    to.add(Audience.role(Role.ADMIN));
                }
                String title = Stage.OVERDUE.equals(stage) ? "行政处罚信息公示逾期 (penalty publication overdue)"
                        : "行政处罚信息即将到期公示 (penalty publication due soon)";
                out.add(new Reminder(RULE_PENALTY, stage, "case", p.caseId(), p.publicationDue(),
                        departments.isEmpty() ? null : departments.get(0), title,
                        title + ": case " + p.caseId() + (p.taskId() == null ? "" : ", task " + p.taskId())
                                + ", due " + p.publicationDue(), List.copyOf(to)));
            });
        }
        for (DueReader.CertificateDue c : reader.certificates(rules.certificateThrough(today).toString())) {
            rules.certificateStage(today, LocalDate.parse(c.certificateValidUntil())).ifPresent(stage -> {
                List<Audience> to = new ArrayList<>();
                if (c.accountId() != null) {
                    to.add(Audience.account(c.accountId()));
                }
                if (c.org() != null) {
                    to.add(Audience.orgRole(c.org(), Role.OPERATOR));
                }
                String title = Stage.OVERDUE.equals(stage) ? "执法证已过期 (certificate expired)"
                        : "执法证即将到期 (certificate expiring)";
                out.add(new Reminder(RULE_CERTIFICATE, stage, "inspector", c.inspectorId(), c.certificateValidUntil(),
                        c.org(), title, title + ": inspector " + c.inspectorId() + ", valid until "
                        + c.certificateValidUntil(), to));
            });
        }
        for (ReminderRules.MilestoneDue m : rules.milestones(today, milestones.get().milestones())) {
            String subject = today.getYear() + "-" + m.milestone().key() + "-" + m.date();
            String title = (Stage.OPENS.equals(m.stage()) ? "工作节点即将开始: " : "工作节点即将截止: ")
                    + m.milestone().name();
            out.add(new Reminder(RULE_MILESTONE, m.stage(), "milestone", subject, m.date().toString(), null, title,
                    title + " (" + m.milestone().key() + ", " + m.date() + ")", List.of(Audience.role(Role.OPERATOR))));
        }
        return out;
    }

    /** Tasks of live draws only: a voided draw's tasks keep their keys, and are skipped (one batch read). */
    private List<DueReader.TaskDue> live(List<DueReader.TaskDue> found) {
        Set<String> drawIds = new TreeSet<>();
        found.forEach(t -> {
            if (t.drawId() != null) {
                drawIds.add(t.drawId());
            }
        });
        if (drawIds.isEmpty()) {
            return found;
        }
        Set<String> voided = draws.voided(drawIds);
        return voided.isEmpty() ? found : found.stream().filter(t -> t.drawId() == null
                || !voided.contains(t.drawId())).toList();
    }

    private static boolean isOverdue(Optional<String> stage) {
        return stage.filter(Stage.OVERDUE::equals).isPresent();
    }

    /** A penalty's responsible departments: those of its task (none without one). */
    private static List<String> departmentsOf(DueReader.PenaltyDue p, Map<String, Task> tasks) {
        Task task = p.taskId() == null ? null : tasks.get(p.taskId());
        return task == null ? List.of() : task.departments();
    }

    /** The heads' logins of those of {@code departments} that have one, by department (one batch read). */
    private Map<String, String> heads(Set<String> departments) {
        if (departments.isEmpty()) {
            return Map.of();
        }
        Map<String, String> heads = new HashMap<>();
        store.getAll(Org.KIND, departments).forEach((id, org) -> {
            if (org.headAccount() != null) {
                heads.put(id, org.headAccount());
            }
        });
        return heads;
    }

    /**
     * Whom an overdue item of {@code departments} escalates to: each department's head, and the administrators for
     * a department without one (or for an item without a department).
     */
    private static Collection<Audience> escalation(List<String> departments, Map<String, String> heads) {
        Collection<Audience> to = new LinkedHashSet<>();
        for (String d : departments) {
            String head = heads.get(d);
            to.add(head == null ? Audience.role(Role.ADMIN) : Audience.account(head));
        }
        if (to.isEmpty()) {
            to.add(Audience.role(Role.ADMIN));
        }
        return to;
    }

    private static Reminder taskReminder(String rule, String stage, DueReader.TaskDue t, String due, String title,
                                         Map<String, Inspector> inspectors, Map<String, String> heads) {
        Collection<Audience> to = new LinkedHashSet<>();
        for (String id : t.inspectors()) {
            Inspector i = inspectors.get(id);
            if (i != null && i.accountId() != null) {
                to.add(Audience.account(i.accountId()));
            }
        }
        t.departments().forEach(d -> to.add(Audience.orgRole(d, Role.OPERATOR)));
        if (Stage.OVERDUE.equals(stage)) {
            to.addAll(escalation(t.departments(), heads));
        }
        return new Reminder(rule, stage, "task", t.taskId(), due, t.departments().isEmpty() ? null
                : t.departments().get(0), title, title + ": task " + t.taskId() + ", plan " + t.planId() + ", due "
                + due, List.copyOf(to));
    }
}
