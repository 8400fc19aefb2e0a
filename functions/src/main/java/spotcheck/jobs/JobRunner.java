package spotcheck.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Env;
import spotcheck.core.Log;
import spotcheck.store.EntityKind;
import spotcheck.store.Store;

/**
 * Runs jobs of any kind in resumable steps: it claims a job for a run, hands the kind's {@link Work} a
 * {@link JobRun} to checkpoint its steps with, and ends the job, succeeded or failed, with its audit record. A run
 * whose invocation is running out of time saves its checkpoint and asks the {@link Continuation} for a new
 * invocation with the same event, which claims the job again and resumes; Lambda's own retries are left for
 * crashes. A run that another run has taken over (a repeated event, a retry) finds out at its next check or
 * checkpoint, and stops without writing more.
 */
public final class JobRunner {
    /** Each run moves a job on by at least one step, so more runs than this are a loop, not progress: it fails. */
    public static final int MAX_ATTEMPTS = 100;
    static final Failure TOO_MANY_RUNS = new Failure("too_many_runs", "任务已运行 " + MAX_ATTEMPTS
            + " 次仍未完成，已停止。(The job ran " + MAX_ATTEMPTS + " times without finishing and was stopped.)");

    private final Store store;
    private final Continuation continuation;
    private final Clock clock;
    private final Supplier<Rhythm> rhythm;

    /**
     * How a run paces itself: a checkpoint at least every {@code checkpointEveryMillis}, and a stop (checkpoint,
     * then a new invocation) when fewer than {@code stopWhenRemainingMillis} of the invocation remain or it has
     * worked for {@code sliceMillis}. The defaults suit a function with a 15-minute timeout.
     */
    public record Rhythm(long checkpointEveryMillis, long stopWhenRemainingMillis, long sliceMillis) {
        public static Rhythm defaults() {
            return new Rhythm(5_000, 30_000, Long.MAX_VALUE);
        }

        /**
         * The defaults, the slice from {@code SPOTCHECK_JOB_SLICE_MILLIS} when set (the local stack's tests use it
         * to make a long job continue several times). Read at each run, not at init.
         */
        public static Rhythm fromEnvironment() {
            String slice = Env.get("SPOTCHECK_JOB_SLICE_MILLIS", null);
            Rhythm d = defaults();
            return slice == null ? d : new Rhythm(d.checkpointEveryMillis(), d.stopWhenRemainingMillis(),
                    Long.parseLong(slice.trim()));
        }
    }

    /**
     * The invocation a run is part of: its request id, the function's name, the event that started it (made only
     * if the run has to continue) and the time it has left.
     */
    public record Invocation(String requestId, String function, Supplier<String> event,
                             LongSupplier remainingMillis) { }

    /** How a run ended: the job finished (succeeded or failed), paused to continue, or was taken over. */
    public enum Ending { FINISHED, PAUSED, SUPERSEDED }

    /** A run's end and the job as it left it. */
    public record Outcome<J>(Ending ending, J job) { }

    /** What a kind of job does; the runner does the rest. */
    public interface Work<J extends Job<J>> {
        /**
         * Runs the job from its checkpoint to its end, step by step through {@code run}; answers the job as it ends
         * (its results), or throws {@link JobFailure} when it cannot finish. Infrastructure errors escape: the
         * invocation fails and Lambda's retry resumes from the last checkpoint.
         */
        J run(JobRun<J> run) throws JobFailure;

        /** The job as it fails, with results of its kind (a report saying why); unchanged by default. */
        default J failing(J job, Failure failure) {
            return job;
        }
    }

    public JobRunner(Store store, Continuation continuation, Clock clock, Supplier<Rhythm> rhythm) {
        this.store = store;
        this.continuation = continuation;
        this.clock = clock;
        this.rhythm = rhythm;
    }

    /**
     * Takes a job for a new run: creates it from {@code fresh} (version 0) when it is not stored yet, or moves it to
     * running with the next attempt and version, so that an older run finds out it was superseded. {@code adopt}
     * lets the kind complete its record first (an import pins the object version of its first run). Empty when the
     * job has finished: a repeated event changes nothing.
     */
    public <J extends Job<J>> Optional<J> claim(EntityKind<J> kind, J fresh, UnaryOperator<J> adopt) {
        for (int tries = 0; tries < 5; tries++) {
            Optional<J> stored = store.get(kind, fresh.id());
            if (stored.isPresent() && stored.get().state().finished()) {
                return Optional.empty();
            }
            J before = stored.orElse(null);
            J base = stored.orElse(fresh);
            J job = adopt.apply(base).withState(base.state().claimed(now()));
            if (store.checkpoint(kind, before, job)) {
                return Optional.of(job);
            }
            // another run claimed or changed it between our read and write: read again
        }
        throw new IllegalStateException("could not claim " + kind.auditName() + " " + fresh.id() + " after 5 tries");
    }

