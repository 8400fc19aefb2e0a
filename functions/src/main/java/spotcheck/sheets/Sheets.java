package spotcheck.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading and writing table files: CSV and XLSX, for roster imports and exports.
 * Pure: files and streams in, rows out; no AWS types.
 */
public final class Sheets {
    private Sheets() {
    }

    /**
     * Opens the first sheet of a table file. The format is decided by the content
     * (a ZIP is an XLSX workbook, anything else is read as CSV text); the file name
     * is only used in messages. Reads the header and the first data row before it
     * returns, so an empty, header-only or malformed file fails here.
     *
     * @throws SheetException for a file the user has to fix, with a code and a message for them
     * @throws IOException    when the file cannot be read at all
     */
    public static SheetReader open(Path file, String fileName, SheetLimits limits)
            throws SheetException, IOException {
        String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
        long size = Files.size(file);
        if (size == 0) {
            throw new SheetException(SheetException.EMPTY_FILE, "'" + name
                    + "' is empty. Fill in the header row and at least one data row, then upload it again.");
        }
        if (size > limits.maxFileBytes()) {
            throw new SheetException(SheetException.TOO_LARGE, "'" + name + "' is " + bytes(size)
                    + "; at most " + bytes(limits.maxFileBytes())
                    + " can be uploaded. Split it into smaller files and upload them one by one.");
        }
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(8);
        }
        if (startsWith(magic, 0x50, 0x4B, 0x03, 0x04)) {
            return XlsxSheetReader.open(file, size, name, limits);
        }
        if (startsWith(magic, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw new SheetException(SheetException.OLD_EXCEL, "'" + name
                    + "' is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which cannot be"
                    + " read. Remove any password, then in Excel choose Save As, Excel Workbook (.xlsx),"
                    + " and upload the saved copy.");
        }
        return CsvSheetReader.open(file, name, limits);
    }

    /** A CSV writer: UTF-8 with a byte order mark (so Excel shows Chinese), CRLF, RFC 4180 quoting. */
    public static SheetWriter csvWriter(OutputStream out) throws IOException {
        return new CsvSheetWriter(out);
    }

    /** An XLSX writer with one sheet; the header row is bold, every cell is text. */
    public static SheetWriter xlsxWriter(OutputStream out, String sheetName) {
        return new XlsxSheetWriter(out, sheetName);
    }

    /** An XLSX workbook of several sheets, each started by {@link XlsxWorkbookWriter#sheet}. */
    public static XlsxWorkbookWriter xlsxWorkbook(OutputStream out) {
        return new XlsxWorkbookWriter(out);
    }

    /**
     * Opens the sheet named {@code sheetName} of an XLSX workbook (e.g. one sheet of a report), with the same checks
     * as {@link #open}; a file that is no workbook, or has no such sheet, fails with a {@link SheetException}.
     */
    public static SheetReader openSheet(Path file, String fileName, String sheetName, SheetLimits limits)
            throws SheetException, IOException {
        String name = fileName == null || fileName.isBlank() ? "the file" : fileName;
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        if (!startsWith(magic, 0x50, 0x4B, 0x03, 0x04)) {
            throw new SheetException(SheetException.NOT_A_WORKBOOK, "'" + name + "' is not an XLSX workbook");
        }
        return XlsxSheetReader.open(file, Files.size(file), name, sheetName, limits);
    }

    /** A size for a message: "100 MiB", "512 KiB", "300 bytes". */
    static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1L << 20) {
            return n % (1L << 20) == 0 ? (n >> 20) + " MiB" : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        }
        return n >= 1L << 10 ? (n >> 10) + " KiB" : n + " bytes";
    }

    static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
