package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.sheets.TestFiles.write;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

class WritersTest {
    static final List<String> HEADER = List.of("统一社会信用代码", "名称", "备注", "金额");
    static final List<String> ROW = Arrays.asList("91350100M000100Y43", "仙塘镇\"农贸\"市场, 东源县", "第一行\r\n第二行", null);
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\")", "+86 138", "-5", "@SUM(A1)");

    @TempDir
    Path dir;

    @Test
    void csvIsUtf8WithBomCrlfAndRfc4180Quotes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.csvWriter(out)) {
            w.writeRow(HEADER);
            w.writeRow(ROW);
            w.writeRow(FORMULAS);
        }
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "统一社会信用代码,名称,备注,金额\r\n"
                + "91350100M000100Y43,\"仙塘镇\"\"农贸\"\"市场, 东源县\",\"第一行\r\n第二行\",\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",'+86 138,'-5,'@SUM(A1)\r\n");
    }

    @Test
    void csvReadsBackAsWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.csvWriter(out)) {
            w.writeRow(HEADER);
            w.writeRow(ROW);
            w.writeRow(FORMULAS);
        }
        try (SheetReader r = Sheets.open(write(dir, "out.csv", out.toByteArray()), "out.csv", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-8, comma-separated)");
            assertThat(r.header()).isEqualTo(HEADER);
            assertThat(r.next()).isEqualTo(new Row(2, List.of("91350100M000100Y43", "仙塘镇\"农贸\"市场, 东源县",
                    "第一行\r\n第二行", "")));
            assertThat(r.next()).isEqualTo(new Row(3, List.of("'=HYPERLINK(\"http://x\")", "'+86 138", "'-5",
                    "'@SUM(A1)")));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void xlsxReadsBackAsWrittenAndHoldsOnlyText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.xlsxWriter(out, "抽查结果")) {
            w.writeRow(HEADER);
            w.writeRow(ROW);
            w.writeRow(FORMULAS);
            w.writeRow(List.of("13800138000", "0012", "2024-03-15", "TRUE"));
        }
        Path file = write(dir, "out.xlsx", out.toByteArray());
        try (SheetReader r = Sheets.open(file, "out.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("XLSX");
            assertThat(r.header()).isEqualTo(HEADER);
            assertThat(r.next()).isEqualTo(new Row(2, List.of("91350100M000100Y43", "仙塘镇\"农贸\"市场, 东源县",
                    "第一行\r\n第二行", "")));
            assertThat(r.next()).isEqualTo(new Row(3, List.of("'=HYPERLINK(\"http://x\")", "'+86 138", "'-5",
                    "'@SUM(A1)")));
            assertThat(r.next()).isEqualTo(new Row(4, List.of("13800138000", "0012", "2024-03-15", "TRUE")));
            assertThat(r.next()).isNull();
        }
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            String styles = new String(zip.getInputStream(zip.getEntry("xl/styles.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(sheet).contains("t=\"inlineStr\"").doesNotContain("<f>").doesNotContain("t=\"n\"")
                    .doesNotContain("t=\"s\"");
            assertThat(styles).contains("<b/>"); // the bold header
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("抽查结果");
        }
    }

    @Test
    void xlsxRefusesWhatExcelCouldNotOpen() throws Exception {
        try (SheetWriter w = Sheets.xlsxWriter(new ByteArrayOutputStream(), null)) {
            assertThatThrownBy(() -> w.writeRow(List.of("x".repeat(32_768))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 1, column 1 is longer than the 32767 characters Excel allows in a cell");
            w.writeRow(List.of("x".repeat(32_767)));
        }
    }

    @Test
    void neutralizeVectors() {
        assertThat(CellSafety.neutralize("=1+1")).isEqualTo("'=1+1");
        assertThat(CellSafety.neutralize("+8613800138000")).isEqualTo("'+8613800138000");
        assertThat(CellSafety.neutralize("-2+3")).isEqualTo("'-2+3");
        assertThat(CellSafety.neutralize("@SUM(1+1)")).isEqualTo("'@SUM(1+1)");
        assertThat(CellSafety.neutralize("\t=1")).isEqualTo("'\t=1");
        assertThat(CellSafety.neutralize("\r=1")).isEqualTo("'\r=1");
        assertThat(CellSafety.neutralize("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(CellSafety.neutralize("a=1")).isEqualTo("a=1");
        assertThat(CellSafety.neutralize(" =1")).isEqualTo(" =1");
        // a quote that is part of the value gets the guard too, so that an import can tell them apart
        assertThat(CellSafety.neutralize("'=1")).isEqualTo("''=1");
        assertThat(CellSafety.neutralize("仙塘镇")).isEqualTo("仙塘镇");
        assertThat(CellSafety.neutralize("\n=1")).isEqualTo("\n=1");
        assertThat(CellSafety.neutralize("")).isEmpty();
        assertThat(CellSafety.neutralize(null)).isEmpty();
    }

    @Test
    void aWorkbookOfSeveralSheetsReadsBackSheetBySheet() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWorkbookWriter book = Sheets.xlsxWorkbook(out)) {
            // more rows than are kept before a flush, so the first sheet is streamed before the second starts
            SheetWriter first = book.sheet("总览");
            first.writeRow(List.of("序号", "名称"));
            for (int i = 1; i <= 4_500; i++) {
                first.writeRow(List.of(String.valueOf(i), "行 " + i));
            }
            SheetWriter second = book.sheet("按县区");
            second.writeRow(HEADER);
            second.writeRow(ROW);
            second.writeRow(FORMULAS);
            assertThatThrownBy(() -> book.sheet("总览")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> book.sheet("a/b")).isInstanceOf(IllegalArgumentException.class);
        }
        Path file = write(dir, "book.xlsx", out.toByteArray());
        try (SheetReader r = Sheets.openSheet(file, "book.xlsx", "总览", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("序号", "名称");
            int rows = 0;
            for (Row row = r.next(); row != null; row = r.next()) {
                rows++;
                assertThat(row.cells()).containsExactly(String.valueOf(rows), "行 " + rows);
            }
            assertThat(rows).isEqualTo(4_500);
        }
        try (SheetReader r = Sheets.openSheet(file, "book.xlsx", "按县区", SheetLimits.DEFAULT)) {
            assertThat(r.header()).isEqualTo(HEADER);
            assertThat(r.next().cells()).containsExactly("91350100M000100Y43", "仙塘镇\"农贸\"市场, 东源县",
                    "第一行\r\n第二行", "");
            assertThat(r.next().cells()).containsExactly("'=HYPERLINK(\"http://x\")", "'+86 138", "'-5",
                    "'@SUM(A1)");
            assertThat(r.next()).isNull();
        }
        // the first sheet is what an upload of the workbook reads
        try (SheetReader r = Sheets.open(file, "book.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("序号", "名称");
        }
        assertThatThrownBy(() -> Sheets.openSheet(file, "book.xlsx", "按事项", SheetLimits.DEFAULT))
                .isInstanceOfSatisfying(SheetException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("'book.xlsx' has no sheet named '按事项'"));
        Path csv = write(dir, "table.csv", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Sheets.openSheet(csv, "table.csv", "总览", SheetLimits.DEFAULT))
                .isInstanceOfSatisfying(SheetException.class,
                        e -> assertThat(e.code()).isEqualTo(SheetException.NOT_A_WORKBOOK));
    }
}
