package spotcheck.sheets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;

/**
 * An XLSX workbook of several sheets, written one after the other: {@link #sheet} finishes the sheet before and
 * starts the next, whose first row is its (bold) header; every cell is text, as in a one-sheet export.
 */
public final class XlsxWorkbookWriter implements AutoCloseable {
    /** Excel's limit on a sheet's name. */
    static final int MAX_SHEET_NAME = 31;

    private final OutputStream out;
    private final Workbook workbook;
    private final Set<String> names = new HashSet<>();
    private XlsxSheetWriter current;

    XlsxWorkbookWriter(OutputStream out) {
        this.out = out;
        this.workbook = new Workbook(out, "spotcheck", "1.0");
    }

    /** The next sheet, named {@code name} (at most 31 characters, none of : \ / ? * [ ], each name once). */
    public SheetWriter sheet(String name) throws IOException {
        if (name == null || name.isBlank() || name.length() > MAX_SHEET_NAME || name.matches(".*[:\\\\/?*\\[\\]].*")) {
            throw new IllegalArgumentException("'" + name + "' is not a sheet name Excel accepts");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("a sheet named '" + name + "' was written already");
        }
        if (current != null) {
            current.finishSheet();
        }
        current = new XlsxSheetWriter(null, workbook, name);
        return current;
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.finish();
        } finally {
            out.close();
        }
    }
}
