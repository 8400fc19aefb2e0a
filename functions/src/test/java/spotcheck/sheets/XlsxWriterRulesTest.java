package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

/** What the XLSX writer puts in the file: styles, cell references, when rows leave memory, its limits. */
class XlsxWriterRulesTest {
    private static final Pattern CELL = Pattern.compile("<c r=\"([A-Z]+[0-9]+)\"(?: s=\"([0-9]+)\")?");

    @Test
    void onlyTheHeaderRowIsBold() throws Exception {
        byte[] xlsx = write(List.of(List.of("名称", "代码"), List.of("甲", "1"), List.of("乙", "2")));
        Map<String, Boolean> bold = boldByCell(xlsx);
        assertThat(bold).containsExactly(Map.entry("A1", true), Map.entry("B1", true), Map.entry("A2", false),
                Map.entry("B2", false), Map.entry("A3", false), Map.entry("B3", false));
    }

    /** Cell references go on past Z as Excel counts: AA, AZ, BA. */
    @Test
    void columnLettersPastZ() throws Exception {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= 53; i++) {
            header.add("c" + i);
        }
        List<String> refs = new ArrayList<>(boldByCell(write(List.of(header))).keySet());
        assertThat(refs).hasSize(53);
        assertThat(refs.get(0)).isEqualTo("A1");
        assertThat(refs.get(25)).isEqualTo("Z1");
        assertThat(refs.get(26)).isEqualTo("AA1");
        assertThat(refs.get(51)).isEqualTo("AZ1");
        assertThat(refs.get(52)).isEqualTo("BA1");
        String sheet = part(write(List.of(header)), "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<c r=\"BA1\" s=\"1\" t=\"inlineStr\"><is><t>c53</t></is></c>");
    }

    /**
     * Rows leave memory every 2,000: after 1,999 rows nothing of them has reached the output,
     * the 2,000th sends them all; the file is complete once closed.
     */
    @Test
    void rowsAreFlushedToTheOutputEveryTwoThousand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(7);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            StringBuilder cell = new StringBuilder();
            for (int j = 0; j < 100; j++) {
                cell.append((char) ('a' + random.nextInt(26)));
            }
            rows.add(List.of(cell.toString()));
        }
        SheetWriter w = Sheets.xlsxWriter(out, "名单");
        for (int i = 0; i < 1_999; i++) {
            w.writeRow(rows.get(i));
        }
        assertThat(out.size()).isLessThan(10_000);
        w.writeRow(rows.get(1_999));
        int afterFirstFlush = out.size();
        // 2,000 cells of 100 random letters pack into well over 100 KB
        assertThat(afterFirstFlush).isGreaterThan(100_000);
        for (int i = 2_000; i < 3_999; i++) {
            w.writeRow(rows.get(i));
        }
        assertThat(out.size()).isLessThan(afterFirstFlush + 10_000);
        w.writeRow(rows.get(3_999));
        assertThat(out.size()).isGreaterThan(2 * 100_000);
        w.close();
        String sheet = part(out.toByteArray(), "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<c r=\"A4000\" t=\"inlineStr\"><is><t>" + rows.get(3_999).get(0) + "</t>");
        Matcher rowsWritten = Pattern.compile("<row r=\"").matcher(sheet);
        assertThat(rowsWritten.results().count()).isEqualTo(4_000);
    }

    @Test
    void closeFinishesTheWorkbookAndClosesTheStream() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SheetWriter w = Sheets.xlsxWriter(out, "名单");
        w.writeRow(List.of("name"));
        assertThat(closed[0]).isFalse();
        w.close();
        assertThat(closed[0]).isTrue();
        assertThat(part(bytes.toByteArray(), "xl/worksheets/sheet1.xml")).contains("<t>name</t>");
    }

    @Test
    void aRowOfExactlyTheColumnLimitIsWrittenOneMoreIsRefused() throws Exception {
        assertThat(Worksheet.MAX_COLS).isEqualTo(16_384);
        List<String> full = Collections.nCopies(Worksheet.MAX_COLS, "x");
        SheetWriter w = Sheets.xlsxWriter(new ByteArrayOutputStream(), "s");
        assertThatCode(() -> w.writeRow(full)).doesNotThrowAnyException();
        List<String> tooWide = Collections.nCopies(Worksheet.MAX_COLS + 1, "x");
        assertThatThrownBy(() -> w.writeRow(tooWide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an XLSX sheet holds at most 16384 columns");
    }

    @Test
    void exactlyTheRowLimitIsWrittenOneMoreIsRefused() throws Exception {
        assertThat(Worksheet.MAX_ROWS).isEqualTo(1_048_576);
        SheetWriter w = Sheets.xlsxWriter(OutputStream.nullOutputStream(), "s");
        for (int i = 0; i < Worksheet.MAX_ROWS; i++) {
            w.writeRow(List.of());
        }
        assertThatThrownBy(() -> w.writeRow(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessage("an XLSX sheet holds at most 1048576 rows");
    }

    private static byte[] write(List<List<String>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.xlsxWriter(out, "名单")) {
            for (List<String> row : rows) {
                w.writeRow(row);
            }
        }
        return out.toByteArray();
    }

    static String part(byte[] xlsx, String name) throws IOException {
        try (ZipFile zip = ZipFile.builder().setByteArray(xlsx).get()) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every cell of the sheet, in order, and whether its style's font is bold. */
    private static Map<String, Boolean> boldByCell(byte[] xlsx) throws IOException {
        String styles = part(xlsx, "xl/styles.xml");
        List<Boolean> boldFonts = new ArrayList<>();
        Matcher font = Pattern.compile("<font>(.*?)</font>").matcher(styles.substring(styles.indexOf("<fonts")));
        while (font.find()) {
            boldFonts.add(font.group(1).contains("<b/>"));
        }
        String cellXfs = styles.substring(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
        List<Integer> fontOfStyle = new ArrayList<>();
        Matcher xf = Pattern.compile("<xf [^>]*fontId=\"([0-9]+)\"").matcher(cellXfs);
        while (xf.find()) {
            fontOfStyle.add(Integer.parseInt(xf.group(1)));
        }
        Map<String, Boolean> bold = new LinkedHashMap<>();
        Matcher cell = CELL.matcher(part(xlsx, "xl/worksheets/sheet1.xml"));
        while (cell.find()) {
            int style = cell.group(2) == null ? 0 : Integer.parseInt(cell.group(2));
            bold.put(cell.group(1), boldFonts.get(fontOfStyle.get(style)));
        }
        return bold;
    }
}
