package spotcheck.publication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.core.SealedCursors;
import spotcheck.jobs.JobRun;
import spotcheck.jobs.JobRunner;
import spotcheck.jobs.JobSweeper;
import spotcheck.orgs.Org;
import spotcheck.plans.Plan;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.DueIndex;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.FileStore;
import spotcheck.store.Store;
import spotcheck.store.Tables;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;
import spotcheck.validation.Checks;
import spotcheck.validation.CreditCode;
import spotcheck.validation.Text;

/**
 * Publication (一公开): a reviewed result published by hand ({@link #publish}) or by the daily run when due
 * ({@link #run}), the public lists of published results ({@link #publicResults}), and the daily batches that export
 * what was published since the last one ({@link #batches}, {@link #batch}). Every public record is made by the one
 * {@link Redactor}.
 *
 * <p>Publishing by hand is for an administrator or an operator of the plan's lead department (of the task's first
 * department for a problem-driven task), never by the account that entered the result nor by one of the task's
 * inspectors (403: {@link TaskService#ownWork}, the rule of review too); a task the caller may not see is a 404. Only a
 * {@code reviewed} result to be published may be; publishing one that is published already answers 200 with the task as
 * it is and writes nothing (a retry after a lost answer is not an error); any other state is a 409 that says why.
 */
public final class PublicationService {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Duration LINK_VALIDITY = Duration.ofMinutes(15);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int PAGE = 100;
    private static final int MARK_CHUNK = 25;
    /** A batch without a sign of life for this long is abandoned (see {@link #staleness}). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(20);
    /**
     * The most ids one batch collects of one source. A batch keeps the ids it exports in its own item (DynamoDB's
     * item limit is 400 KB, about 8,000-10,000 ids), so after a very big day the rest stay in the source's waiting
     * list for the next day's batch rather than making the batch's checkpoint too big to write.
     */
    static final int MAX_IDS_PER_SOURCE = 5_000;

    /** POST /tasks/{taskId}/publish body: the task's version as read. */
    public record PublishInput(Long version) { }

    /** GET /publications/{batchId}: the batch, and a presigned download link of each file it wrote. */
    public record BatchView(PublicationBatch batch, List<Download> downloads) { }

    /** One file of a batch: its source, format, key in the bucket and a link valid for 15 minutes. */
    public record Download(String source, String format, String key, String url) { }

    private final Store store;
    private final TaskService tasks;
    private final TaskService.LiveDraws draws;
    private final Redactor redactor;
    private final FileStore files;
    private final String bucket;
    private final JobRunner jobs;
    private final List<RowSource> sources;
    private final int maxIdsPerSource;
    /** The deployment secret public list cursors are sealed under (read when first needed). */
    private final Supplier<byte[]> cursorSecret;

    public PublicationService(Store store, TaskService tasks, TaskService.LiveDraws draws, ResultLabels labels,
                              FileStore files, String bucket, JobRunner jobs, Supplier<byte[]> cursorSecret) {
        this(store, tasks, draws, new Redactor(labels), files, bucket, jobs, List.of(), MAX_IDS_PER_SOURCE,
                cursorSecret);
    }

    private PublicationService(Store store, TaskService tasks, TaskService.LiveDraws draws, Redactor redactor,
                               FileStore files, String bucket, JobRunner jobs, List<RowSource> more,
                               int maxIdsPerSource, Supplier<byte[]> cursorSecret) {
        this.cursorSecret = cursorSecret;
        this.store = store;
        this.tasks = tasks;
        this.draws = draws;
        this.redactor = redactor;
        this.files = files;
        this.bucket = bucket;
        this.jobs = jobs;
        List<RowSource> all = new ArrayList<>();
        all.add(new ResultRows(this));
        all.addAll(more);
        this.sources = List.copyOf(all);
        this.maxIdsPerSource = maxIdsPerSource;
    }

    /**
     * The same service, its batches also exporting {@code source}'s records as a file of their own (the follow-up
     * capability's penalty decisions, for instance).
     */
    public PublicationService withSource(RowSource source) {
        List<RowSource> more = new ArrayList<>(sources.subList(1, sources.size()));
        more.add(source);
        return new PublicationService(store, tasks, draws, redactor, files, bucket, jobs, more, maxIdsPerSource,
                cursorSecret);
    }

