package spotcheck.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import spotcheck.core.Actor;
import spotcheck.core.Log;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.store.EntityKind;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;

/**
 * Ends jobs nobody is working on any more: a running job whose last sign of life is older than any run can take
 * (its function crashed, its continuation was lost), or a pending one that never started (an upload that never
 * came). Each is failed through {@link JobRunner#fail}, audited, with a reason its requester can read. Open jobs
 * are found in the sparse {@code byOpenJob} index, oldest sign of life first, so a sweep reads only the stale
 * ones and the first fresh one. A repeated sweep finds nothing more to do.
 */
public final class JobSweeper {
    /** Index attributes of an open job: its kind's prefix, and its last sign of life in a fixed-width form. */
    public static final String OPEN_JOB = "openJob";
    public static final String HEARTBEAT = "heartbeat";
    private static final DateTimeFormatter BEAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Principal SWEEPER = new Principal("job-sweeper", "job sweeper", "", Set.of());
    private static final int PAGE = 100;

    /** When an open job of a kind counts as abandoned, and what its requester reads then. */
    public record Staleness<J extends Job<J>>(EntityKind<J> kind, Duration runningFor, Failure stalled,
                                              Duration pendingFor, Failure neverStarted) { }

    private final Store store;
    private final JobRunner runner;
    private final List<Staleness<?>> kinds;

    public JobSweeper(Store store, JobRunner runner, List<Staleness<?>> kinds) {
        this.store = store;
        this.runner = runner;
        this.kinds = List.copyOf(kinds);
    }

    /** A kind's index keys ({@link EntityKind#withIndexKeys}): present while its jobs are pending or running. */
    public static <J extends Job<J>> Function<J, Map<String, String>> openJobKeys(String prefix) {
        return job -> {
            JobState s = job.state();
            if (s.finished() || s.updatedAt() == null) {
                return Map.of();
            }
            return Map.of(OPEN_JOB, prefix, HEARTBEAT, BEAT.format(Instant.parse(s.updatedAt())));
        };
    }

    /** Fails every job left open too long as of {@code now}; answers them ({@code import/IMP-…}). */
    public List<String> sweep(Instant now, String requestId) {
        Actor actor = new Actor(SWEEPER, requestId);
        List<String> failed = new ArrayList<>();
        for (Staleness<?> s : kinds) {
            sweep(s, now, actor, failed);
        }
        return failed;
    }

    private <J extends Job<J>> void sweep(Staleness<J> s, Instant now, Actor actor, List<String> failed) {
        ListIndex open = new ListIndex(Tables.BY_OPEN_JOB_INDEX, OPEN_JOB, s.kind().prefix(), HEARTBEAT, null);
        Duration shortest = s.runningFor().compareTo(s.pendingFor()) < 0 ? s.runningFor() : s.pendingFor();
        Instant freshFrom = now.minus(shortest);
        String next = null;
        do {
            Page<J> page = store.list(s.kind(), open, List.of(), PAGE, next);
            for (J job : page.items()) {
                Instant beat = Instant.parse(job.state().updatedAt());
                if (!beat.isBefore(freshFrom)) {
                    return; // oldest first: the rest are fresher still
                }
                boolean pending = JobState.PENDING.equals(job.state().status());
                if (beat.plus(pending ? s.pendingFor() : s.runningFor()).isBefore(now)
                        && runner.fail(s.kind(), job, pending ? s.neverStarted() : s.stalled(), actor, now)) {
                    String name = s.kind().auditName() + "/" + job.id();
                    failed.add(name);
                    Log.info("job.swept", actor.requestId(), "job", name, "status", job.state().status(),
                            "lastSignOfLife", job.state().updatedAt());
                }
            }
            next = page.next();
        } while (next != null);
    }
}
