package spotcheck.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.jobs.JobRunner;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Item;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;

/** The import job on the in-memory store and an in-memory bucket: the writing pass's refusals, and resuming. */
class ImportProcessorTest {
    static final List<String> HEADER = List.of("事项编号", "事项名称", "实施部门", "事项类别", "检查依据", "抽查内容",
            "检查方式", "检查对象类型");

    @TempDir
    Path work;
    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles bucket = new MemoryFiles();
    final List<String> continued = new ArrayList<>();

    @BeforeEach
    void departments() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "森林资源管理科", "department", "hy-bureau", null, null));
    }

    ImportProcessor processor(long sliceMillis) {
        JobRunner runner = new JobRunner(store, (function, event) -> continued.add(event), CLOCK,
                () -> new JobRunner.Rhythm(5_000, 30_000, sliceMillis));
        return new ImportProcessor(runner, store, bucket, CLOCK, new ImportProcessor.Settings(SheetLimits.DEFAULT,
                work));
    }

    static List<String> item(String id, String name) {
        return List.of(id, name, "hy-forest", "一般", "《森林法》", "检查内容", "实地核查", "企业");
    }

    ImportProcessor.Upload upload(String key, List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.csvWriter(out)) {
            w.writeRow(HEADER);
            for (List<String> row : rows) {
                w.writeRow(row);
            }
        }
        bucket.files.put(key, out.toByteArray());
        return new ImportProcessor.Upload("uploads", key, "v1", "etag-1", out.size(), "00AB");
    }

    static JobRunner.Invocation invocation(String requestId) {
        LongSupplier plenty = () -> Long.MAX_VALUE;
        return new JobRunner.Invocation(requestId, "spotcheck-ImportFunction", () -> "{\"Records\":[]}", plenty);
    }

    List<List<String>> report(ImportJob job) throws IOException, SheetException {
        Path file = work.resolve("report.csv");
        Files.write(file, bucket.files.get(job.reportKey()));
        List<List<String>> rows = new ArrayList<>();
        try (SheetReader r = Sheets.open(file, "report.csv", SheetLimits.DEFAULT)) {
            for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row.cells());
            }
        }
        return rows;
    }

    @Test
    void aRowTheStoreRefusesWhenWritingIsRejectedWithItsReasonAndTheRestIsImported() throws Exception {
        ImportProcessor.Upload u = upload("imports/items/事项.csv", List.of(item("ITEM-N1", "野生植物检查"),
                item("ITEM-N2", "野生植物检查"), item("ITEM-N3", "木材经营检查")));
        ImportJob job = processor(Long.MAX_VALUE).run(u, invocation("req-1")).orElseThrow().job();
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(3, 2, 1, 2, 0, 0, 0));
        assertThat(store.get(Item.KIND, "ITEM-N1")).isPresent();
        assertThat(store.get(Item.KIND, "ITEM-N2")).isEmpty();
        assertThat(store.get(Item.KIND, "ITEM-N3")).isPresent();
        assertThat(job.rejectedAtWrite()).containsExactly(new ImportJob.Rejected(3, "The item 'ITEM-N1' already has"
                + " the name '野生植物检查' in department 'hy-forest'"));
        List<List<String>> report = report(job);
        assertThat(report).hasSize(1);
        assertThat(report.get(0).subList(0, 2)).containsExactly("ITEM-N2", "野生植物检查");
        assertThat(report.get(0).get(8)).isEqualTo("3");
        assertThat(report.get(0).get(9)).isEqualTo("The item 'ITEM-N1' already has the name '野生植物检查' in"
                + " department 'hy-forest'");
        assertThat(continued).isEmpty();
    }

    /** 150 rows, a refused one in the first chunk; the run stops after that chunk and the next one finishes. */
    @Test
    void aRefusedRowBeforeTheCheckpointIsStillInTheReportOfTheRunThatFinishes() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rows.add(item(String.format("ITEM-R%03d", i), "检查事项" + (i == 4 ? 3 : i)));
        }
        ImportProcessor.Upload u = upload("imports/items/长清单.csv", rows);
        JobRunner.Outcome<ImportJob> first = processor(0).run(u, invocation("req-1")).orElseThrow();
        assertThat(first.ending()).isEqualTo(JobRunner.Ending.PAUSED);
        assertThat(first.job().checkpointRow()).isEqualTo(101);
        assertThat(first.job().rows()).isEqualTo(new ImportJob.Rows(150, 99, 1, 99, 0, 0, 0));
        assertThat(continued).containsExactly("{\"Records\":[]}");

        JobRunner.Outcome<ImportJob> second = processor(Long.MAX_VALUE).run(u, invocation("req-2")).orElseThrow();
        ImportJob job = second.job();
        assertThat(second.ending()).isEqualTo(JobRunner.Ending.FINISHED);
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(150, 149, 1, 149, 0, 0, 0));
        List<List<String>> report = report(job);
        assertThat(report).hasSize(1);
        assertThat(report.get(0).get(0)).isEqualTo("ITEM-R004");
        assertThat(report.get(0).get(8)).isEqualTo("6");
        assertThat(report.get(0).get(9)).contains("'ITEM-R003' already has the name '检查事项3'");
        assertThat(store.audit()).filteredOn(a -> a.entity().startsWith("import-rows/"))
                .extracting(a -> a.changedFields().size()).containsExactly(99, 50);
    }
}
