package spotcheck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import spotcheck.imports.HeaderMap;
import spotcheck.imports.RowKind;
import spotcheck.roster.References;
import spotcheck.roster.StoredReferences;
import spotcheck.roster.Target;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.store.EntityStore;
import spotcheck.store.FileStore;
import spotcheck.validation.Checks;

/**
 * The baseline: what one would write first. Downloads the same object, reads it once with the
 * same reader and row checks as the import, and puts each good row with its own PutItem, in the
 * same stored form. No job, checkpoints, error report, audit or version checks.
 */
final class NaiveWriter {
    /** An importId as long as a real one, so items are the same size as the import's. */
    static final String IMPORT_ID = "IMP-NAIVE00000000000";

    /** Rows read, rows written, and the elapsed nanoseconds at each tenth of the rows (for the size trend). */
    record Result(long rows, long written, long[] tenths) { }

    private NaiveWriter() { }

    @SuppressWarnings("unchecked")
    static Result run(DynamoDbClient dynamo, String table, EntityStore store, FileStore files, String bucket,
                      String key, int expectedRows, Path workDir, Clock clock) throws Exception {
        long t0 = System.nanoTime();
        RowKind<Target> kind = (RowKind<Target>) RowKind.named("targets").orElseThrow();
        References refs = new StoredReferences(store);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        Path file = Files.createTempFile(workDir, "naive-", ".upload");
        long rows = 0;
        long written = 0;
        long[] tenths = new long[10];
        try {
            files.download(bucket, key, null, file);
            try (SheetReader reader = Sheets.open(file, key.substring(key.lastIndexOf('/') + 1), SheetLimits.DEFAULT)) {
                HeaderMap columns = HeaderMap.of(reader.header(), kind.columns());
                for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                    Optional<RowKind.Checked<Target>> checked = kind.check(columns, row.cells(), refs, today,
                            new Checks());
                    if (checked.isPresent()) {
                        String now = clock.instant().toString();
                        Target t = kind.stamp(checked.get().entity(), 1, now, now, IMPORT_ID);
                        dynamo.putItem(p -> p.tableName(table).item(EntityStore.currentItem(Target.KIND, t)));
                        written++;
                    }
                    int tenth = (int) (rows * 10 / Math.max(1, expectedRows)) - 1;
                    if (tenth >= 0 && tenth < 10 && tenths[tenth] == 0) {
                        tenths[tenth] = System.nanoTime() - t0;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new Result(rows, written, tenths);
    }
}
