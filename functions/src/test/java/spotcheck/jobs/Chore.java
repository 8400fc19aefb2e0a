package spotcheck.jobs;

import java.util.Set;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.store.EntityKind;

/** A kind of job for the tests: counts from 1 to {@code total}, one step a number; {@code done} is its checkpoint. */
public record Chore(String choreId, String status, long attempt, Failure failure, long total, long done,
                    String result, String requestedBy, long version, String startedAt, String updatedAt,
                    String finishedAt) implements Job<Chore> {

    public static final EntityKind<Chore> KIND = new EntityKind<>("CHR", "chore", Chore.class, false)
            .withIndexKeys(JobSweeper.openJobKeys("CHR"));

    /** A job not stored yet (version 0), as a first event makes it. */
    static Chore fresh(String id, long total) {
        return new Chore(id, JobState.PENDING, 0, null, total, 0, null, "op-1", 0, null, null, null);
    }

    @Override
    public String id() {
        return choreId;
    }

    @Override
    public JobState state() {
        return new JobState(status, attempt, failure, version, startedAt, updatedAt, finishedAt);
    }

    @Override
    public Chore withState(JobState s) {
        return new Chore(choreId, s.status(), s.attempt(), s.failure(), total, done, result, requestedBy, s.version(),
                s.startedAt(), s.updatedAt(), s.finishedAt());
    }

    @Override
    public Principal requester() {
        return new Principal(requestedBy, "", "hy-forest", Set.of(Role.OPERATOR));
    }

    Chore at(long n) {
        return new Chore(choreId, status, attempt, failure, total, n, result, requestedBy, version, startedAt,
                updatedAt, finishedAt);
    }

    Chore withResult(String r) {
        return new Chore(choreId, status, attempt, failure, total, done, r, requestedBy, version, startedAt,
                updatedAt, finishedAt);
    }
}
