package spotcheck.sheets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV (or tab-separated text) table. Rows are counted by record, as Excel does,
 * so a quoted cell spanning lines is one row and a blank line is a (skipped) row.
 */
final class CsvSheetReader extends TableReader {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String format;

    private CsvSheetReader(CSVParser parser, String format, SheetLimits limits, String fileName) {
        super(limits, fileName);
        this.parser = parser;
        this.records = parser.iterator();
        this.format = format;
    }

    static SheetReader open(Path file, String fileName, SheetLimits limits) throws SheetException, IOException {
        TextEncoding encoding = TextEncoding.detect(file, fileName);
        BufferedReader text = encoding.reader(file);
        return startOrClose(text, () -> {
            String first = firstLine(text);
            if (isMarkup(first)) {
                throw new SheetException(SheetException.NOT_A_WORKBOOK, "'" + fileName + "' is a web page or"
                        + " XML file (as some systems export under an .xls name), not a table file. Open it in"
                        + " Excel, save it as Excel Workbook (.xlsx) or \"CSV UTF-8\", and upload the saved copy.");
            }
            char delimiter = delimiter(first);
            CSVFormat csv = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false) // blank lines still count as rows
                    .setTrailingData(true)      // "ab"c reads as abc, as in Excel
                    .get();
            String format = "CSV (" + encoding.name() + ", "
                    + (delimiter == '\t' ? "tab" : delimiter == ';' ? "semicolon" : "comma") + "-separated)";
            return new CsvSheetReader(CSVParser.builder().setReader(text).setFormat(csv).get(), format, limits,
                    fileName);
        });
    }

    /** The first non-blank line (within the first 64K characters), leaving the reader where it was. */
    private static String firstLine(BufferedReader text) throws IOException {
        int limit = 1 << 16;
        text.mark(limit);
        StringBuilder line = new StringBuilder();
        for (int i = 0, c = text.read(); i < limit - 1 && c >= 0; i++, c = text.read()) {
            if (c != '\n' && c != '\r') {
                line.append((char) c);
            } else if (!line.toString().isBlank()) {
                break;
            } else {
                line.setLength(0);
            }
        }
        text.reset();
        return line.toString();
    }

    /**
     * Comma, unless the first line has tabs (Excel's "Unicode text") or semicolons
     * (European Excel) and none of the other two.
     */
    static char delimiter(String firstLine) {
        boolean comma = firstLine.indexOf(',') >= 0;
        boolean tab = firstLine.indexOf('\t') >= 0;
        boolean semicolon = firstLine.indexOf(';') >= 0;
        if (tab && !comma && !semicolon) {
            return '\t';
        }
        return semicolon && !comma && !tab ? ';' : ',';
    }

    /** HTML or XML: what many systems export as ".xls". */
    private static boolean isMarkup(String firstLine) {
        String start = firstLine.replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<?xml") || start.startsWith("<!doctype") || start.startsWith("<html")
                || start.startsWith("<table") || start.startsWith("<meta");
    }

    @Override
    Raw readRaw() throws SheetException, IOException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            return new Raw(record.getRecordNumber(), record.toList());
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    private IOException translate(IOException e) throws SheetException {
        long row = parser.getRecordNumber() + 1;
        if (e instanceof CSVException) {
            throw new SheetException(SheetException.UNBALANCED_QUOTES, row, "Row " + row + " of '" + fileName
                    + "' opens a quoted cell (\") that is never closed, so the rest of the file would run into"
                    + " it. Check the quotes in row " + row + " (a quote inside a cell is written twice: \"\")"
                    + " and upload the file again.");
        }
        if (e instanceof CharacterCodingException) {
            // the charset was checked over the whole file; only a file changed since then gets here
            throw new SheetException(SheetException.UNKNOWN_ENCODING, row, "Row " + row + " of '" + fileName
                    + "' has bytes that are not valid text. Save the file again as \"CSV UTF-8\" and upload it.");
        }
        return e;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
