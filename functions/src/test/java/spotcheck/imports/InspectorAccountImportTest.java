package spotcheck.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.imports.CheckPass.Pending;
import spotcheck.jobs.JobRunner;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Inspector;
import spotcheck.roster.InspectorAccess;
import spotcheck.roster.InspectorService;
import spotcheck.roster.InspectorService.InspectorInput;
import spotcheck.roster.RosterColumns;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.MemoryFiles;
import spotcheck.store.MemoryStore;

/**
 * An inspector import's 账号 column (accountId) on the in-memory store: an operator's row that would link, change or
 * remove a login is rejected into the error report with the reason, the other rows of the same file are imported, an
 * empty cell keeps the stored login; an administrator's file sets, changes and removes it.
 */
class InspectorAccountImportTest {
    static final List<String> HEADER = List.of("姓名", "单位/科室", "执法证号", "有效期至", "业务专长", "账号");

    @TempDir
    Path work;
    final MemoryStore store = new MemoryStore(CLOCK);
    final MemoryFiles bucket = new MemoryFiles();
    final InspectorService inspectors = new InspectorService(store);

    @BeforeEach
    void roster() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, null));
        inspector("GD-A", "sub-a");
        inspector("GD-B", null);
        inspector("GD-C", "sub-c");
        inspector("GD-F", "sub-f");
    }

    void inspector(String certificateNo, String accountId) {
        inspectors.create(ADMIN, new InspectorInput("王五", "hy-forest", certificateNo, "2027-12-31", List.of(),
                List.of("林业"), List.of(), accountId));
    }

    static List<String> row(String certificateNo, String expertise, String account) {
        return List.of("王五", "hy-forest", certificateNo, "2027-12-31", expertise, account);
    }

    static final List<List<String>> FILE = List.of(
            row("GD-A", "林业", "op-1"),        // 2: changes A's login to the operator's own
            row("GD-B", "林业", "op-1"),        // 3: links B
            row("GD-C", "林业、野生动物", ""),    // 4: empty: keeps sub-c; expertise changes
            row("GD-D", "林业", "sub-d"),       // 5: a new inspector with a login
            row("GD-E", "林业", ""),            // 6: a new inspector without
            row("GD-F", "林业、湿地", "sub-f"));  // 7: the login as stored; expertise changes

    ImportJob run(String importId, String requestedBy, String org, String role, List<List<String>> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.csvWriter(out)) {
            w.writeRow(HEADER);
            for (List<String> r : rows) {
                w.writeRow(r);
            }
        }
        String key = "imports/inspectors/" + importId + "/人员.csv";
        bucket.files.put(key, out.toByteArray());
        store.create(ImportJob.KIND, ImportJob.pending(importId, "inspectors", "uploads", key, "人员.csv", null, null,
                requestedBy, org, List.of(role), "api", 1, CLOCK.instant().toString()), ADMIN);
        JobRunner runner = new JobRunner(store, (function, event) -> { }, CLOCK,
                () -> new JobRunner.Rhythm(5_000, 30_000, Long.MAX_VALUE));
        ImportProcessor processor = new ImportProcessor(runner, store, bucket, CLOCK,
                new ImportProcessor.Settings(SheetLimits.DEFAULT, work));
        return processor.run(new ImportProcessor.Upload("uploads", key, "v1", "etag", out.size(), "00"),
                new JobRunner.Invocation("req-" + importId, "spotcheck-ImportFunction", () -> "{}",
                        () -> Long.MAX_VALUE)).orElseThrow().job();
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

    Inspector stored(String certificateNo) {
        return store.require(Inspector.KIND, "INS-" + certificateNo);
    }

    @Test
    void anOperatorsRowsThatWouldLinkOrChangeALoginAreRejectedAndTheOthersImported() throws Exception {
        ImportJob job = run("IMP-0000000000000001", "op-1", "hy-forest", "operator", FILE);
        assertThat(job.status()).isEqualTo("succeeded");
        // 6 rows: C and F updated, E created; A, B and D rejected
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(6, 3, 3, 1, 2, 0, 0));
        assertThat(stored("GD-A").accountId()).isEqualTo("sub-a");
        assertThat(stored("GD-A").version()).isEqualTo(1);
        assertThat(stored("GD-B").accountId()).isNull();
        assertThat(stored("GD-C").accountId()).isEqualTo("sub-c");
        assertThat(stored("GD-C").expertise()).containsExactly("林业", "野生动物");
        assertThat(store.get(Inspector.KIND, "INS-GD-D")).isEmpty();
        assertThat(stored("GD-E").accountId()).isNull();
        assertThat(stored("GD-F").accountId()).isEqualTo("sub-f");
        assertThat(stored("GD-F").expertise()).containsExactly("林业", "湿地");
        assertThat(inspectors.byAccount("op-1")).isEmpty();
        List<List<String>> report = report(job);
        assertThat(report).extracting(r -> r.get(2), r -> r.get(HEADER.size()), r -> r.get(HEADER.size() + 1))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GD-A", "2", InspectorAccess.ACCOUNT_ADMIN_ONLY),
                        org.assertj.core.groups.Tuple.tuple("GD-B", "3", InspectorAccess.ACCOUNT_ADMIN_ONLY),
                        org.assertj.core.groups.Tuple.tuple("GD-D", "5", InspectorAccess.ACCOUNT_ADMIN_ONLY));
    }

    @Test
    void anAdministratorsFileSetsChangesAndRemovesLogins() throws Exception {
        ImportJob job = run("IMP-0000000000000002", "admin-1", "hy-bureau", "admin", List.of(
                row("GD-A", "林业", "sub-a9"),   // changes A's login
                row("GD-B", "林业", "sub-b"),    // links B
                row("GD-C", "林业", ""),         // an administrator's empty cell removes C's
                row("GD-D", "林业", "sub-d"),    // a new inspector with a login
                row("GD-E", "林业", ""),
                row("GD-F", "林业、湿地", "sub-f")));
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(6, 6, 0, 2, 4, 0, 0));
        assertThat(stored("GD-A").accountId()).isEqualTo("sub-a9");
        assertThat(stored("GD-B").accountId()).isEqualTo("sub-b");
        assertThat(stored("GD-C").accountId()).isNull();
        assertThat(stored("GD-D").accountId()).isEqualTo("sub-d");
        assertThat(stored("GD-E").accountId()).isNull();
        assertThat(stored("GD-F").accountId()).isEqualTo("sub-f");
        assertThat(inspectors.byAccount("sub-a")).isEmpty();
        assertThat(inspectors.byAccount("sub-b")).map(Inspector::inspectorId).contains("INS-GD-B");
    }

    /** The login changed between the two passes: the writing pass holds the row to what is stored then. */
    @Test
    void theWritingPassRefusesARowWhoseLoginWasChangedSinceItWasChecked() throws Exception {
        Inspector a = stored("GD-A");
        inspectors.update(ADMIN, a.inspectorId(), new InspectorService.InspectorUpdate(a.inspectorId(), a.name(),
                a.org(), a.certificateNo(), a.certificateValidUntil(), a.qualifiedItems(), a.expertise(), null, null,
                a.conflicts(), "sub-a2", null, a.version(), null, null));
        RowKind<Inspector> kind = new InspectorRows();
        HeaderMap columns = HeaderMap.of(HEADER, RosterColumns.INSPECTORS);
        SheetReader.Row row = new SheetReader.Row(2, row("GD-A", "林业、湿地", "sub-a"));
        Inspector fromFile = new Inspector(a.inspectorId(), a.name(), a.org(), a.certificateNo(),
                a.certificateValidUntil(), List.of(), List.of("林业", "湿地"), "active", null, List.of(), "sub-a", null,
                1, null, null);
        RowWriter<Inspector> writer = new RowWriter<>(kind, store, OPERATOR, "IMP-0000000000000003", CLOCK,
                ImportJob.Rows.NONE);
        List<String> reasons = new ArrayList<>();
        writer.write(columns, List.of(new Pending<>(row, fromFile)), 2, (r, reason) -> reasons.add(reason));
        assertThat(reasons).containsExactly(InspectorAccess.ACCOUNT_ADMIN_ONLY);
        assertThat(stored("GD-A").accountId()).isEqualTo("sub-a2");
        assertThat(stored("GD-A").expertise()).containsExactly("林业");
    }
}