    /** Runs a claimed job until it ends, pauses to continue in a new invocation, or is taken over. */
    public <J extends Job<J>> Outcome<J> run(EntityKind<J> kind, J claimed, Work<J> work, Invocation invocation) {
        JobRun<J> run = new JobRun<>(store, kind, claimed, new Actor(claimed.requester(), invocation.requestId()),
                invocation, rhythm.get(), clock);
        String name = kind.auditName() + "/" + claimed.id();
        try {
            if (claimed.state().attempt() > MAX_ATTEMPTS) {
                return end(kind, run, work.failing(claimed, TOO_MANY_RUNS), TOO_MANY_RUNS);
            }
            J last;
            try {
                last = work.run(run);
            } catch (JobFailure f) {
                return end(kind, run, work.failing(run.job(), f.failure()), f.failure());
            }
            return end(kind, run, last, null);
        } catch (Superseded s) {
            Log.info("job.superseded", invocation.requestId(), "job", name);
            return new Outcome<>(Ending.SUPERSEDED, run.job());
        } catch (Paused p) {
            if (invocation.function() == null) {
                throw new IllegalStateException(name + " paused, but this invocation has no function to continue in");
            }
            continuation.invoke(invocation.function(), invocation.event().get());
            Log.info("job.continued", invocation.requestId(), "job", name, "attempt", run.job().state().attempt());
            return new Outcome<>(Ending.PAUSED, run.job());
        }
    }

    /** Records the end of a run's job and its audit record together (the new status is the audit action). */
    private <J extends Job<J>> Outcome<J> end(EntityKind<J> kind, JobRun<J> run, J last, Failure why) {
        J done = last.withState(run.job().state().ended(why, now()));
        try {
            store.update(kind, run.job(), done, run.actor(), done.state().status());
        } catch (DomainException conflict) {
            throw new Superseded();
        }
        return new Outcome<>(Ending.FINISHED, done);
    }

    /**
     * Ends an open job as failed at {@code at}, with its audit record in {@code actor}'s name (the sweeper's).
     * False, having changed nothing, when the job moved on meanwhile: a run that finishes concurrently wins.
     */
    public <J extends Job<J>> boolean fail(EntityKind<J> kind, J job, Failure why, Actor actor, Instant at) {
        J failed = job.withState(job.state().ended(why, at.toString()));
        try {
            store.update(kind, job, failed, actor, JobState.FAILED);
            return true;
        } catch (DomainException moved) {
            return false;
        }
    }

    /**
     * Resumes an open job that nobody works on any more in a new invocation of {@code function} with
     * {@code event}, for a kind whose runs can be repeated from their checkpoint (a draw: deterministic from its
     * stored seed). The resumption is recorded first, with its audit record in {@code actor}'s name: one more
     * attempt (so a job that keeps dying fails after {@link #MAX_ATTEMPTS} runs; one there already fails now, with
     * {@code too_many_runs}), and a sign of life at {@code at}. Answers what was done: {@code RESUMED},
     * {@code FAILED}, or {@code MOVED} (nothing changed: a run moved the job on meanwhile, and wins).
     */
    public <J extends Job<J>> Resumption resume(EntityKind<J> kind, J job, Actor actor, Instant at, String function,
                                                String event) {
        if (job.state().attempt() >= MAX_ATTEMPTS) {
            return fail(kind, job, TOO_MANY_RUNS, actor, at) ? Resumption.FAILED : Resumption.MOVED;
        }
        J resumed = job.withState(job.state().resumed(at.toString()));
        try {
            store.update(kind, job, resumed, actor, "resumed");
        } catch (DomainException moved) {
            return Resumption.MOVED;
        }
        continuation.invoke(function, event);
        return Resumption.RESUMED;
    }

    /** What {@link #resume} did. */
    public enum Resumption { RESUMED, FAILED, MOVED }

    private String now() {
        return clock.instant().toString();
    }

    /** Another run took the job over: this one stops. */
    static final class Superseded extends RuntimeException {
        Superseded() {
            super("the job was taken over by another run", null, false, false);
        }
    }

    /** The invocation's time is running out; the checkpoint is saved. */
    static final class Paused extends RuntimeException {
        Paused() {
            super("the run paused to continue in a new invocation", null, false, false);
        }
    }
}
