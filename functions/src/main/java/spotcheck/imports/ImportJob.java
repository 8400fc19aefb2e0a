package spotcheck.imports;

import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * One import of one uploaded file: where the file is, how far the import has got (a
 * checkpoint: every accepted row up to {@code checkpointRow} is written, with the counts
 * so far), and how it ended. {@code attempt} grows each time a run takes the job over, so
 * a run that was superseded notices at its next checkpoint and stops.
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
        long attempt,
        String requestedBy,
        String requestedOrg,
        List<String> requestedRoles,
        String source,
        long version,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<ImportJob> KIND = new EntityKind<>("IMP", "import", ImportJob.class, false);
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /**
     * Row counts: {@code total} data rows; {@code imported} = created + updated + unchanged;
     * {@code rejected} rows failed validation or repeat an earlier row ({@code duplicates} of them).
     */
    public record Rows(long total, long imported, long rejected, long created, long updated, long unchanged,
                       long duplicates) {
        public static final Rows NONE = new Rows(0, 0, 0, 0, 0, 0, 0);
    }

    /** Why a file failed as a whole. */
    public record Failure(String code, String message) { }

    @Override
    public String id() {
        return importId;
    }

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    ImportJob with(String status, Rows rows, long checkpointRow, String reportKey, Failure error, long version,
                   String startedAt, String finishedAt, String now) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, status, rows, reportKey, error,
                checkpointRow, attempt, requestedBy, requestedOrg, requestedRoles, source, version, createdAt,
                startedAt, finishedAt, now);
    }

    /** A job for another version of this job's object, for the same requester. */
    ImportJob asReplacement(String newId, String newVersionId, String newETag, String now) {
        return new ImportJob(newId, kind, bucket, key, fileName, newVersionId, newETag, PENDING, Rows.NONE, null,
                null, 0, 0, requestedBy, requestedOrg, requestedRoles, source, 0, now, null, null, now);
    }

    ImportJob claimedBy(long attempt, String versionId, String eTag, long version, String now) {
        return new ImportJob(importId, kind, bucket, key, fileName, versionId, eTag, RUNNING, rows, reportKey, error,
                checkpointRow, attempt, requestedBy, requestedOrg, requestedRoles, source, version, createdAt,
                startedAt == null ? now : startedAt, finishedAt, now);
    }
}
