package spotcheck.sheets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

/**
 * The first sheet of an XLSX workbook, streamed row by row from the sheet's XML;
 * the workbook is never held in memory as a whole.
 */
final class XlsxSheetReader extends TableReader {
    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;

    private XlsxSheetReader(ReadableWorkbook workbook, Stream<org.dhatim.fastexcel.reader.Row> stream, SheetLimits limits, String fileName) {
        super(limits, fileName);
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
    }

    static SheetReader open(Path file, long fileSize, String fileName, SheetLimits limits)
            throws SheetException, IOException {
        ZipGuard.check(file, fileSize, fileName, limits);
        ReadableWorkbook workbook = workbook(file, fileName);
        XlsxSheetReader reader = null;
        try {
            Stream<org.dhatim.fastexcel.reader.Row> stream;
            try {
                stream = workbook.getFirstSheet().openStream();
            } catch (IOException | RuntimeException e) {
                throw ZipGuard.damaged(fileName);
            }
            reader = new XlsxSheetReader(workbook, stream, limits, fileName);
            reader.start();
            return reader;
        } catch (SheetException | IOException | RuntimeException e) {
            if (reader != null) {
                reader.close();
            } else {
                workbook.close();
            }
            throw e;
        }
    }

    /** With number formats (to tell dates), or without when the workbook has no styles part. */
    private static ReadableWorkbook workbook(Path file, String fileName) throws SheetException {
        try {
            return new ReadableWorkbook(file.toFile(), new ReadingOptions(true, true));
        } catch (IOException | RuntimeException withFormats) {
            try {
                return new ReadableWorkbook(file.toFile(), new ReadingOptions(false, true));
            } catch (IOException | RuntimeException e) {
                throw ZipGuard.damaged(fileName);
            }
        }
    }

    @Override
    Raw readRaw() throws SheetException {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            org.dhatim.fastexcel.reader.Row row = rows.next();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(CellText.of(row.getCell(i), workbook.isDate1904()));
            }
            return new Raw(row.getRowNum(), cells);
        } catch (RuntimeException e) {
            // the parser reports a damaged sheet with unchecked exceptions of several kinds
            throw ZipGuard.damaged(fileName);
        }
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
