package spotcheck.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spotcheck.roster.Inspector;
import spotcheck.roster.References;
import spotcheck.roster.RosterColumns;
import spotcheck.roster.RosterEntry;
import spotcheck.roster.Target;
import spotcheck.roster.TargetRules;
import spotcheck.sheets.Column;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.Versioned;
import spotcheck.validation.Checks;

/**
 * An export row, written to a real .csv or .xlsx and read back by the import's own parsing,
 * gives back the very entity it was written from: every column, including values a
 * spreadsheet would take for formulas, private fields, statuses with reasons and lists.
 */
class ExportRowsReimportTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    /** Ids resolve to themselves, as stored references do. */
    private static final References IDS = new References() {
        private final Set<String> counties = Set.of("dongyuan", "heping");

        @Override
        public Optional<String> county(String id) {
            return counties.contains(id) ? Optional.of(id) : Optional.empty();
        }

        @Override
        public Optional<String> org(String id) {
            return Optional.of(id);
        }

        @Override
        public Optional<String> item(String id) {
            return id.startsWith("ITEM-") ? Optional.of(id) : Optional.empty();
        }
    };

    @TempDir
    Path dir;

    static List<Target> targets() {
        return List.of(
                new Target("91441625MA4UJ8KX28", "91441625MA4UJ8KX28", "=东源县仙塘木材加工厂", "enterprise", "dongyuan",
                        List.of("ITEM-A", "ITEM-B"), "C", "active", null, "@张三", "-河源市东源县仙塘镇", "+8613800138000",
                        "360426199101010071", List.of(), null, 3, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
                // a checksum that fails is kept and flagged; the reason of a deregistration is kept
                new Target("91441625MA4UJ8KX29", "91441625MA4UJ8KX29", "＝仙塘苗圃", "individual", "heping", List.of(),
                        "A", "deregistered", "2026年3月注销登记", "＋李四", "＠仙塘镇", "13800138000", null,
                        List.of("credit_code_checksum"), "IMP-1", 2, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
                new Target(TargetRules.naturalId(null, "'蓝口镇苗木产品", "dongyuan"), null, "'蓝口镇苗木产品", "product", "dongyuan", List.of("ITEM-A"), "D",
                        "active", null, "－王二", "'=不是公式", "07623312345", null, List.of(), null, 1,
                        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    }

    static List<Inspector> inspectors() {
        return List.of(
                new Inspector("INS-44160020001", "=王五", "dept-resources", "44160020001", "2027-12-31",
                        List.of("ITEM-A", "ITEM-B"), List.of("-森林资源", "林业有害生物"), "active", null,
                        List.of("91441625MA4UJ8KX28", "T-0123456789ABCDEF"), "=auth0|5f1c2a", null, 4, "2026-01-01T00:00:00Z",
                        "2026-02-01T00:00:00Z"),
                new Inspector("INS-44160020002", "＋赵六", "dongyuan", "44160020002", "2025-06-30", List.of(),
                        List.of("＝野生动物"), "inactive", "调离：2026年6月调往省林业局", List.of(), null, "IMP-2", 2,
                        "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void targetExportRowsImportAsTheSameTargets(String format) throws Exception {
        roundTrip(new TargetRows(), RosterColumns.TARGETS, targets(), format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void inspectorExportRowsImportAsTheSameInspectors(String format) throws Exception {
        roundTrip(new InspectorRows(), RosterColumns.INSPECTORS, inspectors(), format);
    }

    private <T extends RosterEntry> void roundTrip(RowKind<T> kind, List<Column<T>> columns, List<T> entities,
                                                 String format) throws Exception {
        Path file = dir.resolve("export." + format);
        try (OutputStream out = Files.newOutputStream(file);
             SheetWriter w = "csv".equals(format) ? Sheets.csvWriter(out) : Sheets.xlsxWriter(out, "export")) {
            w.writeRow(columns.stream().map(Column::header).toList());
            for (T e : entities) {
                w.writeRow(columns.stream().map(c -> c.cell(e)).toList());
            }
        }
        List<T> imported = new ArrayList<>();
        try (SheetReader r = Sheets.open(file, file.getFileName().toString(), SheetLimits.DEFAULT)) {
            HeaderMap header = HeaderMap.of(r.header(), kind.columns());
            for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                T stored = entities.get(imported.size());
                Checks checks = new Checks();
                T parsed = kind.check(header, row.cells(), IDS, TODAY, checks).orElseThrow(() ->
                        new AssertionError(checks.problems().toString())).entity();
                // as the import does: the row merged onto what is stored, with the stored bookkeeping
                T merged = kind.merge(stored, parsed, header, row.cells());
                assertThat(kind.sameContent(stored, merged)).as("%s", merged).isTrue();
                imported.add(kind.stamp(merged, stored.version(), stored.createdAt(), updatedAt(stored),
                        stored.importId()));
            }
        }
        assertThat(imported).containsExactlyElementsOf(entities);
    }

    private static String updatedAt(Versioned e) {
        return e instanceof Target t ? t.updatedAt() : ((Inspector) e).updatedAt();
    }
}
