package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.sheets.TestFiles.workbook;
import static spotcheck.sheets.TestFiles.write;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

class XlsxReadingTest {
    @TempDir
    Path dir;

    /** Cells as Excel stores them when a clerk types numbers, dates and booleans. */
    @Test
    void typedCellsComeOutAsTheUserTypedThem() throws Exception {
        String rows = """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
                <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>
                <row r="2"><c r="A2"><v>13800138000</v></c><c r="B2"><v>1.20103198806018E+17</v></c>\
                <c r="C2"><v>42</v></c><c r="D2"><v>3.5</v></c><c r="E2" t="b"><v>1</v></c>\
                <c r="F2" s="1"><v>45366</v></c></row>
                <row r="3"><c r="A3"><v>1.3800138E10</v></c><c r="B3" s="4"><v>9.1350100000000006E+17</v></c>\
                <c r="C3"><v>42.0</v></c><c r="D3"><v>0.30000000000000004</v></c><c r="E3" t="b"><v>0</v></c>\
                <c r="F3" s="2"><v>45366</v></c></row>
                <row r="4"><c r="A4"><v>-7.5</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4"><f>C2*2</f><v>84</v></c>\
                <c r="D4" t="str"><f>B1&amp;"!"</f><v>身份证号!</v></c><c r="E4" t="inlineStr"><is><t>行内</t></is></c>\
                <c r="F4" s="3"><v>45366.5</v></c></row>
                <row r="5"><c r="A5"><v>1E-3</v></c><c r="B5" t="s"><v>6</v></c><c r="C5" s="5"><v>0.75</v></c>\
                <c r="D5" s="6"><v>1</v></c><c r="E5" s="7"><v>61.25</v></c><c r="F5" s="1"><v>60</v></c></row>
                """;
        Path file = write(dir, "typed.xlsx", workbook(rows, false,
                "手机号", "身份证号", "数量", "面积", "在营", "检查日期", " 前后空格 "));
        try (SheetReader r = Sheets.open(file, "typed.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.format()).isEqualTo("XLSX");
            assertThat(r.header()).containsExactly("手机号", "身份证号", "数量", "面积", "在营", "检查日期");
            assertThat(r.next()).isEqualTo(new Row(2, List.of(
                    "13800138000", "120103198806018000", "42", "3.5", "TRUE", "2024-03-15")));
            assertThat(r.next()).isEqualTo(new Row(3, List.of(
                    "13800138000", "913501000000000000", "42", "0.3", "FALSE", "2024-03-15")));
            assertThat(r.next()).isEqualTo(new Row(4, List.of(
                    "-7.5", "#N/A", "84", "身份证号!", "行内", "2024-03-15 12:00:00")));
            // 60 is Excel's 29 February 1900, a day that never was: kept as the number
            assertThat(r.next()).isEqualTo(new Row(5, List.of(
                    "0.001", " 前后空格 ", "18:00:00", "1900-01-01", "1900-03-01 06:00:00", "60")));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void the1904DateSystemIsHonoured() throws Exception {
        String rows = """
                <row r="1"><c r="A1" t="s"><v>0</v></c></row>
                <row r="2"><c r="A2" s="1"><v>43904</v></c></row>""";
        Path file = write(dir, "mac.xlsx", workbook(rows, true, "日期"));
        try (SheetReader r = Sheets.open(file, "mac.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("2024-03-15")));
        }
    }

    @Test
    void cellsWrittenByAnotherProgramWithTypesAndGaps() throws Exception {
        Path file = dir.resolve("typed.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("名单");
            ws.value(2, 0, "名称");             // rows 1-2 blank: header on row 3
            ws.value(2, 1, "成立日期");
            ws.value(2, 2, "注册资本");
            ws.value(2, 3, "联系电话");
            ws.value(3, 0, "东源县仙塘镇农贸市场");
            ws.value(3, 1, LocalDate.of(2009, 9, 1));
            ws.style(3, 1).format("yyyy-mm-dd").set();
            ws.value(3, 2, new BigDecimal("1500000"));
            ws.value(3, 3, 13800138000L);
            ws.value(5, 0, "   ");                    // row 6: whitespace only, skipped
            ws.value(6, 0, "蓝口镇供销社");            // row 7: gaps in the middle
            ws.value(6, 3, 7.25);
            ws.value(7, 1, LocalDateTime.of(2024, 1, 2, 8, 30));
            ws.style(7, 1).format("yyyy/m/d hh:mm").set(); // its writer leaves quotes in formats unescaped
            wb.finish();
        }
        try (SheetReader r = Sheets.open(file, "typed.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("名称", "成立日期", "注册资本", "联系电话");
            assertThat(r.next()).isEqualTo(new Row(4, List.of("东源县仙塘镇农贸市场", "2009-09-01", "1500000", "13800138000")));
            assertThat(r.next()).isEqualTo(new Row(7, List.of("蓝口镇供销社", "", "", "7.25")));
            assertThat(r.next()).isEqualTo(new Row(8, List.of("", "2024-01-02 08:30:00", "", "")));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void onlyTheFirstSheetIsRead() throws Exception {
        Path file = dir.resolve("two.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet first = wb.newWorksheet("名单");
            first.value(0, 0, "名称");
            first.value(1, 0, "第一张表");
            Worksheet second = wb.newWorksheet("说明");
            second.value(0, 0, "填写说明");
            second.value(1, 0, "第二张表");
            wb.finish();
        }
        assertThat(CsvReadingTest.readAll(file)).containsExactly(new Row(2, List.of("第一张表")));
    }

    /**
     * 200,000 rows (about 30 MB of sheet XML) are read one at a time: the rows
     * already read are not kept, so memory stays flat whatever the row count.
     */
    @Test
    void largeWorkbooksAreStreamed() throws Exception {
        int rows = 200_000;
        Path file = dir.resolve("big.xlsx");
        try (SheetWriter w = Sheets.xlsxWriter(Files.newOutputStream(file), "名单")) {
            w.writeRow(List.of("序号", "统一社会信用代码", "名称", "地址"));
            for (int i = 1; i <= rows; i++) {
                w.writeRow(List.of(Integer.toString(i), "91350100M000100Y43", "市场主体" + i, "河源市东源县仙塘镇" + i));
            }
        }
        long count = 0;
        Row last = null;
        long growth = Long.MAX_VALUE;
        long before = usedHeap();
        try (SheetReader r = Sheets.open(file, "big.xlsx", SheetLimits.DEFAULT)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                count++;
                last = row;
                if (count == rows - 1) {
                    growth = usedHeap() - before;
                }
            }
        }
        assertThat(count).isEqualTo(rows);
        assertThat(last).isEqualTo(new Row(rows + 1, List.of("200000", "91350100M000100Y43", "市场主体200000",
                "河源市东源县仙塘镇200000")));
        // holding the rows would take well over 100 MB
        assertThat(growth).isLessThan(32L << 20);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
