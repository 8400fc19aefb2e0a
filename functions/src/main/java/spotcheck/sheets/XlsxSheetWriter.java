package spotcheck.sheets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One sheet of an XLSX workbook, streamed: rows go to the output every few thousand, and every
 * cell is an inline string (text, never a number or a formula). On its own it is a one-sheet
 * workbook, closed with the sheet; in an {@link XlsxWorkbookWriter} the workbook closes it.
 */
final class XlsxSheetWriter implements SheetWriter {
    /** Excel refuses longer cells when it opens the file. */
    static final int MAX_CELL_CHARS = 32_767;
    private static final int FLUSH_EVERY = 2_000;

    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    XlsxSheetWriter(OutputStream out, String sheetName) {
        this(out, new Workbook(out, "spotcheck", "1.0"), sheetName);
    }

    /** A sheet of a workbook of several ({@code out} null: the workbook's writer closes the workbook). */
    XlsxSheetWriter(OutputStream out, Workbook workbook, String sheetName) {
        this.out = out;
        this.workbook = workbook;
        this.sheet = workbook.newWorksheet(sheetName == null || sheetName.isBlank() ? "Sheet1" : sheetName);
    }

    @Override
    public void writeRow(List<String> cells) throws IOException {
        if (row >= Worksheet.MAX_ROWS) {
            throw new IllegalStateException("an XLSX sheet holds at most " + Worksheet.MAX_ROWS + " rows");
        }
        if (cells.size() > Worksheet.MAX_COLS) {
            throw new IllegalArgumentException("an XLSX sheet holds at most " + Worksheet.MAX_COLS + " columns");
        }
        for (int c = 0; c < cells.size(); c++) {
            String text = CellSafety.neutralize(cells.get(c));
            if (text.length() > MAX_CELL_CHARS) {
                throw new IllegalArgumentException("row " + (row + 1) + ", column " + (c + 1)
                        + " is longer than the " + MAX_CELL_CHARS + " characters Excel allows in a cell");
            }
            if (!text.isEmpty()) {
                sheet.inlineString(row, c, text);
            }
            if (row == 0) {
                sheet.style(row, c).bold().set();
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    /** Writes the rest of this sheet, so that the next sheet of the workbook can be streamed. */
    void finishSheet() throws IOException {
        sheet.finish();
    }

    @Override
    public void close() throws IOException {
        if (out == null) {
            finishSheet();
            return;
        }
        try {
            workbook.finish();
        } finally {
            out.close();
        }
    }
}
