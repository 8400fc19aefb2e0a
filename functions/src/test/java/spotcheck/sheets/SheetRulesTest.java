package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.sheets.TestFiles.utf8;
import static spotcheck.sheets.TestFiles.workbook;
import static spotcheck.sheets.TestFiles.write;
import static spotcheck.sheets.TestFiles.zip;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.DateFormats.Kind;
import spotcheck.sheets.SheetReader.Row;

/** Small rules of the sheet readers, each decided by an exact value. */
class SheetRulesTest {
    private static final String DATE_ROWS = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45000</v></c></row>";

    @TempDir
    Path dir;

    @Test
    void aFileOfExactlyTheSizeLimitIsReadOneByteMoreIsRefused() throws Exception {
        byte[] csv = utf8("name,code\na,1\n");
        SheetLimits exact = new SheetLimits(csv.length, 200, 4000, 100, 1 << 30, 100);
        try (SheetReader r = Sheets.open(write(dir, "a.csv", csv), "a.csv", exact)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("a", "1")));
        }
        SheetLimits oneLess = new SheetLimits(csv.length - 1, 200, 4000, 100, 1 << 30, 100);
        assertThatThrownBy(() -> Sheets.open(write(dir, "a.csv", csv), "a.csv", oneLess))
                .isInstanceOfSatisfying(SheetException.class, e -> {
                    assertThat(e.code()).isEqualTo(SheetException.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("'a.csv' is 14 bytes; at most 13 bytes can be uploaded."
                            + " Split it into smaller files and upload them one by one.");
                });
    }

    @Test
    void sizesInMessages() {
        assertThat(Sheets.bytes(0)).isEqualTo("0 bytes");
        assertThat(Sheets.bytes(1023)).isEqualTo("1023 bytes");
        assertThat(Sheets.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Sheets.bytes((1 << 20) - 1)).isEqualTo("1023 KiB");
        assertThat(Sheets.bytes(1 << 20)).isEqualTo("1 MiB");
        assertThat(Sheets.bytes(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(Sheets.bytes(100L << 20)).isEqualTo("100 MiB");
        assertThat(Sheets.bytes((1L << 30) - (1L << 20))).isEqualTo("1023 MiB");
        assertThat(Sheets.bytes(1L << 30)).isEqualTo("1 GiB");
        assertThat(Sheets.bytes(3L << 30)).isEqualTo("3 GiB");
        assertThat(Sheets.bytes((1L << 30) + (1L << 20))).isEqualTo("1025 MiB");
    }

    @Test
    void columnLettersInMessages() {
        assertThat(TableReader.column(0)).isEqualTo("A");
        assertThat(TableReader.column(25)).isEqualTo("Z");
        assertThat(TableReader.column(26)).isEqualTo("AA");
        assertThat(TableReader.column(51)).isEqualTo("AZ");
        assertThat(TableReader.column(52)).isEqualTo("BA");
        assertThat(TableReader.column(701)).isEqualTo("ZZ");
        assertThat(TableReader.column(702)).isEqualTo("AAA");
    }

    /** The delimiter wins only alone in the first line, wherever it stands in it (also first). */
    @Test
    void delimiterCharactersCountAtTheStartOfTheLineToo() {
        assertThat(CsvSheetReader.delimiter(",a\tb")).isEqualTo(',');
        assertThat(CsvSheetReader.delimiter("\ta;b")).isEqualTo(',');
        assertThat(CsvSheetReader.delimiter(";a\tb")).isEqualTo(',');
        assertThat(CsvSheetReader.delimiter("\ta\tb")).isEqualTo('\t');
        assertThat(CsvSheetReader.delimiter(";a;b")).isEqualTo(';');
        assertThat(CsvSheetReader.delimiter("ab")).isEqualTo(',');
    }

    /** A blank first line (a tab only) is skipped when choosing the delimiter, not joined to the next. */
    @Test
    void theDelimiterComesFromTheFirstNonBlankLine() throws Exception {
        try (SheetReader r = Sheets.open(write(dir, "s.csv", utf8("\t\n名称;代码\n甲;1\n")), "s.csv",
                SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-8, semicolon-separated)");
            assertThat(r.header()).containsExactly("名称", "代码");
            assertThat(r.next()).isEqualTo(new Row(3, List.of("甲", "1")));
        }
    }

    /** The delimiter is looked for in the first 64K characters; a longer first line still reads whole. */
    @Test
    void aFirstLineLongerThanTheLookAheadReadsWhole() throws Exception {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 14_000; i++) {
            header.append(i == 0 ? "" : ";").append("c").append(i);
            row.append(i == 0 ? "" : ";").append(i);
        }
        assertThat(header.length()).isGreaterThan(1 << 16);
        SheetLimits wide = new SheetLimits(1 << 20, 14_000, 4000, 100, 1 << 30, 100);
        Path file = write(dir, "w.csv", utf8(header + "\n" + row + "\n"));
        try (SheetReader r = Sheets.open(file, "w.csv", wide)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-8, semicolon-separated)");
            assertThat(r.header()).hasSize(14_000).startsWith("c0", "c1").endsWith("c13999");
            assertThat(r.next().cells()).hasSize(14_000).endsWith("13999");
        }
    }

    /** Excel writes date1904="1", the parser alone knows "true": both count from 1904; none is 1900. */
    @Test
    void theDateSystemOfTheWorkbook() throws Exception {
        assertThat(firstDate(x -> x)).isEqualTo("2023-03-15");
        assertThat(firstDate(x -> x.replace("<workbookPr/>", "<workbookPr date1904=\"1\"/>"))).isEqualTo("2027-03-16");
        assertThat(firstDate(x -> x.replace("<workbookPr/>", "<workbookPr date1904=\"true\"/>")))
                .isEqualTo("2027-03-16");
        assertThat(firstDate(x -> x.replace("<workbookPr/>", "<workbookPr date1904=\"0\"/>"))).isEqualTo("2023-03-15");
        assertThat(firstDate(x -> x.replace("<workbookPr/>", ""))).isEqualTo("2023-03-15");
    }

    /** A workbook without a styles part still reads; with no number formats a number stays a number. */
    @Test
    void aWorkbookWithoutStylesReadsItsNumbersAsNumbers() throws Exception {
        Map<String, byte[]> parts = parts(workbook(DATE_ROWS, false, "日期"));
        parts.remove("xl/styles.xml");
        String rels = new String(parts.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8);
        parts.put("xl/_rels/workbook.xml.rels", utf8(rels.replaceAll("<Relationship Id=\"rId2\"[^>]*/>", "")));
        String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8);
        parts.put("[Content_Types].xml", utf8(types.replaceAll("<Override PartName=\"/xl/styles.xml\"[^>]*/>", "")));
        try (SheetReader r = Sheets.open(write(dir, "n.xlsx", zip(parts)), "n.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("日期");
            assertThat(r.next()).isEqualTo(new Row(2, List.of("45000")));
        }
    }

    @Test
    void aByteOrderMarkIsTakenOffTheFirstHeaderCellOnly() throws Exception {
        byte[] xlsx = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c></row>", false, "\uFEFF名称", "\uFEFF代码", "甲");
        try (SheetReader r = Sheets.open(write(dir, "b.xlsx", xlsx), "b.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("名称", "\uFEFF代码");
        }
    }

    @Test
    void dateAndTimeLettersOutsideQuotesAndBrackets() {
        assertThat(DateFormats.kind("\"day\"0")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("0\"dd")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("0[h")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("[h]:mm")).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind("hh:mm[$-804]")).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind("[$-804]yyyy\"年\"m\"月\"")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("[Red]0.00")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("yyyy/m/d h:mm")).isEqualTo(Kind.DATE_TIME);
    }

    interface Edit {
        String apply(String xml);
    }

    private String firstDate(Edit workbookPart) throws Exception {
        Map<String, byte[]> parts = parts(workbook(DATE_ROWS, false, "日期"));
        String xml = new String(parts.get("xl/workbook.xml"), StandardCharsets.UTF_8);
        parts.put("xl/workbook.xml", utf8(workbookPart.apply(xml)));
        try (SheetReader r = Sheets.open(write(dir, "d.xlsx", zip(parts)), "d.xlsx", SheetLimits.DEFAULT)) {
            return r.next().cells().get(0);
        }
    }

    private static Map<String, byte[]> parts(byte[] xlsx) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setByteArray(xlsx).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return parts;
    }
}
