package spotcheck.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Log;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.roster.References;
import spotcheck.roster.StoredReferences;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.Attrs;
import spotcheck.store.BatchWriter;
import spotcheck.store.EntityStore;
import spotcheck.store.FileStore;
import spotcheck.store.Tables;
import spotcheck.store.Versioned;
import spotcheck.validation.Checks;
import spotcheck.store.AuditRecords;
import spotcheck.core.Ids;

/**
 * Imports one uploaded file into a roster. Two passes over a local copy: the first checks
 * every row (and the file as a whole) and writes the error report, so a bad file fails
 * before anything is written; the second upserts the accepted rows by natural key in
 * batches, saving a checkpoint as it goes. A run that is interrupted resumes after the
 * checkpoint; rows written after it by the interrupted run are found by their importId and
 * counted once. Repeated events for a finished import change nothing.
 */
public final class ImportProcessor {
    /** Uploads through POST /imports carry their job's id in the key: imports/{kind}/{importId}/{fileName}. */
    static final Pattern JOB_KEY = Pattern.compile("^imports/([a-z]+)/(IMP-[0-9A-Z]{16})/([^/]+)$");
    static final Pattern DIRECT_KEY = Pattern.compile("^imports/([^/]+)/(.+)$");
    static final Set<String> EXTENSIONS = Set.of("csv", "xlsx", "txt");
    static final String REPORT_PREFIX = "reports/";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Rows read and written per round: one BatchGetItem, four BatchWriteItems. */
    static final int CHUNK = 100;

    private final ImportJobs jobs;
    private final EntityStore store;
    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final AuditRecords audit;
    private final FileStore files;
    private final Clock clock;
    private final Settings settings;
    private BatchWriter.Stats lastStats;

