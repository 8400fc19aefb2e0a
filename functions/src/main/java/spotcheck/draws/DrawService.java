package spotcheck.draws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Env;
import spotcheck.core.Json;
import spotcheck.core.Principal;
import spotcheck.draw.Candidates;
import spotcheck.draw.Draw;
import spotcheck.draw.DrawInput;
import spotcheck.draw.DrawOutcome;
import spotcheck.draw.DrawRecord;
import spotcheck.draw.QuotaRule;
import spotcheck.draw.Seed;
import spotcheck.draw.Verification;
import spotcheck.jobs.Continuation;
import spotcheck.jobs.JobRun;
import spotcheck.jobs.JobRunner;
import spotcheck.jobs.JobState;
import spotcheck.jobs.JobSweeper;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanAccess;
import spotcheck.plans.PlanService;
import spotcheck.plans.PlanStates;
import spotcheck.pool.CandidatePool;
import spotcheck.store.FileStore;
import spotcheck.store.Store;
import spotcheck.tasks.AssignmentRules;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;
import spotcheck.validation.Checks;

/**
 * The draw of a plan ({@code POST /plans/{planId}/draw}), as a job of the {@link JobRunner}: its steps are reading
 * the candidates and computing the draw with the pure core ({@link Draw}), writing the public record and candidate
 * list to the bucket, moving the plan from approved to drawn, and writing the drawn targets' tasks
 * {@value #TASKS_PER_STEP} at a time with deterministic ids, so a draw interrupted anywhere finishes on its next
 * run with the same outcome and no task twice.
 *
 * <p>Exactly one draw per plan: the draw's id is the plan's and its round ({@link DrawJob#idFor}), and the store
 * creates an id once, so of concurrent requests one creates the draw and the others answer 409. A small draw runs
 * within its request; one that has not finished after {@link #INLINE_SLICE_MILLIS}, or whose plan's estimate
 * counts more than {@link #INLINE_CANDIDATES} candidates, goes on in the draw function (202, and
 * {@code GET /draws/{drawId}} to follow it), so no request is held near API Gateway's 29 seconds.
 *
 * <p>The seed is made here, in the request (never at start-up: SnapStart would share it), from a
 * {@link SecureRandom}, with the operator's witness mixed in when given; it is kept with the draw from the start.
 */
public final class DrawService implements TaskService.LiveDraws {
    public static final int TASKS_PER_STEP = 100;
    /** Beyond this many candidates the pool's read alone may take seconds: such draws start in the draw function. */
    public static final int INLINE_CANDIDATES = 20_000;
    /** A request's draw pauses and hands over to the draw function after working this long. */
    public static final long INLINE_SLICE_MILLIS = 15_000;
    /**
     * A draw with no sign of life for this long (its invocation crashed or timed out past Lambda's retries, or the
     * asynchronous invocation that should have started it was lost) is resumed by the job sweeper. Longer than one
     * invocation of the draw function (15 minutes), whose runs show life at every checkpoint.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(20);
    /** Where a draw's public documents are kept in the bucket. */
    static final String PREFIX = "draws/";

    private final Store store;
    private final FileStore files;
    private final String bucket;
    private final PlanService plans;
    private final DrawInputs inputs;
    private final JobRunner runner;
    private final Continuation continuation;
    private final Supplier<SecureRandom> rng;
    private final PlanAccess access = PlanAccess.POLICY;

    public DrawService(Store store, FileStore files, String bucket, PlanService plans, CandidatePool pool,
                       JobRunner runner, Continuation continuation, Supplier<SecureRandom> rng) {
        this.store = store;
        this.files = files;
        this.bucket = bucket;
        this.plans = plans;
        this.inputs = new DrawInputs(store, pool);
        this.runner = runner;
        this.continuation = continuation;
        this.rng = rng;
    }

    /** POST /plans/{planId}/draw body: the optional witness string. */
    public record DrawRequest(String witness) { }

