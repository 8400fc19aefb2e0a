package spotcheck.jobs;

import java.time.Clock;
import java.util.function.UnaryOperator;
import spotcheck.core.Actor;
import spotcheck.store.EntityKind;
import spotcheck.store.Store;
import spotcheck.store.Versioned;

/**
 * One run of a job, as its kind's {@link JobRunner.Work} sees it: the job as last saved, who it acts for, and the
 * calls that make its steps resumable. A step is a unit of work the kind can redo after a crash (an import's chunk
 * of rows); its progress is a change of the kind's checkpoint fields, saved without an audit record.
 */
public final class JobRun<J extends Job<J>> {
    /** Every this many steps (the first included), a run reads whether the job is still its own. */
    static final int STEPS_PER_CHECK = 10;

    private final Store store;
    private final EntityKind<J> kind;
    private final Actor actor;
    private final JobRunner.Invocation invocation;
    private final JobRunner.Rhythm rhythm;
    private final Clock clock;
    private final long startedNanos = System.nanoTime();
    private long savedNanos = startedNanos;
    private long steps;
    private J job;

    JobRun(Store store, EntityKind<J> kind, J job, Actor actor, JobRunner.Invocation invocation,
           JobRunner.Rhythm rhythm, Clock clock) {
        this.store = store;
        this.kind = kind;
        this.job = job;
        this.actor = actor;
        this.invocation = invocation;
        this.rhythm = rhythm;
        this.clock = clock;
    }

    /** The job as last saved by this run. */
    public J job() {
        return job;
    }

    /** The requester, in this invocation: what the job's writes are recorded as. */
    public Actor actor() {
        return actor;
    }

    /** Stops this run (it unwinds to the runner) when another run has taken the job over. */
    public void requireStillOurs() {
        long stored = store.get(kind, job.id()).map(Versioned::version).orElse(-1L);
        if (stored != job.version()) {
            throw new JobRunner.Superseded();
        }
    }

    /** Before a step: every tenth step, a run taken over stops here (a read per ten steps). */
    public void beforeStep() {
        if (steps++ % STEPS_PER_CHECK == 0) {
            requireStillOurs();
        }
    }

    /**
     * After a step: saves {@code progress} when a checkpoint is due. When the invocation's time is running out it
     * saves it and stops the run, which the runner continues in a new invocation.
     */
    public void afterStep(UnaryOperator<J> progress) {
        long now = System.nanoTime();
        boolean late = invocation.remainingMillis().getAsLong() < rhythm.stopWhenRemainingMillis()
                || (now - startedNanos) / 1_000_000 >= rhythm.sliceMillis();
        if (late || (now - savedNanos) / 1_000_000 > rhythm.checkpointEveryMillis()) {
            save(progress);
            if (late) {
                throw new JobRunner.Paused();
            }
        }
    }

    /** Saves {@code progress} now: a conditional write on the version this run holds, without audit. */
    public void save(UnaryOperator<J> progress) {
        J next = progress.apply(job).withState(job.state().saved(clock.instant().toString()));
        if (!store.checkpoint(kind, job, next)) {
            throw new JobRunner.Superseded();
        }
        job = next;
        savedNanos = System.nanoTime();
    }
}