    /** Limits and rhythm; the defaults suit a 1,024 MB function with a 15-minute timeout. */
    public record Settings(SheetLimits limits, long checkpointEveryMillis, long stopWhenRemainingMillis, Path workDir) {
        public static Settings defaults() {
            return new Settings(SheetLimits.DEFAULT, 5_000, 30_000, Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** The object an S3 event names. */
    public record Upload(String bucket, String key, String versionId, String eTag, long size, String sequencer) { }

    /** The run stopped early to resume in a new invocation (the function's time is running out). */
    public static final class ContinueLater extends RuntimeException {
        ContinueLater(String importId, long row) {
            super("import " + importId + " paused after row " + row + " to resume in a new invocation", null, false,
                    false);
        }
    }

    public ImportProcessor(ImportJobs jobs, EntityStore store, DynamoDbClient dynamo, Tables tables, AuditRecords audit,
                           FileStore files, Clock clock, Settings settings) {
        this.jobs = jobs;
        this.store = store;
        this.dynamo = dynamo;
        this.tables = tables;
        this.audit = audit;
        this.files = files;
        this.clock = clock;
        this.settings = settings;
    }

    /** DynamoDB requests and capacity of the last run (benchmarks read it). */
    public BatchWriter.Stats lastStats() {
        return lastStats;
    }

    /** The job for an upload: the one POST /imports made for its key, or one derived from the object version. */
    public static String importIdFor(Upload u) {
        Matcher m = JOB_KEY.matcher(u.key());
        if (m.matches()) {
            return m.group(2);
        }
        return Ids.derived("IMP-", u.bucket() + "\n" + u.key() + "\n" + version(u));
    }

    private static String version(Upload u) {
        return u.versionId() != null ? u.versionId() : u.eTag() + "/" + u.sequencer();
    }

    /** The job is pinned to another version of its object than the one this event announces. */
    static boolean replaced(ImportJob job, Upload u) {
        if (job.versionId() != null && u.versionId() != null) {
            return !job.versionId().equals(u.versionId());
        }
        return job.eTag() != null && u.eTag() != null && !job.eTag().equals(u.eTag());
    }

    /**
     * Runs (or resumes) the import of one upload and answers its job as it ended, or empty when
     * there was nothing to do (already finished, or taken over by another run).
     */
    public Optional<ImportJob> run(Upload u, LongSupplier remainingMillis, String requestId) {
        String now = clock.instant().toString();
        String id = importIdFor(u);
        ImportJob candidate = jobs.get(id).orElseGet(() -> directUpload(id, u, now));
        if (!candidate.key().equals(u.key())) {
            Log.info("import.ignored", requestId, "importId", id, "reason", "key differs from the job's");
            return Optional.empty();
        }
        if (replaced(candidate, u)) {
            // Another file was put under the job's key (the presigned URL used twice): an import of its own,
            // with the same requester, so neither file is mixed into the other.
            String newId = Ids.derived("IMP-", u.bucket() + "\n" + u.key() + "\n" + version(u));
            ImportJob original = candidate;
            candidate = jobs.get(newId).orElseGet(() -> original.asReplacement(newId, u.versionId(), u.eTag(), now));
        }
        String importId = candidate.importId();
        Optional<ImportJob> claimed = jobs.claim(candidate, u.versionId(), u.eTag(), now);
        if (claimed.isEmpty()) {
            Log.info("import.repeat", requestId, "importId", importId, "reason", "already finished");
            return Optional.empty();
        }
        ImportJob job = claimed.get();
        Actor actor = new Actor(requester(job), requestId);
        Log.info("import.start", requestId, "importId", importId, "kind", job.kind(), "attempt", job.attempt(),
                "resumeAfterRow", job.checkpointRow());
        Path file = null;
        Path report = null;
        try {
            RowKind<?> kind = RowKind.named(job.kind()).orElseThrow(() -> new ImportFailure("unknown_kind",
                    "'" + job.kind() + "' is not a kind of import; upload under imports/targets/, imports/inspectors/ or imports/items/"));
            if (u.size() > settings.limits().maxFileBytes()) {
                throw new ImportFailure(SheetException.TOO_LARGE, "The file is " + u.size() / (1024 * 1024)
                        + " MiB; the limit is " + settings.limits().maxFileBytes() / (1024 * 1024)
                        + " MiB. Split it into several files");
            }
            file = Files.createTempFile(settings.workDir(), "import-", ".upload");
            report = Files.createTempFile(settings.workDir(), "report-", ".csv");
            try {
                files.download(job.bucket(), job.key(), job.versionId(), file);
            } catch (java.io.FileNotFoundException gone) {
                throw new ImportFailure("file_missing", "The uploaded file is no longer in the bucket; upload it again");
            }
            ImportJob done = importRows(kind, job, actor, file, report, remainingMillis);
            Log.info("import.done", requestId, "importId", importId, "status", done.status(), "total", done.rows().total(),
                    "imported", done.rows().imported(), "rejected", done.rows().rejected());
            return Optional.of(done);
        } catch (ImportFailure f) {
            return Optional.of(fail(actor, job, f.code(), f.getMessage(), report));
        } catch (SheetException f) {
            return Optional.of(fail(actor, job, f.code(), f.getMessage(), report));
        } catch (ImportJobs.Superseded s) {
            Log.info("import.superseded", requestId, "importId", importId);
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(report);
        }
    }

    private <T extends Versioned> ImportJob importRows(RowKind<T> kind, ImportJob job, Actor actor, Path file,
                                                       Path report, LongSupplier remainingMillis)
            throws IOException, SheetException, ImportFailure {
        References refs = new StoredReferences(store);
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        BatchWriter writer = new BatchWriter(dynamo, tables.data());
        lastStats = writer.stats();
        BitSet accepted = new BitSet();
        long total = 0;
        long[] rejected = {0};
        long duplicates = 0;
        // Pass 1: check everything; nothing is written unless the file as a whole can be read.
        try (SheetReader reader = Sheets.open(file, job.fileName(), settings.limits());
             OutputStream reportOut = Files.newOutputStream(report);
             SheetWriter reportWriter = Sheets.csvWriter(reportOut)) {
            List<String> header = reader.header();
            HeaderMap columns = HeaderMap.of(header, kind.columns());
            List<String> reportHeader = new ArrayList<>(header);
            reportHeader.add("行号");
            reportHeader.add("错误原因");
            reportWriter.writeRow(reportHeader);
            Report rejects = (row, reason) -> {
                rejected[0]++;
                List<String> line = new ArrayList<>(row.cells());
                while (line.size() < header.size()) {
                    line.add("");
                }
                line.add(Long.toString(row.number()));
                line.add(reason);
                reportWriter.writeRow(line);
            };
            // Someone who is not an administrator may only change what is already in their scope.
            boolean checkOwners = !actor.principal().has(Role.ADMIN);
            List<Pending<T>> window = new ArrayList<>();
            FirstRows firstRow = new FirstRows();
            for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                total++;
                Checks checks = new Checks();
                Optional<RowKind.Checked<T>> checked = check(kind, columns, row, refs, today, actor, checks);
                if (checked.isEmpty()) {
                    rejects.add(row, String.join("；", checks.problems().stream()
                            .map(DomainException.Detail::message).toList()));
                    continue;
                }
                long first = firstRow.putIfAbsent(checked.get().entity().id(), row.number());
                if (first != 0) {
                    duplicates++;
                    rejects.add(row, "与第 " + first + " 行重复 (duplicate of row " + first + ": same "
                            + checked.get().keyLabel() + ")");
                    continue;
                }
                accepted.set(Math.toIntExact(row.number()));
                if (checkOwners) {
                    window.add(new Pending<>(row, checked.get().entity()));
                    if (window.size() == CHUNK) {
                        rejectOthersEntities(kind, actor, window, writer, accepted, rejects);
                    }
                }
            }
            rejectOthersEntities(kind, actor, window, writer, accepted, rejects);
        }
        if (total == 0) {
            throw new ImportFailure(SheetException.HEADER_ONLY, "The file has a header row but no data rows");
        }
        // Pass 2: write the accepted rows after the checkpoint.
        ImportJob.Rows rows = job.checkpointRow() > 0 ? job.rows() : ImportJob.Rows.NONE;
        long[] counts = {rows.created(), rows.updated(), rows.unchanged()};
        long lastSaved = System.nanoTime();
        List<Pending<T>> chunk = new ArrayList<>(CHUNK);
        long chunkLastRow = job.checkpointRow();
        long chunks = 0;
        try (SheetReader reader = Sheets.open(file, job.fileName(), settings.limits())) {
            HeaderMap columns = HeaderMap.of(reader.header(), kind.columns());
            long resumeAfter = job.checkpointRow();
            for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                if (row.number() <= resumeAfter || !accepted.get(Math.toIntExact(row.number()))) {
                    continue;
                }
                long number = row.number();
                T entity = check(kind, columns, row, refs, today, actor, new Checks()).orElseThrow(() ->
                        new IllegalStateException("row " + number + " passed the first pass but not the second"))
                        .entity();
                chunk.add(new Pending<>(row, entity));
                chunkLastRow = row.number();
                if (chunk.size() == CHUNK) {
                    // A run that was taken over stops within ten chunks (a read per thousand rows).
                    if (++chunks % 10 == 1) {
                        requireStillOurs(job);
                    }
                    write(kind, job, actor, columns, chunk, chunkLastRow, writer, counts);
                    chunk.clear();
                    boolean late = remainingMillis.getAsLong() < settings.stopWhenRemainingMillis();
                    if (late || System.nanoTime() - lastSaved > settings.checkpointEveryMillis() * 1_000_000) {
                        job = jobs.save(job, progress(job, total, rejected[0], duplicates, counts, chunkLastRow));
                        lastSaved = System.nanoTime();
                        if (late) {
                            throw new ContinueLater(job.importId(), chunkLastRow);
                        }
                    }
                }
            }
            if (!chunk.isEmpty()) {
                requireStillOurs(job);
                write(kind, job, actor, columns, chunk, chunkLastRow, writer, counts);
            }
        }
        String reportKey = null;
        if (rejected[0] > 0) {
            reportKey = REPORT_PREFIX + job.importId() + ".csv";
            files.upload(job.bucket(), reportKey, report, "text/csv; charset=utf-8");
        }
        ImportJob.Rows finalRows = rows(total, rejected[0], duplicates, counts);
        String now = clock.instant().toString();
        ImportJob done = job.with(ImportJob.SUCCEEDED, finalRows, chunkLastRow, reportKey, null, job.version() + 1,
                job.startedAt(), now, now);
        jobs.finish(actor, job, done);
        return done;
    }