    /** The same service, its batches collecting at most {@code max} ids of each source (tests use a small one). */
    PublicationService withMaxIdsPerSource(int max) {
        return new PublicationService(store, tasks, draws, redactor, files, bucket, jobs,
                sources.subList(1, sources.size()), max, cursorSecret);
    }

    List<RowSource> sources() {
        return sources;
    }

    // ---- publishing ------------------------------------------------------------------------------------------

    /** Publishes a reviewed result now, on the version read (see the class comment for who and when). */
    public Task publish(Actor actor, String taskId, PublishInput in) {
        Principal p = actor.principal();
        Task task = tasks.get(p, taskId);
        Plan plan = task.planId() == null ? null : store.require(Plan.KIND, task.planId());
        requirePublisher(p, task, plan);
        tasks.ownWork(p, task).ifPresent(why -> {
            throw DomainException.forbidden(why + ": another person publishes it");
        });
        if (Task.PUBLISHED.equals(task.status())) {
            return task;
        }
        Checks checks = new Checks();
        checks.required("version", in == null ? null : in.version());
        checks.throwIfAny("The publication is not valid");
        if (task.drawId() != null && !draws.voided(List.of(task.drawId())).isEmpty()) {
            throw DomainException.conflict("The task '" + taskId + "' belongs to a voided draw: its result is kept"
                    + " for the record and is not published");
        }
        whyNotPublishable(task).ifPresent(why -> {
            throw DomainException.conflict(why);
        });
        Store.requireVersion(Task.KIND, task, in.version());
        String now = store.now();
        Task after = PublishedTasks.published(task, now, now);
        store.update(Task.KIND, task, after, actor, "publish");
        return after;
    }

    /** Why a task's result may not be published now, or empty when it may. */
    static Optional<String> whyNotPublishable(Task t) {
        String id = t.taskId();
        return switch (t.status()) {
            case Task.REVIEWED -> t.result() == null || !t.result().publish()
                    ? Optional.of("The result of task '" + id + "' is not to be made public")
                    : Optional.empty();
            case Task.EXEMPT -> Optional.of("The result of task '" + id + "' is exempt from publication (its reason"
                    + " is kept): it is never public");
            case Task.ENTERED, Task.RETURNED -> Optional.of("The result of task '" + id + "' is " + t.status()
                    + ": it is published once it has been reviewed");
            default -> Optional.of("Task '" + id + "' has no result yet (it is " + t.status() + ")");
        };
    }

    /** 403 unless the caller may publish: an administrator, or an operator of the plan's lead department. */
    private static void requirePublisher(Principal p, Task task, Plan plan) {
        String owner = plan != null ? plan.leadDepartment()
                : task.departments().isEmpty() ? null : task.departments().get(0);
        if (!p.has(Role.ADMIN) && !(p.has(Role.OPERATOR) && owner != null && owner.equals(p.org()))) {
            throw DomainException.forbidden("Results are published by an administrator or by "
                    + (plan != null ? "the plan's lead department '" : "the task's first department '") + owner + "'");
        }
    }

