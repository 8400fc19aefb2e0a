package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.sheets.TestFiles.concat;
import static spotcheck.sheets.TestFiles.write;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

class CsvReadingTest {
    static final String ROSTER = "统一社会信用代码,名称,地址\r\n"
            + "91350100M000100Y43,仙塘镇农贸市场,河源市东源县仙塘镇\r\n"
            + "92441625MA4W1XXXXX,刘䶮个体户,东源县蓝口镇\r\n";
    static final List<String> HEADER = List.of("统一社会信用代码", "名称", "地址");

    @TempDir
    Path dir;

    @Test
    void gbkFileComesOutAsChineseNotMojibake() throws Exception {
        String gbkText = ROSTER.replace("刘䶮", "刘备"); // GBK has no 䶮
        Path file = write(dir, "roster.csv", gbkText.getBytes(Charset.forName("GBK")));
        try (SheetReader r = Sheets.open(file, "roster.csv", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (GB18030, comma-separated)");
            assertThat(r.header()).containsExactly("统一社会信用代码", "名称", "地址");
            assertThat(r.next()).isEqualTo(new Row(2, List.of("91350100M000100Y43", "仙塘镇农贸市场", "河源市东源县仙塘镇")));
            assertThat(r.next()).isEqualTo(new Row(3, List.of("92441625MA4W1XXXXX", "刘备个体户", "东源县蓝口镇")));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void gb18030CharactersOutsideGbkSurvive() throws Exception {
        Path file = write(dir, "roster.csv", ROSTER.getBytes(Charset.forName("GB18030")));
        assertThat(readAll(file)).containsExactly(
                new Row(2, List.of("91350100M000100Y43", "仙塘镇农贸市场", "河源市东源县仙塘镇")),
                new Row(3, List.of("92441625MA4W1XXXXX", "刘䶮个体户", "东源县蓝口镇")));
    }

    @Test
    void utf8WithAndWithoutBomReadTheSame() throws Exception {
        byte[] utf8 = ROSTER.getBytes(StandardCharsets.UTF_8);
        Path plain = write(dir, "plain.csv", utf8);
        Path bom = write(dir, "bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8));
        for (Path file : List.of(plain, bom)) {
            try (SheetReader r = Sheets.open(file, "x.csv", SheetLimits.DEFAULT)) {
                assertThat(r.format()).isEqualTo("CSV (UTF-8, comma-separated)");
                assertThat(r.header()).isEqualTo(HEADER);
                assertThat(r.header().get(0)).doesNotStartWith("\uFEFF");
                assertThat(r.next().cells()).containsExactly("91350100M000100Y43", "仙塘镇农贸市场", "河源市东源县仙塘镇");
                assertThat(r.next().cells()).containsExactly("92441625MA4W1XXXXX", "刘䶮个体户", "东源县蓝口镇");
            }
        }
    }

    @Test
    void excelUnicodeTextIsUtf16WithTabs() throws Exception {
        String text = ROSTER.replace(',', '\t');
        Path le = write(dir, "le.txt", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        Path be = write(dir, "be.txt", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)));
        try (SheetReader r = Sheets.open(le, "le.txt", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-16LE, tab-separated)");
            assertThat(r.header()).isEqualTo(HEADER);
            assertThat(r.next().cells()).containsExactly("91350100M000100Y43", "仙塘镇农贸市场", "河源市东源县仙塘镇");
        }
        assertThat(readAll(be)).extracting(Row::cells).containsExactly(
                List.of("91350100M000100Y43", "仙塘镇农贸市场", "河源市东源县仙塘镇"),
                List.of("92441625MA4W1XXXXX", "刘䶮个体户", "东源县蓝口镇"));
    }

    @Test
    void theDelimiterComesFromTheFirstNonBlankLine() throws Exception {
        Path file = write(dir, "tabs.txt", "\r\n \r\n名称\t地址\n甲\t河源市, 东源县\n".getBytes(StandardCharsets.UTF_8));
        try (SheetReader r = Sheets.open(file, "tabs.txt", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-8, tab-separated)");
            assertThat(r.header()).containsExactly("名称", "地址");
            assertThat(r.next()).isEqualTo(new Row(4, List.of("甲", "河源市, 东源县")));
        }
    }

    @Test
    void semicolonsWhenTheHeaderHasNoCommasOrTabs() throws Exception {
        Path file = write(dir, "eu.csv", "名称;金额\n甲;1,5\n".getBytes(StandardCharsets.UTF_8));
        try (SheetReader r = Sheets.open(file, "eu.csv", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("CSV (UTF-8, semicolon-separated)");
            assertThat(r.header()).containsExactly("名称", "金额");
            assertThat(r.next().cells()).containsExactly("甲", "1,5");
        }
    }

    @Test
    void quotedCellsKeepCommasQuotesAndNewlines() throws Exception {
        String csv = "名称,备注\r\n"
                + "\"甲,乙\",\"他说\"\"好\"\"\r\n第二行\"\r\n"
                + "\"\",\" 前后空格 \"\r\n";
        Path file = write(dir, "q.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(file)).containsExactly(
                new Row(2, List.of("甲,乙", "他说\"好\"\r\n第二行")),
                new Row(3, List.of("", " 前后空格 ")));
    }

    @Test
    void rowNumbersCountRecordsIncludingBlankOnes() throws Exception {
        String csv = "\r\n"                  // 1: blank, before the header
                + " 代码 , 名称 ,,\r\n"       // 2: header, trimmed, trailing empty columns dropped
                + "a,\"多\r\n行\"\r\n"          // 3: one row over two lines
                + "\r\n"                      // 4: blank
                + ",  ,\r\n"                  // 5: only empty cells
                + "b\r\n"                     // 6: short row, padded
                + "c,d,,e\n";                 // 7: a value right of the header is kept
        Path file = write(dir, "n.csv", csv.getBytes(StandardCharsets.UTF_8));
        try (SheetReader r = Sheets.open(file, "n.csv", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("代码", "名称");
            assertThat(r.next()).isEqualTo(new Row(3, List.of("a", "多\r\n行")));
            assertThat(r.next()).isEqualTo(new Row(6, List.of("b", "")));
            assertThat(r.next()).isEqualTo(new Row(7, List.of("c", "d", "", "e")));
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void textAfterAClosingQuoteIsKeptAsExcelDoes() throws Exception {
        Path file = write(dir, "t.csv", "名称,尺寸\n\"屏幕\"15寸,\"5\"\" \"\n".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(file)).containsExactly(new Row(2, List.of("屏幕15寸", "5\" ")));
    }

    static List<Row> readAll(Path file) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (SheetReader r = Sheets.open(file, file.getFileName().toString(), SheetLimits.DEFAULT)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
