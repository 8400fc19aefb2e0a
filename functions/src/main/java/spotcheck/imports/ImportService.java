package spotcheck.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.jobs.Failure;
import spotcheck.jobs.JobSweeper;
import spotcheck.sheets.Column;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.Store;
import spotcheck.store.FileStore;
import spotcheck.store.EntityStore.Filter;
import spotcheck.validation.Checks;
import spotcheck.core.Ids;

/**
 * The API side of imports: a job and a presigned upload URL for a file, the job's status
 * and report, the jobs of an object key, and the templates.
 */
public final class ImportService {
    static final Duration UPLOAD_URL_VALIDITY = Duration.ofMinutes(15);
    static final Duration REPORT_URL_VALIDITY = Duration.ofMinutes(15);
    private static final Pattern FILE_NAME = Pattern.compile("^[^/\\\\\\p{Cntrl}]{1,200}\\.(?i:csv|xlsx)$");

    private final Store store;
    private final FileStore files;
    private final String bucket;
    private final Clock clock;
    private final ImportAccess access = ImportAccess.POLICY;

    public ImportService(Store store, FileStore files, String bucket, Clock clock) {
        this.store = store;
        this.files = files;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** POST /imports body. */
    public record StartInput(String kind, String fileName) { }

    /** POST /imports answer. */
    public record Started(String importId, String status, String bucket, String key, String uploadUrl,
                          String uploadMethod, String expiresAt) { }

    /** What GET /imports/{id} shows of a job. */
    public record ImportView(String importId, String kind, String status, String fileName, String key,
                             ImportJob.Rows rows, Failure error, String reportKey, String reportUrl,
                             String requestedBy, String source, String createdAt, String startedAt,
                             String finishedAt, String updatedAt, boolean stalled, long version) { }

    /** A running import that has not moved for longer than the import function may run is stuck. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(16);

    /**
     * When the sweeper ends an import nobody works on: running, when nothing has moved for longer than a run and
     * Lambda's two retries of a crashed one can take (15 + 1 + 2 minutes, and a margin); pending, when no file has
     * come long after the upload URL expired (a slow upload started just in time still arrives).
     */
    public static final JobSweeper.Staleness<ImportJob> STALENESS = new JobSweeper.Staleness<>(ImportJob.KIND,
            Duration.ofMinutes(30), new Failure("stalled", "导入已中断：超过 30 分钟没有进展，已停止；已写入的行保留，"
                    + "请重新上传文件以导入其余的行。(The import made no progress for more than 30 minutes and was"
                    + " stopped. Rows already written are kept; upload the file again to import the rest.)"),
            UPLOAD_URL_VALIDITY.plusHours(1), new Failure("upload_missing", "未收到上传的文件：上传链接在 15 分钟后"
                    + "已过期，请重新发起导入。(No file arrived before the upload link expired after 15 minutes; start"
                    + " the import again.)"));

    public Started start(Actor actor, StartInput in) {
        Checks checks = new Checks().oneOf("kind", in.kind(), RowKind.ALL.keySet());
        if (in.fileName() == null || in.fileName().isBlank()) {
            checks.problem("fileName", "fileName is required, e.g. 检查对象名录.xlsx");
        } else if (!FILE_NAME.matcher(in.fileName().trim()).matches()) {
            checks.problem("fileName", "fileName must end in .csv or .xlsx, have at most 200 characters and no"
                    + " slashes or control characters");
        }
        Principal p = actor.principal();
        access.requireStart(p, in.kind());
        checks.throwIfAny("The import request is not valid");
        String importId = Ids.random("IMP-", 16);
        String fileName = in.fileName().trim();
        String key = "imports/" + in.kind() + "/" + importId + "/" + fileName;
        String now = clock.instant().toString();
        ImportJob job = ImportJob.pending(importId, in.kind(), bucket, key, fileName, null, null, p.subject(), p.org(),
                p.roles().stream().map(Role::claimValue).sorted().toList(), "api", 1, now);
        store.create(ImportJob.KIND, job, actor);
        String url = files.presignPut(bucket, key, UPLOAD_URL_VALIDITY);
        return new Started(importId, job.status(), bucket, key, url, "PUT",
                clock.instant().plus(UPLOAD_URL_VALIDITY).toString());
    }

    public ImportView get(Principal reader, String importId) {
        ImportJob job = store.get(ImportJob.KIND, importId).filter(j -> access.mayRead(reader, j)).orElseThrow(() ->
                DomainException.notFound("No import with id '" + importId + "'"));
        return view(reader, job);
    }

    /** Every import of one object key, newest first (a key can be uploaded again). */
    public Page<ImportView> byKey(Principal reader, String key) {
        if (!key.startsWith("imports/")) {
            throw DomainException.invalid("key", "Import keys start with imports/, e.g. imports/targets/名录.csv");
        }
        List<ImportJob> found = new ArrayList<>();
        String next = null;
        do {
            Page<ImportJob> page = store.list(ImportJob.KIND, List.of(Filter.eq("key", key)), 200, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return new Page<>(found.stream().filter(j -> access.mayRead(reader, j))
                .sorted(Comparator.comparing(ImportJob::createdAt).reversed()).map(j -> view(reader, j)).toList(), null);
    }

    /** The template of a kind: its header row, as .xlsx or .csv. */
    public byte[] template(String kind, String format) {
        RowKind<?> k = RowKind.named(kind).orElseThrow(() -> DomainException.notFound("No import template for '" + kind
                + "'; there are: " + String.join(", ", RowKind.ALL.keySet().stream().sorted().toList())));
        List<String> header = k.columns().stream().filter(Column::imported).map(Column::header).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = "csv".equals(format) ? Sheets.csvWriter(out) : Sheets.xlsxWriter(out, k.templateName())) {
            w.writeRow(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String templateFileName(String kind, String format) {
        return RowKind.named(kind).map(RowKind::templateName).orElse(kind) + "." + format.toLowerCase(Locale.ROOT);
    }

    private ImportView view(Principal reader, ImportJob j) {
        // The report repeats the file's rows, private fields included: only for those who may see them.
        String reportUrl = j.reportKey() == null || !access.seesPrivate(reader, j) ? null
                : files.presignGet(j.bucket(), j.reportKey(), REPORT_URL_VALIDITY);
        boolean stalled = ImportJob.RUNNING.equals(j.status()) && j.updatedAt() != null
                && java.time.Instant.parse(j.updatedAt()).plus(STALLED_AFTER).isBefore(clock.instant());
        return new ImportView(j.importId(), j.kind(), j.status(), j.fileName(), j.key(), j.rows(), j.error(),
                j.reportKey(), reportUrl, j.requestedBy(), j.source(), j.createdAt(), j.startedAt(), j.finishedAt(),
                j.updatedAt(), stalled, j.version());
    }


}
