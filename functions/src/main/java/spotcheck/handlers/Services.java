package spotcheck.handlers;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.audit.AuditTrail;
import spotcheck.calendar.CalendarService;
import spotcheck.calendar.OfficialCalendars;
import spotcheck.cases.CaseService;
import spotcheck.cases.PenaltyPublications;
import spotcheck.core.Env;
import spotcheck.draws.DrawService;
import spotcheck.imports.ImportOrigins;
import spotcheck.imports.ImportProcessor;
import spotcheck.imports.ImportService;
import spotcheck.jobs.Continuation;
import spotcheck.jobs.JobRunner;
import spotcheck.jobs.JobSweeper;
import spotcheck.jobs.LambdaContinuation;
import spotcheck.notifications.NotificationService;
import spotcheck.orgs.OrgService;
import spotcheck.plans.PlanDocument;
import spotcheck.plans.PlanEstimates;
import spotcheck.plans.PlanService;
import spotcheck.plans.PublicPlans;
import spotcheck.pool.CandidatePool;
import spotcheck.publication.PublicationService;
import spotcheck.publication.ResultLabels;
import spotcheck.reminders.Channel;
import spotcheck.reminders.MilestoneService;
import spotcheck.reminders.ReminderRun;
import spotcheck.reminders.ReminderSettings;
import spotcheck.reminders.SnsChannel;
import spotcheck.reminders.WebhookChannel;
import spotcheck.roster.InspectorService;
import spotcheck.roster.ItemService;
import spotcheck.roster.TargetService;
import spotcheck.stats.CategoryLabels;
import spotcheck.stats.StatsService;
import spotcheck.store.AuditKey;
import spotcheck.store.AuditRecords;
import spotcheck.store.Dynamo;
import spotcheck.store.EntityStore;
import spotcheck.store.FileStore;
import spotcheck.store.S3Files;
import spotcheck.store.Tables;
import spotcheck.tasks.ProblemTasks;
import spotcheck.tasks.ResultService;
import spotcheck.tasks.TaskService;

/**
 * The wiring: clients, repositories and services built once per container and
 * handed to the handlers. Tests build one with their own clock and tables.
 */
public final class Services {
    public final DynamoDbClient dynamo;
    public final Tables tables;
    public final Clock clock;
    public final AuditRecords auditRecords;
    public final AuditTrail auditTrail;
    public final EntityStore entities;
    public final OrgService orgs;
    public final ItemService items;
    public final TargetService targets;
    public final InspectorService inspectors;
    public final CalendarService calendar;
    public final FileStore files;
    public final String bucket;
    /** Runs imports now, and the other long jobs next; continues them by invoking the function again. */
    public final JobRunner jobs;
    public final ImportService imports;
    public final ImportOrigins importOrigins;
    public final CandidatePool pool;
    public final PlanEstimates planEstimates;
    public final PlanService plans;
    public final PublicPlans publicPlans;
    public final PlanDocument planDocument;
    /** Draws started by requests: run within the request while small, then handed to the draw function. */
    public final DrawService draws;
    public final TaskService tasks;
    public final ProblemTasks problemTasks;
    /** The result categories' labels the statistics name (the configured list kept with the results). */
    public final CategoryLabels categoryLabels;
    /** Results entered, reviewed and evidenced; the result categories. */
    public final ResultService results;
    public final StatsService stats;
    /** Follow-up cases on findings. */
    public final CaseService cases;
    /** What the daily publication batch reads and marks of penalties. */
    public final PenaltyPublications penaltyPublications;
    /** Publication: publish now, the public results, the daily batches (run in the publication function). */
    public final PublicationService publication;
    /** The reminder run's in-app notifications, and its milestone list. */
    public final NotificationService notifications;
    public final MilestoneService milestones;
    private final Continuation continuation;

    /** With the audit digest key the environment names (read on the first audit write). */
    public Services(DynamoDbClient dynamo, Tables tables, Clock clock, FileStore files, String bucket) {
        this(dynamo, tables, clock, files, bucket, AuditKey.fromEnvironment());
    }

