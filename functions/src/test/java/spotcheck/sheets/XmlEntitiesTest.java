package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.sheets.SheetReader.Row;

/** XML external entities (XXE): a workbook part must never pull a local file into the rows. */
class XmlEntitiesTest {
    private static final String MARKER = "SECRET-MARKER-7f3a";
    private static final String ROWS = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45000</v></c></row>";
    private static final String DAMAGED = "'x.xlsx' is not a readable Excel workbook: it is damaged or in another"
            + " format. Open it in Excel, save it again as Excel Workbook (.xlsx), and upload the saved copy.";

    @TempDir
    Path dir;

    private String doctype(String root) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), MARKER);
        return "<!DOCTYPE " + root + " [<!ENTITY d SYSTEM \"" + secret.toUri() + "\">]>";
    }

    @Test
    void anExternalEntityInTheSharedStringsFailsTheFile() throws Exception {
        assertRefused(edit("xl/sharedStrings.xml", x -> x.replace("<sst ", doctype("sst") + "<sst ")
                .replace(">日期<", ">&d;日期<")));
    }

    @Test
    void anExternalEntityInTheSheetFailsTheFile() throws Exception {
        assertRefused(edit("xl/worksheets/sheet1.xml", x -> x.replace("<worksheet ", doctype("worksheet")
                + "<worksheet ").replace("<v>45000</v>", "<v>&d;</v>")));
    }

    @Test
    void anEntityInTheWorkbookPartFailsTheFile() throws Exception {
        String dtd = doctype("workbook").replace("]>", "<!ENTITY one \"1\">]>");
        assertRefused(edit("xl/workbook.xml", x -> x.replace("<workbook ", dtd + "<workbook ")
                .replace("<workbookPr/>", "<workbookPr date1904=\"&one;\"/>")));
    }

    /** A DOCTYPE alone, with no entity used, is harmless: the file reads as without it (1900 dates). */
    @Test
    void anUnusedDoctypeChangesNothing() throws Exception {
        Path file = edit("xl/workbook.xml", x -> x.replace("<workbook ", "<!DOCTYPE workbook [<!ENTITY one \"1\">]>"
                + "<workbook "));
        try (SheetReader r = Sheets.open(file, "x.xlsx", SheetLimits.DEFAULT)) {
            assertThat(r.header()).containsExactly("日期");
            assertThat(r.next()).isEqualTo(new Row(2, List.of("2023-03-15")));
        }
    }

    private void assertRefused(Path file) {
        assertThatThrownBy(() -> {
            try (SheetReader r = Sheets.open(file, "x.xlsx", SheetLimits.DEFAULT)) {
                StringBuilder seen = new StringBuilder(r.header().toString());
                for (Row row = r.next(); row != null; row = r.next()) {
                    seen.append(row);
                }
                throw new AssertionError("read without failing: " + seen);
            }
        }).isInstanceOfSatisfying(SheetException.class, e -> {
            assertThat(e.code()).isEqualTo(SheetException.NOT_A_WORKBOOK);
            assertThat(e.getMessage()).isEqualTo(DAMAGED).doesNotContain(MARKER);
        });
    }

    interface Edit {
        String apply(String xml) throws Exception;
    }

    private Path edit(String part, Edit edit) throws Exception {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setByteArray(workbook(ROWS, false, "日期")).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                parts.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        parts.put(part, utf8(edit.apply(new String(parts.get(part), StandardCharsets.UTF_8))));
        return write(dir, "x.xlsx", zip(parts));
    }
}
