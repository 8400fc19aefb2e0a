package spotcheck.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.calendar.WorkingDays;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.notifications.Notification;
import spotcheck.notifications.NotificationService;
import spotcheck.orgs.Org;
import spotcheck.roster.Inspector;
import spotcheck.store.MemoryStore;
import spotcheck.store.Store;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

/** The run over the in-memory store: what is due, to whom, voided draws skipped, a channel failing then recovering. */
class ReminderRunTest {
    private static final Instant AT = Instant.parse("2026-09-30T01:00:00Z");
    private final MemoryStore store = new MemoryStore(Clock.fixed(AT, ZoneOffset.UTC));
    private final Actor seed = new Actor(new Principal("seed", "", "", Set.of()), "-");
    private final TaskService.LiveDraws draws = new TaskService.LiveDraws() {
        @Override
        public Optional<String> liveDraw(String planId) {
            return Optional.empty();
        }

        @Override
        public Set<String> voided(Collection<String> drawIds) {
            return drawIds.stream().filter(id -> id.endsWith("VOID")).collect(Collectors.toSet());
        }

        @Override
        public Optional<String> whyNotAssignable(String drawId) {
            return Optional.empty();
        }

        @Override
        public void assignedByHand(Actor actor, Task task) { }
    };

    /** Records what it was sent; fails while {@code failing}. */
    private static final class Recorder implements Channel {
        final List<String> sent = new ArrayList<>();
        boolean failing;

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public void send(Reminder r) throws Exception {
            if (failing) {
                throw new java.io.IOException("the webhook answered HTTP 500");
            }
            sent.add(r.key());
        }
    }

    private ReminderRun run(Channel channel) {
        return run(store, channel);
    }

    private ReminderRun run(Store store, Channel channel) {
        NotificationService notifications = new NotificationService(store);
        return new ReminderRun(store, draws, new WorkingDays(OfficialCalendars.bundled()), ReminderSettings.defaults(),
                new MilestoneService(store), notifications, List.of(channel));
    }

    private Task task(String id, String drawId, String resultsDue) {
        return task(id, drawId, resultsDue, "dept-a");
    }

    private Task task(String id, String drawId, String resultsDue, String department) {
        return new Task(id, Task.RANDOM, 2026, "PLN-1", drawId, "TGT-1", "A", List.of("ITEM-1"),
                List.of(department), List.of("INS-1", "INS-2"), Task.ASSIGNED, null, false, null, null, null, null, null,
                null, resultsDue, null, List.of(), 1, AT.toString(), AT.toString());
    }

    @Test
    void lateResultsOfLiveDrawsOnlyToInspectorsOperatorsAndAdministratorsOnceEvenAfterAFailure() {
        store.create(Inspector.KIND, new Inspector("INS-1", "甲", "dept-a", "C1", "2028-01-01", List.of("ITEM-1"),
                List.of(), "active", null, List.of(), "acct-1", null, 1, AT.toString(), AT.toString()), seed);
        store.create(Inspector.KIND, new Inspector("INS-2", "乙", "dept-a", "C2", "2026-10-10", List.of("ITEM-1"),
                List.of(), "active", null, List.of(), null, null, 1, AT.toString(), AT.toString()), seed);
        store.create(Task.KIND, task("TSK-LIVE", "DRW-LIVE", "2026-09-22"), seed);
        store.create(Task.KIND, task("TSK-VOIDED", "DRW-VOID", "2026-09-22"), seed);
        store.create(Task.KIND, task("TSK-NOT-YET", "DRW-LIVE", "2026-09-23"), seed);
        Recorder webhook = new Recorder();
        webhook.failing = true;

        ReminderRun.Summary first = run(webhook).run(AT, "r1");
        assertThat(first.reminders()).isEqualTo(2);
        // in-app: the late task to acct-1, dept-a's operators and the administrators; the certificate of INS-2 to
        // dept-a's operators (INS-2 has no login)
        assertThat(first.delivered()).isEqualTo(4);
        assertThat(first.failed()).isEqualTo(2);
        assertThat(webhook.sent).isEmpty();

        webhook.failing = false;
        ReminderRun.Summary second = run(webhook).run(AT, "r2");
        assertThat(second.delivered()).isEqualTo(2);
        assertThat(second.skipped()).isEqualTo(4);
        assertThat(webhook.sent).containsExactlyInAnyOrder("result|TSK-LIVE|overdue",
                "certificate|INS-2|due_soon");
        ReminderRun.Summary third = run(webhook).run(AT, "r3");
        assertThat(third.delivered()).isZero();
        assertThat(webhook.sent).hasSize(2);

        NotificationService notes = new NotificationService(store);
        assertThat(notes.list(new Principal("acct-1", "", "dept-a", Set.of(Role.INSPECTOR)), false, 50, null).items())
                .extracting(Notification::subjectId).containsExactly("TSK-LIVE");
        assertThat(notes.list(new Principal("op", "", "dept-a", Set.of(Role.OPERATOR)), false, 50, null).items())
                .extracting(n -> n.rule() + " " + n.subjectId())
                .containsExactlyInAnyOrder("result TSK-LIVE", "certificate INS-2");
        assertThat(notes.list(new Principal("boss", "", "hy-bureau", Set.of(Role.ADMIN)), false, 50, null).items())
                .extracting(Notification::subjectId).containsExactly("TSK-LIVE");
    }