    public Services(DynamoDbClient dynamo, Tables tables, Clock clock, FileStore files, String bucket,
                    Supplier<byte[]> auditKey) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
        this.auditRecords = new AuditRecords(tables, clock, auditKey);
        this.auditTrail = new AuditTrail(dynamo, tables);
        this.entities = new EntityStore(dynamo, tables, auditRecords, clock);
        this.orgs = new OrgService(entities);
        this.items = new ItemService(entities);
        this.targets = new TargetService(entities, clock);
        this.inspectors = new InspectorService(entities);
        this.calendar = new CalendarService(entities, OfficialCalendars.bundled());
        this.files = files;
        this.bucket = bucket;
        this.continuation = LambdaContinuation.fromEnvironment();
        this.jobs = new JobRunner(entities, continuation, clock, JobRunner.Rhythm::fromEnvironment);
        this.imports = new ImportService(entities, files, bucket, clock);
        this.importOrigins = new ImportOrigins(entities);
        this.pool = new CandidatePool(entities);
        this.planEstimates = new PlanEstimates(pool, entities);
        this.plans = new PlanService(entities, planEstimates);
        this.publicPlans = new PublicPlans(plans, entities);
        this.planDocument = new PlanDocument(plans, planEstimates, entities);
        JobRunner inline = new JobRunner(entities, continuation, clock, () -> new JobRunner.Rhythm(2_000, 0,
                DrawService.INLINE_SLICE_MILLIS));
        this.draws = new DrawService(entities, files, bucket, plans, pool, inline, continuation, SecureRandom::new);
        this.tasks = new TaskService(entities, draws);
        this.problemTasks = new ProblemTasks(entities);
        this.results = new ResultService(entities, tasks, draws, plans, calendar, files, bucket);
        // cases: which result categories call for listing or a penalty is the category list's to say
        this.cases = new CaseService(entities, tasks, targets, calendar, () -> results.categories().sanctions());
        this.penaltyPublications = new PenaltyPublications(entities);
        // the configured result categories label public records, exports and statistics
        ResultLabels labels = code -> {
            Map<String, String> configured = results.labels();
            return configured.containsKey(code) ? configured.get(code)
                    : configured.containsValue(code) ? code : null;
        };
        // each batch exports the day's results and the penalty decisions recorded since the last one
        // public result lists seal their cursors under the deployment's audit secret (read when first needed)
        this.publication = new PublicationService(entities, tasks, draws, labels, files, bucket, jobs, auditKey)
                .withSource(penaltyPublications);
        this.categoryLabels = results::labels;
        this.stats = new StatsService(entities, pool, categoryLabels);
        this.notifications = new NotificationService(entities);
        this.milestones = new MilestoneService(entities);
    }

    /** The draw function's core: draws run with the whole invocation's time, continuing themselves past it. */
    public DrawService drawFunction() {
        return new DrawService(entities, files, bucket, plans, pool, jobs, continuation, SecureRandom::new);
    }

    /** The import function's core, with the default limits. */
    public ImportProcessor importProcessor() {
        return new ImportProcessor(jobs, entities, files, clock, ImportProcessor.Settings.defaults());
    }

    /**
     * The sweeper function's core: every kind of job it watches. Imports left open fail; draws are resumed in the
     * draw function ({@code DRAW_FUNCTION}) and publication batches in the publication function
     * ({@code PUBLICATION_FUNCTION}), which the sweeper may invoke.
     */
    public JobSweeper jobSweeper() {
        List<JobSweeper.Staleness<?>> kinds = new java.util.ArrayList<>();
        kinds.add(ImportService.STALENESS);
        String drawFunction = Env.get("DRAW_FUNCTION", null);
        if (drawFunction != null) {
            kinds.add(DrawService.staleness(drawFunction));
        }
        String publicationFunction = Env.get("PUBLICATION_FUNCTION", null);
        if (publicationFunction != null) {
            kinds.add(PublicationService.staleness(publicationFunction));
        }
        return new JobSweeper(entities, jobs, kinds);
    }

    /**
     * The reminder function's core: the channels the environment configures besides the in-app notification
     * ({@code REMINDER_TOPIC_ARN}: the SNS topic; {@code REMINDER_WEBHOOK_URL}: a chat robot, empty for none).
     */
    public ReminderRun reminderRun() {
        List<Channel> channels = new ArrayList<>();
        String topic = Env.get("REMINDER_TOPIC_ARN", "");
        if (!topic.isBlank()) {
            channels.add(SnsChannel.forTopic(topic));
        }
        String webhook = Env.get("REMINDER_WEBHOOK_URL", "");
        if (!webhook.isBlank()) {
            channels.add(new WebhookChannel(URI.create(webhook)));
        }
        return reminderRun(channels);
    }

    /** The reminder run over these channels. */
    public ReminderRun reminderRun(List<Channel> channels) {
        return new ReminderRun(entities, draws, calendar.workingDays(), ReminderSettings.fromEnvironment(),
                milestones, notifications, channels);
    }

    /**
     * The same wiring over another DynamoDB client (SnapStart priming's, which answers from memory): reads
     * only. It has no audit key, so a write through it fails before anything is sent.
     */
    public Services withDynamo(DynamoDbClient client) {
        return new Services(client, tables, clock, files, bucket, () -> {
            throw new IllegalStateException("This wiring is for reads only");
        });
    }

    /** From the environment. The S3 client and presigner, and the audit key, are made on first use. */
    public static Services fromEnvironment() {
        return new Services(Dynamo.client(), Tables.fromEnvironment(), Env.clock(), S3Files.fromEnvironment(),
                Env.require("UPLOADS_BUCKET"));
    }
}
