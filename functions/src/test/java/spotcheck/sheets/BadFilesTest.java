package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.sheets.TestFiles.concat;
import static spotcheck.sheets.TestFiles.utf8;
import static spotcheck.sheets.TestFiles.workbook;
import static spotcheck.sheets.TestFiles.write;
import static spotcheck.sheets.TestFiles.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

class BadFilesTest {
    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void emptyFiles() {
        assertCode(open("empty.csv", new byte[0]), SheetException.EMPTY_FILE, 0, "'empty.csv' is empty");
        assertCode(open("bom.csv", UTF8_BOM), SheetException.EMPTY_FILE, 0, "'bom.csv' has no rows");
        assertCode(open("blank.csv", utf8("\r\n ,\t,\r\n\r\n")), SheetException.EMPTY_FILE, 0, "has no rows");
        assertCode(open("blank.xlsx", workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", false, " ")),
                SheetException.EMPTY_FILE, 0, "'blank.xlsx' has no rows in its first sheet (only the first sheet");
    }

    @Test
    void aHeaderWithNothingUnderItIsRefusedWhenOpened() {
        assertCode(open("h.csv", utf8("名称,代码\r\n\r\n,\r\n")), SheetException.HEADER_ONLY, 1,
                "'h.csv' has a header row but no data rows");
    }

    @Test
    void tooLarge() {
        SheetLimits limits = new SheetLimits(10, 200, 4000, 100, 1 << 30, 100);
        assertCode(() -> Sheets.open(write(dir, "big.csv", utf8("name,code\na,1\n")), "big.csv", limits),
                SheetException.TOO_LARGE, 0, "'big.csv' is 14 bytes; at most 10 bytes can be uploaded");
    }

    @Test
    void aQuoteThatIsNeverClosedNamesItsRow() {
        byte[] csv = utf8("名称,备注\n甲,1\n乙,\"没有结束\n丙,3\n丁,4\n");
        assertCode(open("q.csv", csv), SheetException.UNBALANCED_QUOTES, 3,
                "Row 3 of 'q.csv' opens a quoted cell (\") that is never closed");
    }

    @Test
    void anUnclosedQuoteFurtherDownFailsWhenReachedAfterTheGoodRows() throws Exception {
        Path file = write(dir, "late.csv", utf8("名称\n甲\n乙\n\"丙\n"));
        try (SheetReader r = Sheets.open(file, "late.csv", SheetLimits.DEFAULT)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("甲")));
            assertThat(r.next()).isEqualTo(new Row(3, List.of("乙")));
            assertThatThrownBy(r::next).isInstanceOfSatisfying(SheetException.class, e -> {
                assertThat(e.code()).isEqualTo(SheetException.UNBALANCED_QUOTES);
                assertThat(e.row()).isEqualTo(4);
            });
        }
    }

    @Test
    void binaryFilesAreNotTables() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertCode(open("photo.csv", png), SheetException.BINARY, 0, "'photo.csv' is not a table: it contains binary data");
        byte[] controls = new byte[200];
        Arrays.fill(controls, (byte) 'a');
        for (int i = 0; i < 200; i += 10) {
            controls[i] = 0x01;
        }
        assertCode(open("controls.txt", controls), SheetException.BINARY, 0, "contains binary data");
        assertCode(open("broken.xlsx", png), SheetException.BINARY, 0,
                "'broken.xlsx' is named like an Excel workbook but is not a readable one");
    }

    @Test
    void aStrayControlCharacterIsStillText() throws Exception {
        byte[] csv = utf8("名称,代码\r\n甲,1\r\n\u001A");  // DOS end-of-file mark
        try (SheetReader r = Sheets.open(write(dir, "dos.csv", csv), "dos.csv", SheetLimits.DEFAULT)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("甲", "1")));
        }
    }

    @Test
    void textInNeitherUtf8NorGbkIsRefusedNotGuessed() {
        byte[] latin1 = "name,city\nJosé,Málaga\n".getBytes(StandardCharsets.ISO_8859_1);
        assertCode(open("latin1.csv", latin1), SheetException.UNKNOWN_ENCODING, 0, "neither UTF-8 nor GBK");
        byte[] lyingBom = concat(UTF8_BOM, "名称\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        assertCode(open("bom.csv", lyingBom), SheetException.UNKNOWN_ENCODING, 0, "neither UTF-8 nor GBK");
    }

    @Test
    void oldExcelWorkbooks() {
        byte[] ole2 = concat(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1}, new byte[504]);
        assertCode(open("roster.xls", ole2), SheetException.OLD_EXCEL, 0, "'roster.xls' is an Excel 97-2003 workbook");
    }

    @Test
    void zipsThatAreNotWorkbooks() {
        assertCode(open("roster.zip", zip(Map.of("roster.csv", utf8("名称\n甲\n")))),
                SheetException.NOT_A_WORKBOOK, 0, "is a ZIP archive, not an Excel workbook");
        byte[] docx = zip(Map.of("[Content_Types].xml", utf8("<Types xmlns=\"http://schemas.openxmlformats.org/"
                + "package/2006/content-types\"/>"), "word/document.xml", utf8("<w:document/>")));
        assertCode(open("letter.xlsx", docx), SheetException.NOT_A_WORKBOOK, 0, "is not a readable Excel workbook");
        byte[] good = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", false, "名称");
        assertCode(open("cut.xlsx", Arrays.copyOf(good, good.length * 2 / 3)), SheetException.NOT_A_WORKBOOK, 0,
                "damaged or in another format");
        byte[] badXml = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"",
                false, "名称");
        assertCode(open("bad.xlsx", badXml), SheetException.NOT_A_WORKBOOK, 0, "damaged or in another format");
        byte[] html = utf8("<html><body><table><tr><td>名称</td></tr><tr><td>甲</td></tr></table></body></html>");
        assertCode(open("export.xls", html), SheetException.NOT_A_WORKBOOK, 0, "'export.xls' is a web page or XML file");
    }

    /** Excel only stores or deflates; a workbook claiming another method is damaged or forged. */
    @Test
    void compressionMethodsExcelDoesNotWriteAreRefused() {
        byte[] good = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>", false, "名称", "甲");
        byte[] deflate64 = good.clone();
        setMethod(deflate64, "xl/worksheets/sheet1.xml", 9);
        assertCode(open("d64.xlsx", deflate64), SheetException.NOT_A_WORKBOOK, 0, "damaged or in another format");
    }

    @Test
    void zipBombsAreRefusedBeforeParsing() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8("<Types/>"));
        parts.put("xl/worksheets/sheet1.xml", new byte[8 << 20]); // 8 MiB of zeros packs into about 8 KiB
        assertCode(open("bomb.xlsx", zip(parts)), SheetException.WORKBOOK_TOO_LARGE, 0,
                "'bomb.xlsx' unpacks to more data than a table of this size can hold (over 1 GiB, or over 100 times");
    }

    @Test
    void workbooksLargerThanTheLimitUnpacked() throws Exception {
        byte[] workbook = rosterWorkbook(2_000);
        SheetLimits limits = new SheetLimits(100L << 20, 200, 4000, 1_000_000, 64 << 10, 100);
        assertCode(() -> Sheets.open(write(dir, "w.xlsx", workbook), "w.xlsx", limits),
                SheetException.WORKBOOK_TOO_LARGE, 0, "over 64 KiB");
        assertThat(CsvReadingTest.readAll(write(dir, "ok.xlsx", workbook))).hasSize(2_000);
    }

    /**
     * A forged archive that declares a small size for a huge entry passes the check
     * of declared sizes; counting while inflating still stops it.
     */
    @Test
    void aForgedSizeDoesNotGetABombPastTheGuard() throws Exception {
        byte[] bomb = withEntry(rosterWorkbook(3), "xl/media/image1.bin", new byte[8 << 20]);
        setDeclaredSize(bomb, "xl/media/image1.bin", 10_000);
        Path file = write(dir, "forged.xlsx", bomb);
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            assertThat(zip.getEntry("xl/media/image1.bin").getSize()).isEqualTo(10_000);
        }
        assertCode(() -> Sheets.open(file, "forged.xlsx", SheetLimits.DEFAULT), SheetException.WORKBOOK_TOO_LARGE, 0,
                "unpacks to more data than a table of this size can hold");
        // the same file is readable when the limits allow it: only the guard stopped it
        SheetLimits lax = new SheetLimits(100L << 20, 200, 4000, 1_000_000, 1L << 30, 100_000);
        try (SheetReader r = Sheets.open(file, "forged.xlsx", lax)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("1", "91350100M000100Y43", "市场主体1")));
        }
    }

    @Test
    void tooManyColumnsInTheHeaderOrARow() {
        SheetLimits limits = new SheetLimits(1 << 20, 3, 4000, 100, 1 << 30, 100);
        assertCode(() -> Sheets.open(write(dir, "wide.csv", utf8("a,b,c,d\n1,2,3,4\n")), "wide.csv", limits),
                SheetException.TOO_MANY_COLUMNS, 1, "Row 1 of 'wide.csv' has 4 columns; at most 3 are read");
        assertCode(open("row.csv", utf8("a,b,c\n1,2,3\n1,2,3,,,,x\n"), limits),
                SheetException.TOO_MANY_COLUMNS, 3, "Row 3 of 'row.csv' has 7 columns");
    }

    @Test
    void cellTooLongNamesTheCell() {
        SheetLimits limits = new SheetLimits(1 << 20, 200, 5, 100, 1 << 30, 100);
        assertCode(() -> Sheets.open(write(dir, "long.csv", utf8("名称,地址\n甲,河源市东源县\n")), "long.csv", limits),
                SheetException.CELL_TOO_LONG, 2, "Cell B2 of 'long.csv' is longer than 5 characters");
        byte[] xlsx = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c></row>", false, "地址", "河源市东源县");
        assertCode(() -> Sheets.open(write(dir, "long.xlsx", xlsx), "long.xlsx", limits),
                SheetException.CELL_TOO_LONG, 3, "Cell A3 of 'long.xlsx' is longer than 5 characters");
        // five characters outside the basic plane are five characters, not ten
        assertThatCode(open("ok.csv", utf8("名称\n𠀀𠀀𠀀𠀀𠀀\n"), limits)).doesNotThrowAnyException();
    }

    @Test
    void tooManyRows() throws Exception {
        SheetLimits limits = new SheetLimits(1 << 20, 200, 4000, 2, 1 << 30, 100);
        Path file = write(dir, "rows.csv", utf8("名称\n甲\n\n乙\n丙\n"));
        try (SheetReader r = Sheets.open(file, "rows.csv", limits)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("甲")));
            assertThat(r.next()).isEqualTo(new Row(4, List.of("乙")));
            assertThatThrownBy(r::next).isInstanceOfSatisfying(SheetException.class, e -> {
                assertThat(e.code()).isEqualTo(SheetException.TOO_MANY_ROWS);
                assertThat(e.row()).isEqualTo(5);
                assertThat(e.getMessage()).contains("more than 2 data rows (row 5 is one too many)");
            });
        }
    }

    @Test
    void headerNamesMustBePresentAndDistinct() {
        assertCode(open("dup.csv", utf8("名称,代码, 名称 \n甲,1,乙\n")), SheetException.DUPLICATE_HEADER, 1,
                "The column name '名称' appears twice in the header row (row 1, columns A and C)");
        assertCode(open("blank.csv", utf8("名称,,代码\n甲,,1\n")), SheetException.BLANK_HEADER, 1,
                "Column B has no name in the header row (row 1)");
        byte[] xlsx = workbook("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c></row>", false, "名称");
        assertCode(open("gap.xlsx", xlsx), SheetException.BLANK_HEADER, 2, "Column B has no name in the header row (row 2)");
    }

    private ThrowingCallable open(String name, byte[] bytes) {
        return open(name, bytes, SheetLimits.DEFAULT);
    }

    private ThrowingCallable open(String name, byte[] bytes, SheetLimits limits) {
        Path file = write(dir, name, bytes);
        return () -> {
            try (SheetReader r = Sheets.open(file, name, limits)) {
                while (r.next() != null) {
                    // read to the end: some problems are found on the way
                }
            }
        };
    }

    private static void assertCode(ThrowingCallable call, String code, long row, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SheetException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.row()).isEqualTo(row);
            assertThat(e.getMessage()).contains(message);
        });
    }

    static byte[] rosterWorkbook(int rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.xlsxWriter(out, "名单")) {
            w.writeRow(List.of("序号", "统一社会信用代码", "名称"));
            for (int i = 1; i <= rows; i++) {
                w.writeRow(List.of(Integer.toString(i), "91350100M000100Y43", "市场主体" + i));
            }
        }
        return out.toByteArray();
    }

    /** The workbook's entries plus one more, as a new archive. */
    private static byte[] withEntry(byte[] workbook, String name, byte[] content) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setByteArray(workbook).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        parts.put(name, content);
        return zip(parts);
    }

    /** Rewrites the uncompressed size the central directory declares for an entry. */
    private static void setDeclaredSize(byte[] zip, String name, int size) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(zip, name) + 24, size);
    }

    /** Rewrites an entry's compression method, in its local and its central header. */
    private static void setMethod(byte[] zip, String name, int method) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int central = centralHeader(zip, name);
        buf.putShort(central + 10, (short) method);
        buf.putShort(buf.getInt(central + 42) + 8, (short) method);
    }

    private static int centralHeader(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && buf.getShort(i + 28) == wanted.length
                    && Arrays.equals(zip, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError(name + " is not in the archive");
    }
}
