package spotcheck.reminders;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.store.Store;

/** The milestone list: read by anyone signed in, replaced by administrators (versioned, audited, kept). */
public final class MilestoneService {
    private final Store store;

    public MilestoneService(Store store) {
        this.store = store;
    }

    public record MilestonesInput(List<Milestone> milestones, Long version) { }

    public Milestones get() {
        return store.get(Milestones.KIND, Milestones.ID).orElseGet(Milestones::defaults);
    }

    public Milestones put(Actor actor, MilestonesInput in) {
        if (in == null || in.milestones() == null) {
            throw DomainException.invalid("milestones", "milestones is required");
        }
        if (in.version() == null) {
            throw DomainException.invalid("version", "version is required (0 before any list was set)");
        }
        List<DomainException.Detail> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < in.milestones().size(); i++) {
            Milestone m = in.milestones().get(i);
            String at = "milestones[" + i + "]";
            if (m == null || m.key() == null || m.key().isBlank() || !keys.add(m.key())) {
                problems.add(new DomainException.Detail(at + ".key", "a unique key is required"));
                continue;
            }
            if (m.name() == null || m.name().isBlank()) {
                problems.add(new DomainException.Detail(at + ".name", "name is required"));
            }
            if (!monthDay(m.through())) {
                problems.add(new DomainException.Detail(at + ".through", "through must be a month-day MM-DD"));
            }
            if (m.from() != null && !monthDay(m.from())) {
                problems.add(new DomainException.Detail(at + ".from", "from must be a month-day MM-DD"));
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid("The milestone list is not valid", problems);
        }
        Milestones current = get();
        if (current.version() != in.version()) {
            throw DomainException.conflict("The milestone list was changed by someone else; read it again and retry"
                    + " (current version " + current.version() + ")");
        }
        String now = store.now();
        if (current.version() == 0) {
            Milestones created = new Milestones(Milestones.ID, in.milestones(), 1, now, now);
            store.create(Milestones.KIND, created, actor);
            return created;
        }
        Milestones after = new Milestones(Milestones.ID, in.milestones(), current.version() + 1,
                current.createdAt(), now);
        store.update(Milestones.KIND, current, after, actor, "update");
        return after;
    }

    private static boolean monthDay(String s) {
        if (s == null || !s.matches("\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            MonthDay.parse("--" + s);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
