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
 * Ends or resumes jobs nobody is working on any more: a running job whose last sign of life is older than any run
 * can take (its function crashed, its continuation was lost), or a pending one that never started (an upload that
 * never came, an asynchronous invocation that was lost). The rule is the kind's ({@link Staleness}): a kind whose
 * runs repeat exactly from their checkpoint (a draw, deterministic from its stored seed) is resumed through
 * {@link JobRunner#resume} in a new invocation of its function, counting as a run toward the runner's maximum;
 * any other is failed through {@link JobRunner#fail}. Either is audited, a failure with a reason its requester can
 * read. Open jobs
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

    /**
     * When an open job of a kind counts as abandoned, and what happens then: failed, with what its requester reads
     * ({@code stalled}, {@code neverStarted}), or, when the kind has a {@code resumption}, resumed.
     */
    public record Staleness<J extends Job<J>>(EntityKind<J> kind, Duration runningFor, Failure stalled,
                                              Duration pendingFor, Failure neverStarted,
                                              Resumption<J> resumption) {
        /** A kind whose abandoned jobs fail. */
        public Staleness(EntityKind<J> kind, Duration runningFor, Failure stalled, Duration pendingFor,
                         Failure neverStarted) {
            this(kind, runningFor, stalled, pendingFor, neverStarted, null);
        }

        /** A kind whose abandoned jobs, running or pending, are resumed in {@code resumption}'s function. */
        public static <J extends Job<J>> Staleness<J> resumed(EntityKind<J> kind, Duration runningFor,
                                                              Duration pendingFor, Resumption<J> resumption) {
            return new Staleness<>(kind, runningFor, null, pendingFor, null, resumption);
        }
    }

    /** How a job of a resumable kind goes on: the function to invoke and the event (JSON) for the job. */
    public record Resumption<J>(String function, Function<J, String> event) { }

    /** What a sweep did: the jobs it failed and those it resumed ({@code draw/DRW-…}). */
    public record Swept(List<String> failed, List<String> resumed) { }

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
        return sweepAll(now, requestId).failed();
    }

    /** Fails or resumes every job left open too long as of {@code now}, each as its kind's rule says. */
    public Swept sweepAll(Instant now, String requestId) {
        Actor actor = new Actor(SWEEPER, requestId);
        List<String> failed = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        for (Staleness<?> s : kinds) {
            sweep(s, now, actor, failed, resumed);
        }
        return new Swept(List.copyOf(failed), List.copyOf(resumed));
    }

    private <J extends Job<J>> void sweep(Staleness<J> s, Instant now, Actor actor, List<String> failed,
                                          List<String> resumed) {
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
                if (!beat.plus(pending ? s.pendingFor() : s.runningFor()).isBefore(now)) {
                    continue;
                }
                String name = s.kind().auditName() + "/" + job.id();
                if (s.resumption() != null) {
                    JobRunner.Resumption done = runner.resume(s.kind(), job, actor, now, s.resumption().function(),
                            s.resumption().event().apply(job));
                    if (done != JobRunner.Resumption.MOVED) {
                        (done == JobRunner.Resumption.RESUMED ? resumed : failed).add(name);
                        Log.info("job.swept", actor.requestId(), "job", name, "status", job.state().status(),
                                "lastSignOfLife", job.state().updatedAt(), "outcome", done.name().toLowerCase(
                                        java.util.Locale.ROOT), "attempt", job.state().attempt());
                    }
                } else if (runner.fail(s.kind(), job, pending ? s.neverStarted() : s.stalled(), actor, now)) {
                    failed.add(name);
                    Log.info("job.swept", actor.requestId(), "job", name, "status", job.state().status(),
                            "lastSignOfLife", job.state().updatedAt());
                }
            }
            next = page.next();
        } while (next != null);
    }
}
