package spotcheck.imports;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spotcheck.core.Ids;
import spotcheck.core.Log;
import spotcheck.imports.CheckPass.Pending;
import spotcheck.jobs.Failure;
import spotcheck.jobs.JobFailure;
import spotcheck.jobs.JobRun;
import spotcheck.jobs.JobRunner;
import spotcheck.roster.StoredReferences;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.BatchWriter;
import spotcheck.store.FileStore;
import spotcheck.store.Store;
import spotcheck.roster.RosterEntry;
import spotcheck.validation.Checks;

/**
 * Imports one uploaded file into a roster, as a job of the {@link JobRunner}. Two passes over a local copy: the
 * first checks every row ({@link CheckPass}) and starts the error report, so a bad file fails before anything is
 * written; the second writes the accepted rows chunk by chunk ({@link RowWriter}), each chunk a step of the run. A
 * run resumes after the last checkpoint, in a new invocation when the last one ran out of time; rows an
 * interrupted run wrote after it are found by their importId and counted once. Repeated events for a finished
 * import change nothing.
 */
public final class ImportProcessor {
    /** Uploads through POST /imports carry their job's id in the key: imports/{kind}/{importId}/{fileName}. */
    static final Pattern JOB_KEY = Pattern.compile("^imports/([a-z]+)/(IMP-[0-9A-Z]{16})/([^/]+)$");
    static final Pattern DIRECT_KEY = Pattern.compile("^imports/([^/]+)/(.+)$");
    static final String REPORT_PREFIX = "reports/";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JobRunner runner;
    private final Store store;
    private final FileStore files;
    private final Clock clock;
    private final Settings settings;
    private BatchWriter.Stats lastStats;