    /** POST /draws/{drawId}/void body: why (4 to 500 characters, trimmed), and the draw's version as read. */
    public record VoidRequest(String reason, Long version) { }

    /** The shortest and longest reason for voiding a draw, in characters once trimmed. */
    public static final int REASON_MIN = 4;
    public static final int REASON_MAX = 500;

    /**
     * A draw as its API shows it: its job, and its record once published and the draw has finished; a record too
     * large for a response is not included, and {@code recordLink} names where it is ({@code /public/draws/{id}}).
     */
    public record DrawView(DrawJob draw, Map<String, Object> record, String recordLink) {
        public DrawView(DrawJob draw, Map<String, Object> record) {
            this(draw, record, null);
        }

        /** Finished, with its record here or linked. */
        public boolean hasRecord() {
            return record != null || recordLink != null;
        }

        /** The record as the draw core reads it. */
        public DrawRecord drawRecord() {
            return record == null ? null : Json.MAPPER.convertValue(record, DrawRecord.class);
        }
    }

    /**
     * A public document of a draw as the API answers it: {@code inline} when it fits a Lambda response, else
     * {@code location}, a presigned URL of the stored document, valid {@link #LINK_VALIDITY}.
     */
    public record PublicDocument(Object inline, String location) { }

    /** How long the link to a large public document stays valid. */
    public static final Duration LINK_VALIDITY = Duration.ofMinutes(15);
    /**
     * Lambda answers at most 6 MB: a public document larger than this ({@code SPOTCHECK_MAX_INLINE_BYTES}, read at
     * each request, default 4 MiB as for exports) is sent as a link to the stored document instead.
     */
    static final long DEFAULT_MAX_INLINE_BYTES = 4L * 1024 * 1024;

    /** What {@code GET /public/draws/{drawId}/verify} answers. */
    public record VerifyResult(boolean verified, String summary, List<String> differences) { }

    /**
     * Draws the plan, by an administrator or an operator of its lead department: the new draw, finished when it
     * was small enough to finish within the request. A plan not approved, or drawn already, answers 409.
     */
    public DrawView draw(Actor actor, String planId, DrawRequest in, String drawFunction) {
        Principal p = actor.principal();
        Plan plan = access.requireVisible(p, store.get(Plan.KIND, planId), planId);
        if (!access.mayApprove(p, plan)) {
            throw DomainException.forbidden("A plan is drawn by an administrator or by its lead department '"
                    + plan.leadDepartment() + "'");
        }
        plan = giveBackIfVoided(actor, plan);
        DrawJob fresh = newDraw(actor, plan, in == null ? null : in.witness());
        try {
            store.create(DrawJob.KIND, fresh, actor, "draw");
        } catch (DomainException taken) {
            if (taken.kind() == DomainException.Kind.CONFLICT) {
                throw alreadyDrawn(planId);
            }
            throw taken;
        }
        String drawId = fresh.drawId();
        JobRunner.Invocation invocation = new JobRunner.Invocation(actor.requestId(), drawFunction,
                () -> event(drawId), () -> Long.MAX_VALUE);
        long estimated = plan.estimate() == null ? 0 : plan.estimate().candidates();
        if (estimated > INLINE_CANDIDATES && invocation.function() != null) {
            continuation.invoke(invocation.function(), invocation.event().get());
            return new DrawView(fresh, null);
        }
        return run(fresh.drawId(), invocation).orElseGet(() -> view(fresh.drawId()));
    }

    /**
     * The job sweeper's rule for draws: one left open past {@link #ABANDONED_AFTER} is resumed, not failed, by
     * invoking {@code drawFunction} with its event. A draw is deterministic from its stored seed, and its steps
     * skip what an earlier run wrote, so the resumed run finishes with the same record and tasks. Each resumption
     * counts as a run toward the job runner's maximum, past which the draw fails ({@code too_many_runs}, shown by
     * {@code GET /draws/{drawId}}).
     */
    public static JobSweeper.Staleness<DrawJob> staleness(String drawFunction) {
        return JobSweeper.Staleness.resumed(DrawJob.KIND, ABANDONED_AFTER, ABANDONED_AFTER,
                new JobSweeper.Resumption<>(drawFunction, j -> event(j.drawId())));
    }