    /** A row that passed its checks, waiting to be written. */
    private record Pending<T>(SheetReader.Row row, T entity) { }

    /** Writes one line of the error report. */
    private interface Report {
        void add(SheetReader.Row row, String reason) throws IOException;
    }

    /** Rejects the rows that would change an entity the requester may not change (another county's target). */
    private <T extends Versioned> void rejectOthersEntities(RowKind<T> kind, Actor actor, List<Pending<T>> window,
                                                            BatchWriter writer, BitSet accepted, Report rejects)
            throws IOException {
        if (window.isEmpty()) {
            return;
        }
        Map<String, T> stored = read(kind, window, writer);
        for (Pending<T> p : window) {
            T before = stored.get(p.entity().id());
            if (before == null) {
                continue;
            }
            try {
                kind.requireScope(actor.principal(), before);
            } catch (DomainException forbidden) {
                accepted.clear(Math.toIntExact(p.row().number()));
                // Neither the owner nor its county is named: the importer may not see them.
                rejects.add(p.row(), "already in the roster under an organisation your account may not change");
            }
        }
        window.clear();
    }

    /** Another run took the job over (its version moved on): stop before writing anything more. */
    private void requireStillOurs(ImportJob job) {
        long stored = jobs.get(job.importId()).map(ImportJob::version).orElse(-1L);
        if (stored != job.version()) {
            throw new ImportJobs.Superseded(job.importId());
        }
    }

