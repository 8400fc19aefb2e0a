package spotcheck.draws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
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
import spotcheck.store.Store;

/**
 * One draw of a plan, and the job that makes it ({@code GET /draws/{drawId}} shows it). Its id is
 * {@code DRW-} + the plan's id without {@code PLAN-} + {@code -} + the round (1, or 2 after a voided draw), so
 * creating it is the plan's one-draw lock: two requests for the same plan create the same id, and the store lets
 * exactly one of them do it (the other answers 409). The seed is made in the request and kept here from the start,
 * so a draw that is interrupted resumes with the same seed. Its checkpoint: where the published record and
 * candidate list are ({@code recordKey}, {@code candidatesKey}, set once they are written), whether the plan has
 * moved to drawn, and how many of the drawn targets' tasks are written, in draw order.
 *
 * <p>After it finished, two things may happen to it, each an audited update: it may be {@code voided} (why, when,
 * by whom), which gives its plan back for the next round, and its tasks may be given inspectors by hand, listed
 * in {@code manual} (one entry per target, the latest). Neither changes its published record. The last round's draw
 * ({@link #MAX_ROUNDS}) is not voided: its plan could never be drawn again.
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
        List<ManualAssignment> manual,
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

    /** Why and when a draw was voided, and by whom (an account's sub: the public record leaves it out). */
    public record Voiding(String reason, String at, String by) { }

    /**
     * Inspectors a department assigned by hand to one of the draw's tasks (a target the draw left unassigned, or
     * whose inspectors were replaced before any result): the target, the inspectors and when, and
     * {@code replacedDrawn: true} where they replace inspectors the draw itself chose (for a reason kept on the
     * task, never published: it may name a person). The public record lists them in its {@code manual} section,
     * beside the computed targets it leaves unchanged.
     */
    public record ManualAssignment(String targetId, List<String> inspectors, String at, Boolean replacedDrawn) {
        public ManualAssignment {
            inspectors = inspectors == null ? List.of() : List.copyOf(inspectors);
            replacedDrawn = Boolean.TRUE.equals(replacedDrawn) ? Boolean.TRUE : null;
        }

        /** An assignment to a target the draw left without inspectors. */
        public ManualAssignment(String targetId, List<String> inspectors, String at) {
            this(targetId, inspectors, at, null);
        }
    }

    public DrawJob {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        manual = manual == null ? List.of() : List.copyOf(manual);
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
                manual, requestedBy, requestedOrg, requestedRoles, s.version(), createdAt, s.startedAt(),
                s.finishedAt(), s.updatedAt());
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

    /**
     * Which of these draws were voided, in one batch read: the one answer to "is this draw voided" for whatever
     * reads tasks in bulk (task lists, a draw's inputs, the statistics; tasks ask through
     * {@code TaskService.LiveDraws#voided}). Ids of no stored draw are not voided.
     */
    public static Set<String> voidedAmong(Store store, Collection<String> drawIds) {
        Set<String> ids = new HashSet<>();
        drawIds.forEach(id -> {
            if (id != null) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> voided = new HashSet<>();
        store.getAll(KIND, ids).values().forEach(d -> {
            if (d.hasBeenVoided()) {
                voided.add(d.drawId());
            }
        });
        return voided;
    }

    /** Its record and candidate list are written: they are the draw's from now on. */
    DrawJob published(String newRecordKey, String newCandidatesKey, int n, int k, int withoutInspectors) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, newRecordKey,
                newCandidatesKey, n, k, withoutInspectors, planMoved, tasksWritten, voided, earlier, manual,
                requestedBy, requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    DrawJob withPlanMoved() {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, true, tasksWritten, voided, earlier, manual,
                requestedBy, requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    DrawJob withTasksWritten(int written) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, planMoved, written, voided, earlier, manual,
                requestedBy, requestedOrg, requestedRoles, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    /**
     * The draw with this target's manual assignment as given: the one entry of the target replaced (or added at
     * the end), so a repeated or retried assignment leaves exactly one entry per target, the latest.
     */
    DrawJob withManual(ManualAssignment m, long newVersion, String now) {
        List<ManualAssignment> list = new ArrayList<>(manual);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).targetId().equals(m.targetId())) {
                at = i;
            }
        }
        if (at >= 0) {
            list.set(at, m);
        } else {
            list.add(m);
        }
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, planMoved, tasksWritten, voided, earlier, list,
                requestedBy, requestedOrg, requestedRoles, newVersion, createdAt, startedAt, finishedAt, now);
    }

    DrawJob voided(Voiding why, long newVersion, String now) {
        return new DrawJob(drawId, planId, round, seed, random, witness, status, attempt, error, recordKey,
                candidatesKey, candidates, targets, unassigned, planMoved, tasksWritten, why, earlier, manual,
                requestedBy, requestedOrg, requestedRoles, newVersion, createdAt, startedAt, finishedAt, now);
    }
}