    /** The draw function's event for a draw: which one to run or resume. */
    public static String event(String drawId) {
        return Json.writeString(Map.of("drawId", drawId));
    }

    /** Runs (or resumes) a draw: the draw function's entry. Empty when it has finished already. */
    public Optional<DrawView> run(String drawId, JobRunner.Invocation invocation) {
        DrawJob stored = store.require(DrawJob.KIND, drawId);
        Optional<DrawJob> claimed = runner.claim(DrawJob.KIND, stored, j -> j);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        JobRunner.Outcome<DrawJob> outcome = runner.run(DrawJob.KIND, claimed.get(), new Drawing(), invocation);
        return Optional.of(view(outcome.job()));
    }

    private DrawJob newDraw(Actor actor, Plan plan, String witness) {
        if (!PlanStates.APPROVED.equals(plan.status())) {
            if (PlanStates.DRAFT.equals(plan.status())) {
                throw DomainException.conflict("The plan '" + plan.planId() + "' is a draft: approve it first");
            }
            throw alreadyDrawn(plan.planId());
        }
        int round = 1;
        List<DrawRecord.Voided> earlier = new ArrayList<>();
        for (; round <= DrawJob.MAX_ROUNDS; round++) {
            Optional<DrawJob> before = store.get(DrawJob.KIND, DrawJob.idFor(plan.planId(), round));
            if (before.isEmpty()) {
                break;
            }
            if (!before.get().hasBeenVoided()) {
                throw alreadyDrawn(plan.planId());
            }
            DrawJob.Voiding v = before.get().voided();
            earlier.add(new DrawRecord.Voided(before.get().drawId(), v.reason(), v.at()));
        }
        if (round > DrawJob.MAX_ROUNDS) {
            throw DomainException.conflict("The plan '" + plan.planId() + "' was drawn again after a voided draw"
                    + " already; it cannot be drawn a third time");
        }
        Seed seed = Seed.fresh(rng.get(), witness);
        Principal p = actor.principal();
        String now = store.now();
        return new DrawJob(DrawJob.idFor(plan.planId(), round), plan.planId(), round, seed.hex(), seed.randomHex(),
                seed.witness(), JobState.PENDING, 0, null, null, null, 0, 0, 0, false, 0, null, earlier, List.of(),
                p.subject(), p.org(), p.roles().stream().map(r -> r.claimValue()).toList(), 1, now, null, null, now);
    }

    // ---- voiding -------------------------------------------------------------------------------------------

