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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

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

    /** POST /draws/{drawId}/void body. */
    public record VoidRequest(String reason) { }

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
                seed.witness(), JobState.PENDING, 0, null, null, null, 0, 0, 0, false, 0, null, earlier,
                p.subject(), p.org(), p.roles().stream().map(r -> r.claimValue()).toList(), 1, now, null, null, now);
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
                        null, null, 1, now, now));
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

    /** As the public sees it: written as the draw core's JSON, nulls included (a rule not used is null). */
    private Map<String, Object> publicRecord(DrawJob job) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = Json.MAPPER.convertValue(readRecord(job), LinkedHashMap.class);
        if (job.hasBeenVoided()) {
            record.put("void", job.voided());
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
        for (int round = DrawJob.MAX_ROUNDS; round >= 1; round--) {
            Optional<DrawJob> d = store.get(DrawJob.KIND, DrawJob.idFor(planId, round));
            if (d.isPresent()) {
                return d.get().hasBeenVoided() ? Optional.empty() : Optional.of(d.get().drawId());
            }
        }
        return Optional.empty();
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
