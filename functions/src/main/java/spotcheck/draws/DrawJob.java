package spotcheck.draws;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draw.DrawRecord;
import spotcheck.jobs.Failure;
import spotcheck.jobs.Job;
import spotcheck.jobs.JobState;
import spotcheck.jobs.JobSweeper;
import spotcheck.store.EntityKind;

/**
 * One draw of a plan, and the job that makes it ({@code GET /draws/{drawId}} shows it). Its id is
 * {@code DRW-} + the plan's id without {@code PLAN-} + {@code -} + the round (1, or 2 after a voided draw), so
 * creating it is the plan's one-draw lock: two requests for the same plan create the same id, and the store lets
 * exactly one of them do it (the other answers 409). The seed is made in the request and kept here from the start,
 * so a draw that is interrupted resumes with the same seed. Its checkpoint: where the published record and
 * candidate list are ({@code recordKey}, {@code candidatesKey}, set once they are written), whether the plan has
 * moved to drawn, and how many of the drawn targets' tasks are written, in draw order.
 */
public record DrawJob(
        String drawId,
        String planId,
        int round,
        String seed,
        String random,
        String witness,
        String status,
        long attempt,
        Failure error,
        String recordKey,
        String candidatesKey,
        int candidates,
        int targets,
        int unassigned,
        boolean planMoved,
        int tasksWritten,
        Voiding voided,
        List<DrawRecord.Voided> earlier,
        String requestedBy,
        String requestedOrg,
        List<String> requestedRoles,
        long version,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt) implements Job<DrawJob> {

    /** Open draws are in the byOpenJob index, where the job sweeper finds those nobody works on any more. */
    public static final EntityKind<DrawJob> KIND = new EntityKind<>("DRW", "draw", DrawJob.class, false)
            .withIndexKeys(JobSweeper.openJobKeys("DRW"));
    /** A plan is drawn at most twice: once, and once more after that draw was voided. */
    public static final int MAX_ROUNDS = 2;

    /** Why and when a draw was voided, and by whom. */
    public record Voiding(String reason, String at, String by) { }

    public DrawJob {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        requestedRoles = requestedRoles == null ? List.of() : List.copyOf(requestedRoles);
    }

    public static String idFor(String planId, int round) {
        return "DRW-" + planId.substring("PLAN-".length()) + "-" + round;
    }

    @Override
    public String id() {
        return drawId;
    }

    @Override
    public JobState state() {
        return new JobState(status, attempt, error, version, startedAt, updatedAt, finishedAt);
    }

    @Override
    public DrawJob withState(JobState s) {
        return new DrawJob(drawId, planId, round, seed, random, witness, s.status(), s.attempt(), s.failure(),
                recordKey, candidatesKey, candidates, targets, unassigned, planMoved, tasksWritten, voided, earlier,
                requestedBy, requestedOrg, requestedRoles, s.version(), createdAt, s.startedAt(), s.finishedAt(),
                s.updatedAt());
    }

    @Override
    public Principal requester() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        requestedRoles.forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        return new Principal(requestedBy, "", requestedOrg == null ? "" : requestedOrg, roles);
    }

    public boolean hasBeenVoided() {
        return voided != null;
    }

    /** Its record and candidate list are written: they are the draw's from now on. */
    DrawJob published(String newRecordKey, String newCandidatesKey, int n, int k, int withoutInspectors) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, newRecordKey,
                newCandidatesKey, n, k, withoutInspectors, planMoved, tasksWritten, voided, earlier, requestedBy,
                requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    DrawJob withPlanMoved() {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, true, tasksWritten, voided, earlier, requestedBy,
                requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    DrawJob withTasksWritten(int written) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, planMoved, written, voided, earlier, requestedBy,
                requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    DrawJob voided(Voiding why, long newVersion, String now) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, planMoved, tasksWritten, why, earlier, requestedBy,
                requestedOrg, requestedRoles, newVersion, createdAt, startedAt, finishedAt, now);
    }
}