    /**
     * Voids a finished draw of a plan still {@code drawn} (no inspection began), by an administrator or an
     * operator of the plan's lead department, on the draw's version as read: the draw keeps its record, tasks and
     * public documents and is marked voided (why, when, by whom; audited as {@code void}), and the plan goes back
     * to approved ({@link PlanService#undraw}), for one new draw whose record names this one. A draw that failed
     * is voided the same way, so that its plan may be drawn again: its plan goes back to approved if the draw had
     * moved it to drawn, and stays approved otherwise. The last round's draw ({@link DrawJob#MAX_ROUNDS}) is not
     * voided (409): its plan could never be drawn again.
     *
     * <p>Two writes, the draw's first: a request interrupted between them leaves a voided draw and a plan still
     * drawn, which the same request sent again finishes (an identical void of a voided draw answers as the first
     * did and changes nothing else), as does a draw request on the plan. Voiding a voided draw for another reason
     * answers 409.
     */
    public DrawView voidDraw(Actor actor, String drawId, VoidRequest in) {
        Principal p = actor.principal();
        DrawJob job = store.get(DrawJob.KIND, drawId).orElseThrow(() -> notFound(drawId));
        Plan plan = access.requireVisible(p, store.get(Plan.KIND, job.planId()), job.planId());
        if (!access.mayApprove(p, plan)) {
            throw DomainException.forbidden("A draw is voided by an administrator or by its plan's lead department '"
                    + plan.leadDepartment() + "'");
        }
        VoidRequest body = in == null ? new VoidRequest(null, null) : in;
        String reason = body.reason() == null ? null : body.reason().trim();
        Checks checks = new Checks().required("version", body.version());
        int length = reason == null ? 0 : reason.codePointCount(0, reason.length());
        if (length < REASON_MIN) {
            checks.problem("reason", reason == null || reason.isEmpty()
                    ? "reason is required: say why the draw is voided (" + REASON_MIN + " to " + REASON_MAX
                            + " characters)"
                    : "reason is shorter than " + REASON_MIN + " characters");
        } else {
            checks.optionalText("reason", reason, REASON_MAX);
        }
        checks.throwIfAny("The voiding is not valid");
        if (job.hasBeenVoided()) {
            if (!job.voided().reason().equals(reason)) {
                throw DomainException.conflict("The draw '" + drawId + "' was voided already, at "
                        + job.voided().at() + ": a draw is voided once");
            }
            giveBack(actor, job);
            return view(drawId);
        }
        if (job.round() >= DrawJob.MAX_ROUNDS) {
            throw DomainException.conflict("The draw '" + drawId + "' is the plan's draw of round " + job.round()
                    + ", its last: a plan is drawn at most " + DrawJob.MAX_ROUNDS + " times, so this draw is not"
                    + " voided (the plan could never be drawn again)");
        }
        if (!job.state().finished()) {
            throw DomainException.conflict("The draw '" + drawId + "' has not finished: void it once it has");
        }
        boolean failed = job.error() != null;
        if (!PlanStates.DRAWN.equals(plan.status()) && !(failed && PlanStates.APPROVED.equals(plan.status()))) {
            throw DomainException.conflict(PlanStates.IN_PROGRESS.equals(plan.status())
                    || PlanStates.COMPLETED.equals(plan.status())
                    ? "The plan '" + plan.planId() + "' is " + plan.status() + ": its inspections began, and its"
                            + " draw can no longer be voided"
                    : "The plan '" + plan.planId() + "' is " + plan.status() + ", not drawn: its draw cannot be"
                            + " voided");
        }
        Store.requireVersion(DrawJob.KIND, job, body.version());
        String now = store.now();
        DrawJob after = job.voided(new DrawJob.Voiding(reason, now, p.subject()), job.version() + 1, now);
        store.update(DrawJob.KIND, job, after, actor, "void");
        giveBack(actor, after);
        return view(drawId);
    }

    /**
     * The plan as it should be: a plan still drawn whose latest draw is voided (a voiding interrupted before the
     * plan moved) is given back first, so it is drawn again as if the voiding had finished.
     */
    private Plan giveBackIfVoided(Actor actor, Plan plan) {
        if (!PlanStates.DRAWN.equals(plan.status())) {
            return plan;
        }
        Optional<DrawJob> last = latest(plan.planId());
        if (last.isEmpty() || !last.get().hasBeenVoided()) {
            return plan;
        }
        giveBack(actor, last.get());
        return store.require(Plan.KIND, plan.planId());
    }

