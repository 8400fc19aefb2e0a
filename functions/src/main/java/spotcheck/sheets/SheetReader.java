package spotcheck.sheets;

import java.io.IOException;
import java.util.List;

/**
 * The rows of the first sheet of a table file, one at a time, so a large file
 * never has to fit in memory. Cells are text as the user sees it in Excel.
 */
public interface SheetReader extends AutoCloseable {

    /**
     * One data row.
     *
     * @param number the row number Excel shows (the header is usually row 1)
     * @param cells  one cell per header column ("" where empty), plus any non-empty
     *               cells to the right of the header, so nothing is dropped unseen
     */
    record Row(long number, List<String> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** The column names: the first non-blank row, trimmed, without trailing empty columns. */
    List<String> header();

    /** The next non-blank data row, or null after the last one. */
    Row next() throws SheetException, IOException;

    /** What the file was read as, for reports: "XLSX", or e.g. "CSV (GB18030, comma-separated)". */
    String format();

    @Override
    void close() throws IOException;
}
