package spotcheck.jobs;

/**
 * Where a job stands, whatever its kind: its status, the number of runs that have claimed it, why it failed, its
 * version, when it started, its last sign of life ({@code updatedAt}: claims and checkpoints move it on) and when it
 * finished. Instants as ISO-8601 strings, as entities record them.
 */
public record JobState(String status, long attempt, Failure failure, long version, String startedAt,
                       String updatedAt, String finishedAt) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    /** Claimed by a new run: running, its attempt and version one more. */
    JobState claimed(String now) {
        return new JobState(RUNNING, attempt + 1, failure, version + 1, startedAt == null ? now : startedAt, now,
                finishedAt);
    }

    /** A checkpoint: the next version, alive now. */
    JobState saved(String now) {
        return new JobState(status, attempt, failure, version + 1, startedAt, now, finishedAt);
    }

    /**
     * Resumed by the sweeper in a new invocation: the same status, one more attempt (a resumption counts as a run
     * toward {@link JobRunner#MAX_ATTEMPTS}), the next version, and alive now, so the next sweep leaves it alone.
     */
    JobState resumed(String now) {
        return new JobState(status, attempt + 1, failure, version + 1, startedAt, now, finishedAt);
    }

    /** The end: succeeded, or failed with a reason. */
    JobState ended(Failure why, String now) {
        return new JobState(why == null ? SUCCEEDED : FAILED, attempt, why, version + 1, startedAt, now, now);
    }
}