    /**
     * The plan of a voided draw back to approved, unless it is so already (a repeated request, or one that ran
     * alongside) or a later draw of it owns it now.
     */
    private void giveBack(Actor actor, DrawJob voided) {
        if (store.get(DrawJob.KIND, DrawJob.idFor(voided.planId(), voided.round() + 1)).isPresent()) {
            return;
        }
        Plan plan = store.require(Plan.KIND, voided.planId());
        if (!PlanStates.DRAWN.equals(plan.status())) {
            return;
        }
        try {
            plans.undraw(actor, plan.planId(), plan.version());
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.CONFLICT
                    || PlanStates.DRAWN.equals(store.require(Plan.KIND, plan.planId()).status())) {
                throw e;
            }
        }
    }

    /** The plan's latest draw, voided or not. */
    private Optional<DrawJob> latest(String planId) {
        for (int round = DrawJob.MAX_ROUNDS; round >= 1; round--) {
            Optional<DrawJob> d = store.get(DrawJob.KIND, DrawJob.idFor(planId, round));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    static DomainException alreadyDrawn(String planId) {
        return DomainException.conflict("The plan '" + planId + "' has been drawn already: a plan is drawn once"
                + " (void its draw to draw it again)");
    }

    /** The steps of a draw. */
    private final class Drawing implements JobRunner.Work<DrawJob> {
        @Override
        public DrawJob run(JobRun<DrawJob> run) {
            DrawJob job = run.job();
            Plan plan = store.require(Plan.KIND, job.planId());
            DrawRecord record;
            if (job.recordKey() == null) {
                run.beforeStep();
                record = compute(run, plan);
            } else {
                record = readRecord(job);
            }
            if (!run.job().planMoved()) {
                Plan now = store.require(Plan.KIND, job.planId());
                if (PlanStates.APPROVED.equals(now.status())) {
                    plans.move(run.actor(), now.planId(), now.version(), PlanStates.DRAWN);
                }
                run.save(DrawJob::withPlanMoved);
            }
            List<DrawRecord.Target> targets = record.targets();
            for (int from = run.job().tasksWritten(); from < targets.size(); from += TASKS_PER_STEP) {
                int to = Math.min(targets.size(), from + TASKS_PER_STEP);
                run.beforeStep();
                writeTasks(run, plan, record, targets.subList(from, to), to);
                run.afterStep(j -> j.withTasksWritten(to));
            }
            return run.job().withTasksWritten(targets.size());
        }
    }

    private DrawRecord compute(JobRun<DrawJob> run, Plan plan) {
        DrawJob job = run.job();
        DrawInputs.Read read = inputs.read(plan);
        DrawInput input = new DrawInput(plan.planId(), Seed.parse(job.seed(), job.random(), job.witness()),
                quotas(plan), plan.inspectorsPerTarget(), plan.joint() ? plan.departments() : List.of(),
                read.candidates());
        DrawOutcome outcome = Draw.run(input);
        DrawRecord made = DrawRecord.publish(job.drawId(), Instant.parse(job.createdAt()), input, outcome);
        DrawRecord record = new DrawRecord(made.algorithm(), made.drawId(), made.planId(), made.drawnAt(),
                made.seed(), made.random(), made.witness(), made.inspectorsPerTarget(), made.departments(),
                made.strata(), made.candidatesSha256(), made.targets(), job.earlier());
        String candidatesKey = PREFIX + job.drawId() + "/candidates.json";
        String recordKey = PREFIX + job.drawId() + "/record.json";
        files.upload(bucket, candidatesKey, Json.write(read.candidates()), "application/json");
        files.upload(bucket, recordKey, Json.write(record), "application/json");
        int unassigned = (int) record.targets().stream().filter(t -> t.unassigned() != null).count();
        run.save(j -> j.published(recordKey, candidatesKey, read.candidates().targets().size(),
                record.targets().size(), unassigned));
        return record;
    }

    static List<QuotaRule> quotas(Plan plan) {
        List<QuotaRule> rules = new ArrayList<>();
        plan.quota().forEach((stratum, rule) -> rules.add(rule.asDrawRule(stratum)));
        return rules;
    }

    /** One step: the tasks of these targets, those an interrupted run wrote already listed again, not rewritten. */
    private void writeTasks(JobRun<DrawJob> run, Plan plan, DrawRecord record, List<DrawRecord.Target> chunk,
                            int upTo) {
        String now = store.now();
        Map<String, DrawRecord.Target> byId = new LinkedHashMap<>();
        chunk.forEach(t -> byId.put(Task.drawnId(record.drawId(), t.id()), t));
        Map<String, Task> written = store.getAll(Task.KIND, byId.keySet());
        List<Task> created = new ArrayList<>();
        List<Task> resumed = new ArrayList<>();
        byId.forEach((id, t) -> {
            Task before = written.get(id);
            if (before != null) {
                resumed.add(before);
            } else {
                created.add(new Task(id, Task.RANDOM, plan.year(), plan.planId(), record.drawId(), t.id(),
                        t.stratum(), plan.items(), plan.departments(), t.inspectors(),
                        t.unassigned() == null ? Task.ASSIGNED : Task.UNASSIGNED, t.unassigned(), false, null, null,
                        null, null, null, null, plan.endDate(), null, null, 1, now, now));
            }
        });
        store.createAll(Task.KIND, created, resumed, run.actor(), new Store.ImportChunk(record.drawId(), upTo, now));
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** GET /draws/{drawId}: for whoever may read its plan. */
    public DrawView get(Principal reader, String drawId) {
        DrawJob job = store.get(DrawJob.KIND, drawId).orElseThrow(() -> notFound(drawId));
        access.requireVisible(reader, store.get(Plan.KIND, job.planId()), job.planId());
        return view(job);
    }

    /** The public record of a draw whose record is written; the voiding of a voided one is stated with it. */
    public Map<String, Object> publicRecord(String drawId) {
        return publicRecord(published(drawId));
    }

    /**
     * As the public sees it: written as the draw core's JSON, nulls included (a rule not used is null), then, when
     * there are any, what happened to it since, which the verification does not read: {@code void} (why and when;
     * not who, an account) and {@code manual} (inspectors assigned by hand: target, inspector ids, when).
     */
    private Map<String, Object> publicRecord(DrawJob job) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = Json.MAPPER.convertValue(readRecord(job), LinkedHashMap.class);
        if (job.hasBeenVoided()) {
            Map<String, Object> voiding = new LinkedHashMap<>();
            voiding.put("reason", job.voided().reason());
            voiding.put("at", job.voided().at());
            record.put("void", voiding);
        }
        if (!job.manual().isEmpty()) {
            record.put("manual", job.manual());
        }
        return record;
    }

    public Candidates candidates(String drawId) {
        return read(published(drawId).candidatesKey(), Candidates.class);
    }

    /**
     * {@code GET /public/draws/{drawId}/candidates}: the candidate list, or a link to it when it is too large for a
     * response (a provincial roster's list runs to tens of megabytes).
     */
    public PublicDocument publicCandidates(String drawId) {
        DrawJob job = published(drawId);
        return large(job.candidatesKey()).map(url -> new PublicDocument(null, url))
                .orElseGet(() -> new PublicDocument(read(job.candidatesKey(), Candidates.class), null));
    }

    /**
     * {@code GET /public/draws/{drawId}}: the record, or a link to it when it is too large for a response. The
     * record of a voided draw is always answered inline, with its voiding stated, which the stored record lacks.
     */
    public PublicDocument publicRecordDocument(String drawId) {
        DrawJob job = published(drawId);
        Optional<String> link = job.hasBeenVoided() ? Optional.empty() : large(job.recordKey());
        return link.map(url -> new PublicDocument(null, url))
                .orElseGet(() -> new PublicDocument(publicRecord(job), null));
    }

    /** A presigned link to the stored document when it is larger than a response may carry. */
    private Optional<String> large(String key) {
        return tooLarge(key) ? Optional.of(files.presignGet(bucket, key, LINK_VALIDITY)) : Optional.empty();
    }

    private boolean tooLarge(String key) {
        long limit = Long.parseLong(Env.get("SPOTCHECK_MAX_INLINE_BYTES", Long.toString(DEFAULT_MAX_INLINE_BYTES))
                .trim());
        try {
            return files.size(bucket, key) > limit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recomputes the draw from its two published documents and compares. */
    public VerifyResult verify(String drawId) {
        DrawJob job = published(drawId);
        Verification.Report report = Verification.verify(readRecord(job), read(job.candidatesKey(),
                Candidates.class));
        return new VerifyResult(report.verified(), report.summary(),
                report.differences().stream().map(Verification.Difference::describe).toList());
    }

    @Override
    public Optional<String> liveDraw(String planId) {
        return latest(planId).filter(d -> !d.hasBeenVoided()).map(DrawJob::drawId);
    }

    @Override
    public Set<String> voided(Collection<String> drawIds) {
        return DrawJob.voidedAmong(store, drawIds);
    }

    @Override
    public Optional<String> whyNotAssignable(String drawId) {
        DrawJob job = store.require(DrawJob.KIND, drawId);
        if (job.hasBeenVoided()) {
            return Optional.of(voidedMessage(drawId));
        }
        if (!JobState.SUCCEEDED.equals(job.status())) {
            return Optional.of("The draw '" + drawId + "' has not finished writing its tasks: assign inspectors by"
                    + " hand once it has");
        }
        return Optional.empty();
    }

    /**
     * Lists the task's hand assignment, as stored now, with its draw (audited as {@code assign}): one entry per
     * target, replaced by a later assignment, none added twice. Assignments to other targets of the draw made at
     * the same time change the draw too: a stale write is read again and retried. A voided draw gains no entry:
     * 409, whether it was voided before the task's assignment was checked or since (the draw's write is made on
     * the version read, so a voiding in between makes it read the draw again and refuse).
     */
    @Override
    public void assignedByHand(Actor actor, Task task) {
        for (int attempt = 1; ; attempt++) {
            Task current = store.get(Task.KIND, task.taskId()).orElse(task);
            if (!current.manual() || current.drawId() == null) {
                return;
            }
            DrawJob job = store.require(DrawJob.KIND, current.drawId());
            if (job.hasBeenVoided()) {
                throw DomainException.conflict(voidedMessage(job.drawId()));
            }
            DrawJob.ManualAssignment entry = new DrawJob.ManualAssignment(current.targetId(), current.inspectors(),
                    current.updatedAt(), AssignmentRules.drawChose(current));
            if (job.manual().contains(entry)) {
                return;
            }
            try {
                store.update(DrawJob.KIND, job, job.withManual(entry, job.version() + 1, store.now()), actor,
                        "assign");
                return;
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.CONFLICT || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static String voidedMessage(String drawId) {
        return "The draw '" + drawId + "' was voided: its tasks are no longer its plan's";
    }

    private DrawView view(String drawId) {
        return view(store.require(DrawJob.KIND, drawId));
    }

    private DrawView view(DrawJob job) {
        if (!job.state().finished() || job.recordKey() == null) {
            return new DrawView(job, null);
        }
        if (!job.hasBeenVoided() && tooLarge(job.recordKey())) {
            return new DrawView(job, null, "/public/draws/" + job.drawId());
        }
        return new DrawView(job, publicRecord(job));
    }

    private DrawJob published(String drawId) {
        return store.get(DrawJob.KIND, drawId).filter(j -> j.recordKey() != null && j.state().finished()
                && j.error() == null).orElseThrow(() -> notFound(drawId));
    }

    private DrawRecord readRecord(DrawJob job) {
        return read(job.recordKey(), DrawRecord.class);
    }

    private <T> T read(String key, Class<T> type) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("draw-", ".json");
            files.download(bucket, key, null, tmp);
            try (InputStream in = Files.newInputStream(tmp)) {
                return Json.readDocument(in, type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    static DomainException notFound(String drawId) {
        return DomainException.notFound("No draw with id '" + drawId + "'");
    }
}
