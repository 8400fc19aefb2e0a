package spotcheck.imports;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.jobs.Failure;
import spotcheck.jobs.Job;
import spotcheck.jobs.JobState;
import spotcheck.jobs.JobSweeper;
import spotcheck.store.EntityKind;

/**
 * One import of one uploaded file, a job of the runner: where the file is, how far the import has got (its
 * checkpoint: every accepted row up to {@code checkpointRow} is written, with the counts so far and the rows the
 * writing pass rejected), and how it ended. {@code attempt} grows each time a run takes the job over, so a run that
 * was superseded notices at its next check and stops.
 */
public record ImportJob(
        String importId,
        String kind,
        String bucket,
        String key,
        String fileName,
        String versionId,
        String eTag,
        String status,
        Rows rows,
        String reportKey,
        Failure error,
        long checkpointRow,
        List<Rejected> rejectedAtWrite,
        long attempt,
        String requestedBy,
        String requestedOrg,
        List<String> requestedRoles,
        String source,
        long version,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt) implements Job<ImportJob> {

    private static final String PREFIX = "IMP";
    /** Open imports are in the byOpenJob index, for the sweeper. */
    public static final EntityKind<ImportJob> KIND = new EntityKind<>(PREFIX, "import", ImportJob.class, false)
            .withIndexKeys(JobSweeper.openJobKeys(PREFIX));
    public static final String PENDING = JobState.PENDING;
    public static final String RUNNING = JobState.RUNNING;
    public static final String SUCCEEDED = JobState.SUCCEEDED;
    public static final String FAILED = JobState.FAILED;

    /**
     * Row counts: {@code total} data rows; {@code imported} = created + updated + unchanged;
     * {@code rejected} rows failed validation or repeat an earlier row ({@code duplicates} of them).
     */
    public record Rows(long total, long imported, long rejected, long created, long updated, long unchanged,
                       long duplicates) {
        public static final Rows NONE = new Rows(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A row the writing pass could not write (a unique key another entity holds, found only then), and why. Kept
     * with the checkpoint so that a resumed run puts it in the error report again.
     */
    public record Rejected(long row, String reason) { }

    /** A new job: pending, version {@code version} (1 when stored by POST /imports, 0 before a first claim). */
    static ImportJob pending(String importId, String kind, String bucket, String key, String fileName,
                             String versionId, String eTag, String requestedBy, String requestedOrg,
                             List<String> requestedRoles, String source, long version, String now) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, PENDING, Rows.NONE, null, null,
                0, List.of(), 0, requestedBy, requestedOrg, requestedRoles, source, version, now, null, null, now);
    }

    @Override
    public String id() {
        return importId;
    }

    public boolean finished() {
        return state().finished();
    }

    @Override
    public JobState state() {
        return new JobState(status, attempt, error, version, startedAt, updatedAt, finishedAt);
    }

    @Override
    public ImportJob withState(JobState s) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, s.status(), rows, reportKey,
                s.failure(), checkpointRow, rejectedAtWrite, s.attempt(), requestedBy, requestedOrg, requestedRoles,
                source, s.version(), createdAt, s.startedAt(), s.finishedAt(), s.updatedAt());
    }

    /** The importer's rights, as the job recorded them when it was asked for. */
    @Override
    public Principal requester() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (requestedRoles != null) {
            requestedRoles.forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        }
        return new Principal(requestedBy, "", requestedOrg == null ? "" : requestedOrg, roles);
    }

    /** The checkpoint and counts after writing up to {@code row}. */
    ImportJob progressed(Rows newRows, long row, List<Rejected> rejected) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, status, newRows, reportKey, error,
                row, List.copyOf(rejected), attempt, requestedBy, requestedOrg, requestedRoles, source, version,
                createdAt, startedAt, finishedAt, updatedAt);
    }

    /** With its error report. */
    ImportJob reported(String newReportKey) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, status, rows, newReportKey, error,
                checkpointRow, rejectedAtWrite, attempt, requestedBy, requestedOrg, requestedRoles, source, version,
                createdAt, startedAt, finishedAt, updatedAt);
    }

    /** Pinned to the object version of its first run (a key can be uploaded again). */
    ImportJob pinnedTo(String newVersionId, String newETag) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId != null ? versionId : newVersionId,
                eTag != null ? eTag : newETag, status, rows, reportKey, error, checkpointRow, rejectedAtWrite,
                attempt, requestedBy, requestedOrg, requestedRoles, source, version, createdAt, startedAt,
                finishedAt, updatedAt);
    }

    /** A job for another version of this job's object, for the same requester. */
    ImportJob asReplacement(String newId, String newVersionId, String newETag, String now) {
        return pending(newId, kind, bucket, key, fileName, newVersionId, newETag, requestedBy, requestedOrg,
                requestedRoles, source, 0, now);
    }
}
