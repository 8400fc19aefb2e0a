package spotcheck.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import spotcheck.core.Principal;
import spotcheck.jobs.Failure;
import spotcheck.jobs.Job;
import spotcheck.jobs.JobState;
import spotcheck.jobs.JobSweeper;
import spotcheck.store.EntityKind;

/**
 * One day's publication run and the batch it exports ({@code GET /publications/{batchId}}). Its id is
 * {@code PUB-YYYY-MM-DD}, the run's date in Asia/Shanghai, so a repeated or overlapping run of the same day claims
 * the same job: a finished one is left as it is, an unfinished one resumes from its checkpoint. Its steps:
 * {@code publish} (the reviewed results due by {@code date} are published; {@code cursor} is where the due list was
 * read to), then for each {@link RowSource} its {@link BatchFile}: the ids waiting are collected, the files written,
 * the records marked as exported. {@code published} counts the results this run published, {@code skipped} those
 * due but left (a voided draw's).
 */
public record PublicationBatch(
        String batchId,
        String date,
        String runAt,
        String stage,
        String cursor,
        int published,
        int skipped,
        List<BatchFile> files,
        String status,
        long attempt,
        Failure error,
        long version,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt) implements Job<PublicationBatch> {

    public static final EntityKind<PublicationBatch> KIND = new EntityKind<>("PUB", "publication",
            PublicationBatch.class, false).withIndexKeys(JobSweeper.openJobKeys("PUB"));
    public static final String PUBLISH = "publish";
    public static final String EXPORT = "export";
    public static final String DONE = "done";
    /** Who a run acts for: the schedule (its writes are audited under this name). */
    static final Principal RUNNER = new Principal("publication-run", "daily publication run", "", Set.of());

    /**
     * One file of the batch, from one row source: the ids it exports (collected once, in order, while
     * {@code collected} is false, up to {@code cursor}; at most a cap per batch, so a collected file whose
     * {@code cursor} is not null left the rest for the next batch), the number of rows written, where the CSV and
     * XLSX files are (set once written), and how many of the ids are marked exported.
     */
    public record BatchFile(String source, List<String> ids, boolean collected, String cursor, int rows,
                            String csvKey, String xlsxKey, int marked) {
        public BatchFile {
            ids = ids == null ? List.of() : List.copyOf(ids);
        }

        static BatchFile start(String source) {
            return new BatchFile(source, List.of(), false, null, 0, null, null, 0);
        }

        /**
         * The ids collected so far and one more page of them, read to {@code next}: collected once the list has
         * been read to its end or holds {@code max} ids (the rest wait for the next batch).
         */
        BatchFile collecting(List<String> more, String next, int max) {
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(ids);
            for (String id : more) {
                if (all.size() >= max) {
                    break;
                }
                all.add(id);
            }
            return new BatchFile(source, new ArrayList<>(all), next == null || all.size() >= max, next, rows, csvKey,
                    xlsxKey, marked);
        }

        BatchFile written(int n, String csv, String xlsx) {
            return new BatchFile(source, ids, collected, cursor, n, csv, xlsx, marked);
        }

        BatchFile marking(int n) {
            return new BatchFile(source, ids, collected, cursor, rows, csvKey, xlsxKey, n);
        }
    }

    public PublicationBatch {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static String idFor(String date) {
        return "PUB-" + date;
    }

    /** A new day's batch, not started. */
    static PublicationBatch fresh(String date, String runAt, String now) {
        return new PublicationBatch(idFor(date), date, runAt, PUBLISH, null, 0, 0, List.of(), JobState.PENDING, 0,
                null, 0, now, null, null, now);
    }

    @Override
    public String id() {
        return batchId;
    }

    @Override
    public JobState state() {
        return new JobState(status, attempt, error, version, startedAt, updatedAt, finishedAt);
    }

    @Override
    public PublicationBatch withState(JobState s) {
        return new PublicationBatch(batchId, date, runAt, stage, cursor, published, skipped, files, s.status(),
                s.attempt(), s.failure(), s.version(), createdAt, s.startedAt(), s.finishedAt(), s.updatedAt());
    }

    @Override
    public Principal requester() {
        return RUNNER;
    }

    /** Step 1 read to {@code next} (null: done, the export comes next), with these totals. */
    PublicationBatch publishing(String next, int publishedTotal, int skippedTotal) {
        return new PublicationBatch(batchId, date, runAt, next == null ? EXPORT : PUBLISH, next,
                publishedTotal, skippedTotal, files, status, attempt, error, version, createdAt,
                startedAt, finishedAt, updatedAt);
    }

    /** The file of a source as far as it got (a new one when the run has not reached it). */
    BatchFile file(String source) {
        return files.stream().filter(f -> f.source().equals(source)).findFirst().orElse(BatchFile.start(source));
    }

    PublicationBatch with(BatchFile file) {
        List<BatchFile> list = new ArrayList<>(files);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).source().equals(file.source())) {
                at = i;
            }
        }
        if (at >= 0) {
            list.set(at, file);
        } else {
            list.add(file);
        }
        return new PublicationBatch(batchId, date, runAt, stage, cursor, published, skipped, list, status, attempt,
                error, version, createdAt, startedAt, finishedAt, updatedAt);
    }

    PublicationBatch done() {
        return new PublicationBatch(batchId, date, runAt, DONE, null, published, skipped, files, status, attempt,
                error, version, createdAt, startedAt, finishedAt, updatedAt);
    }
}