    /** Limits, and where the file and its report are kept while the import runs. */
    public record Settings(SheetLimits limits, Path workDir) {
        public static Settings defaults() {
            return new Settings(SheetLimits.DEFAULT, Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** The object an S3 event names. */
    public record Upload(String bucket, String key, String versionId, String eTag, long size, String sequencer) { }

    public ImportProcessor(JobRunner runner, Store store, FileStore files, Clock clock, Settings settings) {
        this.runner = runner;
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.settings = settings;
    }

    /** DynamoDB requests and capacity of the rows' reads and writes in the last run (benchmarks read it). */
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
     * Runs (or resumes) the import of one upload: how the run ended and the job as it left it, or empty when there
     * was nothing to do (the import has finished, or the object is not its job's).
     */
    public Optional<JobRunner.Outcome<ImportJob>> run(Upload u, JobRunner.Invocation invocation) {
        String now = clock.instant().toString();
        String id = importIdFor(u);
        String requestId = invocation.requestId();
        ImportJob candidate = store.get(ImportJob.KIND, id).orElseGet(() -> directUpload(id, u, now));
        if (!candidate.key().equals(u.key())) {
            Log.info("import.ignored", requestId, "importId", id, "reason", "key differs from the job's");
            return Optional.empty();
        }
        if (replaced(candidate, u)) {
            // Another file was put under the job's key (the presigned URL used twice): an import of its own,
            // with the same requester, so neither file is mixed into the other.
            String newId = Ids.derived("IMP-", u.bucket() + "\n" + u.key() + "\n" + version(u));
            ImportJob original = candidate;
            candidate = store.get(ImportJob.KIND, newId).orElseGet(() -> original.asReplacement(newId, u.versionId(),
                    u.eTag(), now));
        }
        Optional<ImportJob> claimed = runner.claim(ImportJob.KIND, candidate, j -> j.pinnedTo(u.versionId(),
                u.eTag()));
        if (claimed.isEmpty()) {
            Log.info("import.repeat", requestId, "importId", candidate.importId(), "reason", "already finished");
            return Optional.empty();
        }
        ImportJob job = claimed.get();
        Log.info("import.start", requestId, "importId", job.importId(), "kind", job.kind(), "attempt", job.attempt(),
                "resumeAfterRow", job.checkpointRow());
        lastStats = new BatchWriter.Stats();
        JobRunner.Outcome<ImportJob> outcome = runner.run(ImportJob.KIND, job, new FileImport(u.size()), invocation);
        ImportJob end = outcome.job();
        if (outcome.ending() == JobRunner.Ending.FINISHED) {
            Log.info("import.done", requestId, "importId", end.importId(), "status", end.status(), "total",
                    end.rows().total(), "imported", end.rows().imported(), "rejected", end.rows().rejected(),
                    "code", end.error() == null ? null : end.error().code());
        }
        return Optional.of(outcome);
    }

    /** The import of one file, as the runner runs it. */
    private final class FileImport implements JobRunner.Work<ImportJob> {
        private final long size;

        FileImport(long size) {
            this.size = size;
        }

        @Override
        public ImportJob run(JobRun<ImportJob> run) throws JobFailure {
            ImportJob job = run.job();
            RowKind<?> kind = RowKind.named(job.kind()).orElseThrow(() -> new JobFailure("unknown_kind", "'"
                    + job.kind() + "' is not a kind of import; upload under imports/targets/, imports/inspectors/"
                    + " or imports/items/"));
            if (size > settings.limits().maxFileBytes()) {
                throw new JobFailure(SheetException.TOO_LARGE, "The file is " + size / (1024 * 1024)
                        + " MiB; the limit is " + settings.limits().maxFileBytes() / (1024 * 1024)
                        + " MiB. Split it into several files");
            }
            Path file = null;
            Path report = null;
            try {
                file = Files.createTempFile(settings.workDir(), "import-", ".upload");
                report = Files.createTempFile(settings.workDir(), "report-", ".csv");
                try {
                    files.download(job.bucket(), job.key(), job.versionId(), file);
                } catch (FileNotFoundException gone) {
                    throw new JobFailure("file_missing", "The uploaded file is no longer in the bucket; upload it"
                            + " again");
                }
                return importRows(kind, run, file, report);
            } catch (SheetException f) {
                throw new JobFailure(f.code(), f.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteQuietly(file);
                deleteQuietly(report);
            }
        }

        /** The file failed as a whole: a one-line report saying why. */
        @Override
        public ImportJob failing(ImportJob job, Failure failure) {
            try {
                Path one = Files.createTempFile(settings.workDir(), "failure-", ".csv");
                try {
                    try (OutputStream out = Files.newOutputStream(one); SheetWriter w = Sheets.csvWriter(out)) {
                        w.writeRow(List.of("文件", "错误代码", "错误原因"));
                        w.writeRow(List.of(job.fileName(), failure.code(), failure.message()));
                    }
                    String reportKey = REPORT_PREFIX + job.importId() + ".csv";
                    files.upload(job.bucket(), reportKey, one, "text/csv; charset=utf-8");
                    return job.reported(reportKey);
                } finally {
                    deleteQuietly(one);
                }
            } catch (IOException | RuntimeException e) {
                Log.warn("import.report", null, "importId", job.importId(), "error", e.getClass().getSimpleName());
                return job;
            }
        }
    }

    private <T extends RosterEntry> ImportJob importRows(RowKind<T> kind, JobRun<ImportJob> run, Path file,
                                                       Path reportFile)
            throws IOException, SheetException, JobFailure {
        ImportJob job = run.job();
        Store counted = store.metered(lastStats);
        CheckPass<T> checks = new CheckPass<>(kind, counted, new StoredReferences(store),
                LocalDate.now(clock.withZone(CHINA)), run.actor().principal());
        boolean resuming = job.checkpointRow() > 0;
        RowWriter<T> writer = new RowWriter<>(kind, counted, run.actor(), job.importId(), clock,
                resuming ? job.rows() : ImportJob.Rows.NONE);
        // rows the writing pass rejected before the checkpoint, to report again
        Map<Long, String> earlier = new HashMap<>();
        if (resuming && job.rejectedAtWrite() != null) {
            job.rejectedAtWrite().forEach(r -> earlier.put(r.row(), r.reason()));
        }
        List<ImportJob.Rejected> rejectedAtWrite = new ArrayList<>();
        long lastRow = job.checkpointRow();
        CheckPass.Result checked;
        try (ErrorReport report = new ErrorReport(reportFile)) {
            checked = checks.run(file, job.fileName(), settings.limits(), report);
            if (checked.total() == 0) {
                throw new JobFailure(SheetException.HEADER_ONLY, "The file has a header row but no data rows");
            }
            RowWriter.Rejects rejects = (row, reason) -> {
                report.add(row, reason);
                rejectedAtWrite.add(new ImportJob.Rejected(row.number(), reason));
            };
            BitSet accepted = checked.accepted();
            List<Pending<T>> chunk = new ArrayList<>(CheckPass.CHUNK);
            try (SheetReader reader = Sheets.open(file, job.fileName(), settings.limits())) {
                HeaderMap columns = HeaderMap.of(reader.header(), kind.columns());
                long resumeAfter = job.checkpointRow();
                for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                    long number = row.number();
                    boolean passed = accepted.get(Math.toIntExact(number));
                    if (number <= resumeAfter) {
                        // refused when an earlier run wrote it; the checking pass may now refuse it itself
                        if (passed && earlier.containsKey(number)) {
                            rejects.add(row, earlier.get(number));
                        }
                        continue;
                    }
                    if (!passed) {
                        continue;
                    }
                    T entity = checks.check(columns, row, new Checks()).orElseThrow(() -> new IllegalStateException(
                            "row " + number + " passed the first pass but not the second")).entity();
                    chunk.add(new Pending<>(row, entity));
                    lastRow = number;
                    if (chunk.size() == CheckPass.CHUNK) {
                        run.beforeStep();
                        writer.write(columns, chunk, lastRow, rejects);
                        chunk.clear();
                        ImportJob.Rows sofar = writer.rows(checked.total(), report.lines(), checked.duplicates());
                        long upTo = lastRow;
                        run.afterStep(j -> j.progressed(sofar, upTo, rejectedAtWrite));
                    }
                }
                if (!chunk.isEmpty()) {
                    run.requireStillOurs();
                    writer.write(columns, chunk, lastRow, rejects);
                }
            }
            ImportJob.Rows rows = writer.rows(checked.total(), report.lines(), checked.duplicates());
            job = run.job().progressed(rows, lastRow, rejectedAtWrite);
        }
        if (job.rows().rejected() > 0) {
            String reportKey = REPORT_PREFIX + job.importId() + ".csv";
            files.upload(job.bucket(), reportKey, reportFile, "text/csv; charset=utf-8");
            job = job.reported(reportKey);
        }
        return job;
    }

    /** A job for a file put straight into the bucket (no POST /imports): run with an administrator's rights. */
    private static ImportJob directUpload(String importId, Upload u, String now) {
        Matcher m = DIRECT_KEY.matcher(u.key());
        String kind = m.matches() ? m.group(1) : "";
        String fileName = u.key().substring(u.key().lastIndexOf('/') + 1);
        return ImportJob.pending(importId, kind, u.bucket(), u.key(), fileName, u.versionId(), u.eTag(), "s3-upload",
                null, List.of("admin"), "s3", 0, now);
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