    /**
     * The daily run's publication of one due task at {@code at}, if it is still a reviewed result to be published:
     * a task changed meanwhile is read again (a concurrent run or a hand publication wins, and this one skips it).
     */
    boolean publishDue(Actor actor, Task task, String at) {
        Task t = task;
        for (int tries = 0; tries < 3 && t != null; tries++) {
            if (!Task.REVIEWED.equals(t.status()) || t.result() == null || !t.result().publish()) {
                return false;
            }
            try {
                store.update(Task.KIND, t, PublishedTasks.published(t, at, store.now()), actor, "publish");
                return true;
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.CONFLICT) {
                    throw e;
                }
                t = store.get(Task.KIND, t.taskId()).orElse(null);
            }
        }
        return false;
    }

    /** Marks published results as exported in {@code batchId}; those marked already (or not public) are left. */
    void markExported(Actor actor, String batchId, List<String> ids) {
        Map<String, Task> found = store.getAll(Task.KIND, ids);
        for (String id : ids) {
            Task t = found.get(id);
            for (int tries = 0; tries < 3 && t != null; tries++) {
                if (!Task.PUBLISHED.equals(t.status()) || t.result() == null || t.result().publicationBatch() != null) {
                    break;
                }
                try {
                    store.update(Task.KIND, t, PublishedTasks.exported(t, batchId, store.now()), actor, "export");
                    break;
                } catch (DomainException e) {
                    if (e.kind() != DomainException.Kind.CONFLICT) {
                        throw e;
                    }
                    t = store.get(Task.KIND, id).orElse(null);
                }
            }
        }
    }

    // ---- public records --------------------------------------------------------------------------------------

    /**
     * One page of published results, by the target's credit code or by plan (exactly one of the two), each read
     * from its sparse public index: an unknown code or plan is an empty page, never a 404. A voided draw's tasks
     * are left out ({@link #records}), so a page may hold fewer than {@code limit} and still have a {@code next}.
     * The {@code next} cursor is sealed ({@link SealedCursors}).
     */
    public Page<PublicResult> publicResults(String creditCode, String planId, int limit, String next) {
        String code = Text.blankToNull(creditCode);
        String plan = Text.blankToNull(planId);
        if ((code == null) == (plan == null)) {
            throw DomainException.invalid("creditCode", "name the results to list: ?creditCode= or ?planId=");
        }
        ListIndex index = code != null
                ? new ListIndex(Tables.BY_COUNTY_INDEX, "countyKey", Task.PUBLIC_PREFIX + CreditCode.normalize(code),
                        "entitySort", null)
                : new ListIndex(Tables.BY_RISK_INDEX, "riskKey", Task.PUBLIC_PREFIX + plan.trim(), "riskSort", null);
        // the index's last key holds task ids (and so a target's id): the public sees it sealed
        String start = next == null || next.isBlank() ? null : SealedCursors.open(cursorSecret.get(), next);
        Page<Task> page = store.list(Task.KIND, index, List.of(), limit, start);
        return new Page<>(records(page.items()),
                page.next() == null ? null : SealedCursors.seal(cursorSecret.get(), page.next()));
    }

    /**
     * The public records of these tasks (those that are public), in their order; names read in batches. A voided
     * draw's tasks are left out (one batch read of their draws, {@link TaskService.LiveDraws#voided}): its results
     * are kept for the record, and are not public.
     */
    List<PublicResult> records(List<Task> list) {
        List<Task> candidates = list.stream().filter(Redactor::isPublic).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> drawIds = candidates.stream().map(Task::drawId).filter(java.util.Objects::nonNull).distinct()
                .toList();
        Set<String> voided = drawIds.isEmpty() ? Set.of() : draws.voided(drawIds);
        List<Task> published = candidates.stream().filter(t -> t.drawId() == null || !voided.contains(t.drawId()))
                .toList();
        if (published.isEmpty()) {
            return List.of();
        }
        Set<String> planIds = new LinkedHashSet<>();
        Set<String> targetIds = new LinkedHashSet<>();
        Set<String> itemIds = new LinkedHashSet<>();
        published.forEach(t -> {
            if (t.planId() != null) {
                planIds.add(t.planId());
            }
            targetIds.add(t.targetId());
            t.result().items().forEach(r -> itemIds.add(r.itemId()));
        });
        Map<String, Plan> plans = planIds.isEmpty() ? Map.of() : store.getAll(Plan.KIND, planIds);
        Map<String, Target> targets = store.getAll(Target.KIND, targetIds);
        Map<String, String> itemNames = new HashMap<>();
        if (!itemIds.isEmpty()) {
            store.getAll(Item.KIND, itemIds).forEach((id, item) -> itemNames.put(id, item.name()));
        }
        Set<String> orgIds = new LinkedHashSet<>();
        published.forEach(t -> orgIds.addAll(t.planId() != null && plans.containsKey(t.planId())
                ? plans.get(t.planId()).departments() : t.departments()));
        Map<String, String> orgNames = new HashMap<>();
        if (!orgIds.isEmpty()) {
            store.getAll(Org.KIND, orgIds).forEach((id, org) -> orgNames.put(id, org.name()));
        }
        List<PublicResult> out = new ArrayList<>();
        for (Task t : published) {
            redactor.publicRecord(new Redactor.Sources(t, t.planId() == null ? null : plans.get(t.planId()),
                    targets.get(t.targetId()), itemNames, orgNames)).ifPresent(out::add);
        }
        return out;
    }

    // ---- batches -------------------------------------------------------------------------------------------

    /** One page of a year's batches (default the current one), oldest first. */
    public Page<PublicationBatch> batches(String year, int limit, String next) {
        Checks checks = new Checks();
        Integer y = checks.optionalYear("year", year);
        checks.throwIfAny("The list is not valid");
        int shown = y != null ? y : Instant.parse(store.now()).atZone(ZONE).getYear();
        return store.list(PublicationBatch.KIND, new ListIndex(Tables.BY_KIND_INDEX, "entityKind",
                PublicationBatch.KIND.prefix(), "entitySort", "PUB-" + shown + "-"), List.of(), limit, next);
    }

    /** One batch, with a download link of each file it wrote. */
    public BatchView batch(String batchId) {
        PublicationBatch b = store.require(PublicationBatch.KIND, batchId);
        List<Download> links = new ArrayList<>();
        for (PublicationBatch.BatchFile f : b.files()) {
            if (f.csvKey() != null) {
                links.add(new Download(f.source(), "csv", f.csvKey(), files.presignGet(bucket, f.csvKey(),
                        LINK_VALIDITY)));
                links.add(new Download(f.source(), "xlsx", f.xlsxKey(), files.presignGet(bucket, f.xlsxKey(),
                        LINK_VALIDITY)));
            }
        }
        return new BatchView(b, links);
    }

    /** Where a batch's file of a source is kept: {@code publications/{YYYY}/{batchId}/{source}.{format}}. */
    static String fileKey(PublicationBatch b, String source, String format) {
        return "publications/" + b.date().substring(0, 4) + "/" + b.batchId() + "/" + source + "." + format;
    }

    // ---- the daily run -------------------------------------------------------------------------------------

    /**
     * The daily publication run as of {@code now} (the scheduled event's time): the batch of that day in
     * Asia/Shanghai is claimed and run, or resumed where an earlier run of the same day left it. Empty when that
     * day's batch has finished already: a repeated run changes nothing.
     *
     * <p>An earlier day's batch left unfinished (its run crashed past Lambda's retries, or its continuation was
     * lost) holds ids it has exported, or is about to, but has not marked: they still wait in their sources. So
     * before its own, the run finishes every earlier open batch, oldest first, in this invocation (claiming it, as
     * the sweeper's resumption would): no id is exported by two batches. When one of them does not finish here (it
     * pauses to continue, or another run has taken it over), the day's batch stays claimed and is run later (the
     * continuation, or the sweeper, which resumes an abandoned batch: {@link #staleness}). A batch that failed
     * (after too many runs) exported only what it marked; the rest are exported again by the next batch.
     */
    public Optional<JobRunner.Outcome<PublicationBatch>> run(Instant now, JobRunner.Invocation invocation) {
        String date = now.atZone(ZONE).toLocalDate().toString();
        PublicationBatch fresh = PublicationBatch.fresh(date, now.toString(), store.now());
        Optional<PublicationBatch> claimed = jobs.claim(PublicationBatch.KIND, fresh, b -> b);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        for (PublicationBatch earlier : openBefore(date)) {
            Optional<PublicationBatch> taken = jobs.claim(PublicationBatch.KIND, earlier, b -> b);
            if (taken.isPresent()) {
                JobRunner.Outcome<PublicationBatch> o = jobs.run(PublicationBatch.KIND, taken.get(), this::work,
                        invocation);
                if (o.ending() != JobRunner.Ending.FINISHED) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.of(jobs.run(PublicationBatch.KIND, claimed.get(), this::work, invocation));
    }

    /** The open batches of days before {@code date}, oldest first, from the sparse open-job index (a few at most). */
    private List<PublicationBatch> openBefore(String date) {
        List<PublicationBatch> open = new ArrayList<>();
        String next = null;
        do {
            Page<PublicationBatch> page = store.list(PublicationBatch.KIND, new ListIndex(Tables.BY_OPEN_JOB_INDEX,
                    JobSweeper.OPEN_JOB, PublicationBatch.KIND.prefix(), JobSweeper.HEARTBEAT, null), List.of(),
                    PAGE, next);
            page.items().stream().filter(b -> b.date().compareTo(date) < 0).forEach(open::add);
            next = page.next();
        } while (next != null);
        open.sort(java.util.Comparator.comparing(PublicationBatch::date));
        return open;
    }

    /**
     * How the job sweeper treats a batch nobody works on any more (its run crashed past Lambda's retries, or its
     * continuation was lost): resumed in the publication function ({@code publicationFunction}) with its day's
     * event, from its checkpoint. A run repeats safely: what is published and marked is skipped, the files are
     * written again whole. Abandoned after 20 minutes without a sign of life (a run checkpoints every few seconds
     * and an invocation lasts at most 15 minutes).
     */
    public static JobSweeper.Staleness<PublicationBatch> staleness(String publicationFunction) {
        return JobSweeper.Staleness.resumed(PublicationBatch.KIND, ABANDONED_AFTER, ABANDONED_AFTER,
                new JobSweeper.Resumption<>(publicationFunction, b -> event(Instant.parse(b.runAt()))));
    }

    /** The event that runs (or continues) the batch of the day of {@code time}, as a schedule sends it. */
    public static String event(Instant time) {
        return "{\"version\":\"0\",\"id\":\"publication-" + time + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"" + time + "\",\"region\":\"\",\"resources\":[],"
                + "\"detail\":{}}";
    }

    private PublicationBatch work(JobRun<PublicationBatch> run) {
        if (PublicationBatch.PUBLISH.equals(run.job().stage())) {
            publishDue(run);
        }
        for (RowSource source : sources) {
            export(run, source);
        }
        return run.job().done();
    }

    /** Step 1: the reviewed results due by the batch's date, published; a voided draw's are left. */
    private void publishDue(JobRun<PublicationBatch> run) {
        PublicationBatch b = run.job();
        String cursor = b.cursor();
        int published = b.published();
        int skipped = b.skipped();
        do {
            run.beforeStep();
            Page<Task> page = store.list(Task.KIND, DueIndex.through(DueIndex.PUBLICATION, b.date()), List.of(),
                    PAGE, cursor);
            Set<String> voided = draws.voided(page.items().stream().map(Task::drawId).toList());
            for (Task t : page.items()) {
                if (t.drawId() != null && voided.contains(t.drawId())) {
                    skipped += Task.REVIEWED.equals(t.status()) ? 1 : 0;
                } else if (publishDue(run.actor(), t, b.runAt())) {
                    published++;
                }
            }
            cursor = page.next();
            String c = cursor;
            int p = published;
            int s = skipped;
            run.afterStep(j -> j.publishing(c, p, s));
        } while (cursor != null);
        int p = published;
        int s = skipped;
        run.save(j -> j.publishing(null, p, s));
    }

    /**
     * Step 2, for one source: what waits collected (at most {@link #MAX_IDS_PER_SOURCE}; the rest wait for the next
     * batch), the files written, the records marked exported.
     */
    private void export(JobRun<PublicationBatch> run, RowSource source) {
        PublicationBatch.BatchFile f = run.job().file(source.name());
        while (!f.collected()) {
            run.beforeStep();
            Page<String> page = source.waiting(Math.min(PAGE, maxIdsPerSource - f.ids().size()), f.cursor());
            f = f.collecting(page.items(), page.next(), maxIdsPerSource);
            PublicationBatch.BatchFile now = f;
            run.afterStep(j -> j.with(now));
        }
        if (f.csvKey() == null) {
            f = write(run.job(), source, f);
            PublicationBatch.BatchFile now = f;
            run.save(j -> j.with(now));
        }
        while (f.marked() < f.ids().size()) {
            run.beforeStep();
            int to = Math.min(f.marked() + MARK_CHUNK, f.ids().size());
            source.markExported(run.actor(), run.job().batchId(), f.ids().subList(f.marked(), to));
            f = f.marking(to);
            PublicationBatch.BatchFile now = f;
            run.afterStep(j -> j.with(now));
        }
        PublicationBatch.BatchFile last = f;
        run.save(j -> j.with(last));
    }

    /** Writes a source's CSV and XLSX files of the batch (again, whole, when a run resumes before they were kept). */
    private PublicationBatch.BatchFile write(PublicationBatch b, RowSource source, PublicationBatch.BatchFile f) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        int rows = 0;
        try (SheetWriter c = Sheets.csvWriter(csv); SheetWriter x = Sheets.xlsxWriter(xlsx, source.name())) {
            c.writeRow(source.header());
            x.writeRow(source.header());
            for (int from = 0; from < f.ids().size(); from += PAGE) {
                for (List<String> row : source.rows(f.ids().subList(from, Math.min(from + PAGE, f.ids().size())))) {
                    c.writeRow(row);
                    x.writeRow(row);
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String csvKey = fileKey(b, source.name(), "csv");
        String xlsxKey = fileKey(b, source.name(), "xlsx");
        files.upload(bucket, csvKey, csv.toByteArray(), "text/csv; charset=utf-8");
        files.upload(bucket, xlsxKey, xlsx.toByteArray(), XLSX);
        return f.written(rows, csvKey, xlsxKey);
    }

    Store store() {
        return store;
    }
}