    private <T extends Versioned> Map<String, T> read(RowKind<T> kind, List<Pending<T>> rows, BatchWriter writer) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Pending<T> p : rows) {
            keys.add(EntityStore.currentKey(kind.entityKind(), p.entity().id()));
        }
        Map<String, T> stored = new HashMap<>();
        for (Map<String, AttributeValue> item : writer.getAll(keys)) {
            T e = EntityStore.fromItem(kind.entityKind(), item);
            stored.put(e.id(), e);
        }
        return stored;
    }

    /** One row checked, and the requester's right to import it. */
    private static <T extends Versioned> Optional<RowKind.Checked<T>> check(RowKind<T> kind, HeaderMap columns,
            SheetReader.Row row, References refs, LocalDate today, Actor actor, Checks checks) {
        Optional<RowKind.Checked<T>> checked = kind.check(columns, row.cells(), refs, today, checks);
        if (checked.isPresent()) {
            try {
                kind.requireScope(actor.principal(), checked.get().entity());
            } catch (DomainException forbidden) {
                checks.problem("scope", forbidden.getMessage());
                return Optional.empty();
            }
        }
        return checked;
    }

    /**
     * Upserts one chunk: new entities in batches (with a chunk audit record listing them), changed
     * ones each on its version together with its own audit record, unchanged ones not at all.
     */
    private <T extends Versioned> void write(RowKind<T> kind, ImportJob job, Actor actor, HeaderMap columns,
                                             List<Pending<T>> chunk, long lastRow, BatchWriter writer, long[] counts) {
        Map<String, T> existing = read(kind, chunk, writer);
        String now = clock.instant().toString();
        List<Map<String, AttributeValue>> creates = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Pending<T> p : chunk) {
            T e = p.entity();
            T before = existing.get(e.id());
            if (before == null) {
                T created = kind.stamp(e, 1, now, now, job.importId());
                if (!kind.entityKind().uniqueKeys().apply(created).isEmpty()) {
                    // its unique keys are claimed in the same transaction as the entity: not batched
                    store.create(kind.entityKind(), created, actor, "import", job.importId());
                } else {
                    creates.add(EntityStore.currentItem(kind.entityKind(), created));
                    if (kind.entityKind().keepsHistory()) {
                        creates.add(EntityStore.historyItem(kind.entityKind(), created, actor.principal().subject(),
                                "import", now));
                    }
                }
                written.add(e.id() + "@1");
                digests.add(audit.digest(created));
                counts[0]++;
                continue;
            }
            T merged = kind.merge(before, e, columns, p.row().cells());
            if (kind.sameContent(before, merged)) {
                if (job.importId().equals(kind.importId(before))) {
                    // Written by an interrupted run of this import: count it as that run did, and make
                    // sure its history entry and its line in the chunk audit exist.
                    counts[before.version() == 1 ? 0 : 1]++;
                    written.add(e.id() + "@" + before.version());
                    digests.add(audit.digest(before));
                    if (kind.entityKind().keepsHistory() && before.version() == 1) {
                        creates.add(EntityStore.historyItem(kind.entityKind(), before, actor.principal().subject(),
                                "import", now));
                    }
                } else {
                    counts[2]++;
                }
                continue;
            }
            counts[updateOne(kind, before, stored -> kind.merge(stored, e, columns, p.row().cells()), job, actor,
                    writer) ? 1 : 2]++;
        }
        writer.putAll(creates);
        if (!written.isEmpty()) {
            // The chunk's own trail (import-rows/{id}): every entity it created, by id and version, with
            // its digest; an entity's trail shows this record as its version 1 (found by createdAt = now).
            Put put = audit.importChunk(actor.principal(), actor.requestId(), job.importId(), lastRow, now, written,
                    digests);
            dynamo.putItem(b -> b.tableName(put.tableName()).item(put.item()));
        }
    }

    /**
     * Replaces one changed entity on the version read, with its history entry and audit record in
     * the same transaction; if someone changed it meanwhile, reads it again. Answers false when
     * the entity, read again, already says what the file says.
     */
    private <T extends Versioned> boolean updateOne(RowKind<T> kind, T before, java.util.function.UnaryOperator<T> change,
                                                    ImportJob job, Actor actor, BatchWriter writer) {
        T current = before;
        for (int tries = 0; tries < 3; tries++) {
            T merged = change.apply(current);
            if (kind.sameContent(current, merged)) {
                return false;
            }
            String now = clock.instant().toString();
            T after = kind.stamp(merged, current.version() + 1, kind.createdAt(current), now, job.importId());
            try {
                store.update(kind.entityKind(), current, after, actor, "import", job.importId());
                writer.stats().writeRequests++;
                writer.stats().itemsWritten++;
                writer.stats().writeUnits += 2 * ((BatchWriter.itemBytes(EntityStore.currentItem(kind.entityKind(),
                        after)) + 1023) / 1024);
                return true;
            } catch (DomainException changed) {
                T reread = store.require(kind.entityKind(), after.id());
                if (reread.version() == current.version()) {
                    throw changed; // not changed meanwhile: a unique key another entity holds
                }
                current = reread;
            }
        }
        throw new IllegalStateException(before.id() + " keeps changing during the import; run it again");
    }

    private ImportJob progress(ImportJob job, long total, long rejected, long duplicates, long[] counts, long row) {
        return job.with(ImportJob.RUNNING, rows(total, rejected, duplicates, counts), row, null, null,
                job.version() + 1, job.startedAt(), null, clock.instant().toString());
    }

    private static ImportJob.Rows rows(long total, long rejected, long duplicates, long[] c) {
        return new ImportJob.Rows(total, c[0] + c[1] + c[2], rejected, c[0], c[1], c[2], duplicates);
    }

    /** The file failed as a whole: recorded with its reason, and a one-line report saying it. */
    private ImportJob fail(Actor actor, ImportJob job, String code, String message, Path report) {
        String reportKey = null;
        try {
            Path one = Files.createTempFile(settings.workDir(), "failure-", ".csv");
            try (OutputStream out = Files.newOutputStream(one); SheetWriter w = Sheets.csvWriter(out)) {
                w.writeRow(List.of("文件", "错误代码", "错误原因"));
                w.writeRow(List.of(job.fileName(), code, message));
            }
            reportKey = REPORT_PREFIX + job.importId() + ".csv";
            files.upload(job.bucket(), reportKey, one, "text/csv; charset=utf-8");
            deleteQuietly(one);
        } catch (IOException | RuntimeException e) {
            Log.warn("import.report", actor.requestId(), "importId", job.importId(), "error", e.getClass().getSimpleName());
        }
        String now = clock.instant().toString();
        ImportJob failed = job.with(ImportJob.FAILED, job.rows(), job.checkpointRow(), reportKey,
                new ImportJob.Failure(code, message), job.version() + 1, job.startedAt(), now, now);
        jobs.finish(actor, job, failed);
        Log.info("import.failed", actor.requestId(), "importId", job.importId(), "code", code);
        return failed;
    }

    /** A job for a file put straight into the bucket (no POST /imports): run with an administrator's rights. */
    private static ImportJob directUpload(String importId, Upload u, String now) {
        Matcher m = DIRECT_KEY.matcher(u.key());
        String kind = m.matches() ? m.group(1) : "";
        String fileName = u.key().substring(u.key().lastIndexOf('/') + 1);
        return new ImportJob(importId, kind, u.bucket(), u.key(), fileName, u.versionId(), u.eTag(),
                ImportJob.PENDING, ImportJob.Rows.NONE, null, null, 0, 0, "s3-upload", null, List.of("admin"), "s3",
                0, now, null, null, now);
    }

    private static Principal requester(ImportJob job) {
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        if (job.requestedRoles() != null) {
            job.requestedRoles().forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        }
        return new Principal(job.requestedBy(), "", job.requestedOrg() == null ? "" : job.requestedOrg(), roles);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the container's /tmp is discarded with it
            }
        }
    }
}
