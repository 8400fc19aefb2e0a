package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static spotcheck.sheets.TestFiles.utf8;
import static spotcheck.sheets.TestFiles.workbook;
import static spotcheck.sheets.TestFiles.write;
import static spotcheck.sheets.TestFiles.zip;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

/** Limits that must be positive, midnight, a workbook part elsewhere, and files left open. */
class SheetEdgesTest {
    @TempDir
    Path dir;

    @Test
    void everyLimitMustBePositiveAndOneIsEnough() {
        assertThat(new SheetLimits(1, 1, 1, 1, 1, 1).maxFileBytes()).isEqualTo(1);
        long[][] zeros = {{0, 1, 1, 1, 1, 1}, {1, 0, 1, 1, 1, 1}, {1, 1, 0, 1, 1, 1}, {1, 1, 1, 0, 1, 1},
                {1, 1, 1, 1, 0, 1}, {1, 1, 1, 1, 1, 0}};
        for (long[] z : zeros) {
            assertThatThrownBy(() -> new SheetLimits(z[0], (int) z[1], (int) z[2], z[3], z[4], (int) z[5]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("every sheet limit must be positive");
        }
    }

    /** Midnight typed in a time cell is stored as 0: still a time, not the number 0. */
    @Test
    void midnightInATimeCell() throws Exception {
        byte[] xlsx = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" s=\"5\"><v>0</v></c></row>", false, "时间");
        try (SheetReader r = Sheets.open(write(dir, "t.xlsx", xlsx), "t.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("00:00:00")));
        }
    }

    /** A workbook part stored under another name than xl/workbook.xml: found through the package, 1900 dates. */
    @Test
    void aWorkbookPartUnderAnotherName() throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        byte[] xlsx = workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45000</v></c></row>", false, "日期");
        try (ZipFile zip = ZipFile.builder().setByteArray(xlsx).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                String name = e.getName().replace("xl/workbook.xml", "xl/book.xml")
                        .replace("xl/_rels/workbook.xml.rels", "xl/_rels/book.xml.rels");
                String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                parts.put(name, utf8(text.replace("xl/workbook.xml", "xl/book.xml")));
            }
        }
        try (SheetReader r = Sheets.open(write(dir, "b.xlsx", zip(parts)), "b.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.next()).isEqualTo(new Row(2, List.of("2023-03-15")));
        }
    }

    /** Whether a file is refused when opened, or read and closed, no file stays open. */
    @Test
    void noFileStaysOpen() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        Path headerOnly = write(dir, "h.csv", utf8("名称,代码\r\n"));
        Path html = write(dir, "p.xls", utf8("<html><body><table><tr><td>名称</td></tr></table></body></html>"));
        Path csv = write(dir, "ok.csv", utf8("名称\n甲\n"));
        Path xlsx = write(dir, "ok.xlsx", workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>", false, "名称", "甲"));
        Path headerOnlyXlsx = write(dir, "h.xlsx", workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                false, "名称"));
        long before = count(fds);
        for (int i = 0; i < 20; i++) {
            for (Path refused : List.of(headerOnly, html, headerOnlyXlsx)) {
                assertThatThrownBy(() -> Sheets.open(refused, "f", SheetLimits.DEFAULT))
                        .isInstanceOf(SheetException.class);
            }
            for (Path good : List.of(csv, xlsx)) {
                try (SheetReader r = Sheets.open(good, "f", SheetLimits.DEFAULT)) {
                    assertThat(r.next()).isEqualTo(new Row(2, List.of("甲")));
                }
            }
        }
        // 100 opens that leaked would leave 40 or more descriptors; others of the JVM may close meanwhile
        assertThat(count(fds)).isLessThanOrEqualTo(before);
    }

    private static long count(Path fds) throws Exception {
        try (Stream<Path> open = Files.list(fds)) {
            return open.count();
        }
    }
}