    @Test
    void milestonesFromTheEditableListGoToEveryOperator() {
        Recorder webhook = new Recorder();
        new MilestoneService(store).put(new Actor(new Principal("admin", "", "hy-bureau", Set.of(Role.ADMIN)), "-"),
                new MilestoneService.MilestonesInput(List.of(new Milestone("report", "年度总结", null, "10-09")), 0L));
        ReminderRun.Summary s = run(webhook).run(AT, "r1");
        assertThat(s.reminders()).isEqualTo(1);
        assertThat(webhook.sent).containsExactly("milestone|2026-report-2026-10-09|due_soon");
        assertThat(new NotificationService(store).list(new Principal("op", "", "any-dept", Set.of(Role.OPERATOR)),
                true, 50, null).items()).extracting(Notification::title).containsExactly("工作节点即将截止: 年度总结");
    }

    private static spotcheck.cases.Case penalty(String id, String due, String publishedAt) {
        return new spotcheck.cases.Case(id, "TSK-LIVE", 2026, "TGT-1", spotcheck.cases.Case.PENALTY, "open",
                "2026-09-20", "拒不配合检查", null, "河林罚〔2026〕1号", "罚款", "罚款五千元", "dept-a", due, publishedAt,
                null, null, null, null, 1, AT.toString(), AT.toString());
    }

    @Test
    void penaltyPublicationsDueSoonOrLateGoToTheTasksDepartmentUnlessPublishedByHand() {
        store.create(Task.KIND, task("TSK-LIVE", "DRW-LIVE", "2026-12-31"), seed);
        // 2026-09-30: due 10-09 is within 3 working days (10-08, 10-09); 09-29 is past; 10-12 is not yet due
        store.create(spotcheck.cases.Case.KIND, penalty("CASE-SOON", "2026-10-09", null), seed);
        store.create(spotcheck.cases.Case.KIND, penalty("CASE-LATE", "2026-09-29", null), seed);
        store.create(spotcheck.cases.Case.KIND, penalty("CASE-LATER", "2026-10-12", null), seed);
        // published by hand, still waiting for a batch to export it: not late
        store.create(spotcheck.cases.Case.KIND, penalty("CASE-DONE", "2026-09-29", "2026-09-28T02:00:00Z"), seed);
        Recorder webhook = new Recorder();

        ReminderRun.Summary s = run(webhook).run(AT, "r1");
        assertThat(webhook.sent).containsExactlyInAnyOrder("penalty|CASE-SOON|due_soon", "penalty|CASE-LATE|overdue");
        assertThat(s.reminders()).isEqualTo(2);
        assertThat(new NotificationService(store).list(new Principal("op", "", "dept-a", Set.of(Role.OPERATOR)),
                false, 50, null).items()).extracting(n -> n.rule() + " " + n.subjectId() + " " + n.stage())
                .containsExactlyInAnyOrder("penalty CASE-SOON due_soon", "penalty CASE-LATE overdue");
        // the late one escalates to the administrators
        assertThat(new NotificationService(store).list(new Principal("boss", "", "hy-bureau", Set.of(Role.ADMIN)),
                false, 50, null).items()).extracting(Notification::subjectId).containsExactly("CASE-LATE");
    }

    @Test
    void anOverdueItemEscalatesToItsDepartmentsHeadOnceAndToTheAdministratorsWhereThereIsNone() {
        store.create(Org.KIND, new Org("dept-a", "资源科", "department", "hy-bureau", null, "head-a", "active", 1,
                AT.toString(), AT.toString()), seed);
        store.create(Org.KIND, new Org("dept-b", "保护科", "department", "hy-bureau", null, null, "active", 1,
                AT.toString(), AT.toString()), seed);
        store.create(Task.KIND, task("TSK-A", "DRW-LIVE", "2026-09-22", "dept-a"), seed);
        store.create(Task.KIND, task("TSK-B", "DRW-LIVE", "2026-09-22", "dept-b"), seed);
        // due soon, not overdue: nobody above dept-c hears of it, and dept-c is not read
        store.create(spotcheck.cases.Case.KIND, penalty("CASE-SOON", "2026-10-09", null), seed);
        store.create(Task.KIND, task("TSK-LIVE", "DRW-LIVE", "2026-12-31", "dept-c"), seed);
        List<String> orgReads = new ArrayList<>();
        Store counted = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] == Org.KIND) {
                        orgReads.add(method.getName() + " " + (args[1] instanceof Collection<?> ids
                                ? new TreeSet<>(ids) : args[1]));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        Recorder webhook = new Recorder();
        ReminderRun.Summary first = run(counted, webhook).run(AT, "r1");
        // in-app: TSK-A to dept-a's operators and its head; TSK-B to dept-b's operators and the administrators; the
        // penalty to dept-c's operators. And each to the webhook.
        assertThat(first.reminders()).isEqualTo(3);
        assertThat(first.delivered()).isEqualTo(5 + 3);
        assertThat(orgReads).containsExactly("getAll [dept-a, dept-b]");
        ReminderRun.Summary second = run(counted, webhook).run(AT, "r2");
        assertThat(second.delivered()).isZero();
        assertThat(orgReads).hasSize(2);

        NotificationService notes = new NotificationService(store);
        assertThat(notes.list(new Principal("head-a", "", "dept-a", Set.of(Role.INSPECTOR)), false, 50, null).items())
                .extracting(n -> n.rule() + " " + n.stage() + " " + n.subjectId())
                .containsExactly("result overdue TSK-A");
        assertThat(notes.list(new Principal("boss", "", "hy-bureau", Set.of(Role.ADMIN)), false, 50, null).items())
                .extracting(n -> n.rule() + " " + n.stage() + " " + n.subjectId())
                .containsExactly("result overdue TSK-B");
    }
}
