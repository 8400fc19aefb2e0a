package spotcheck.sheets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What CSV and XLSX reading have in common: the header, skipping blank rows, the
 * limits, and the shape of each row. A format only has to hand over raw rows.
 */
abstract class TableReader implements SheetReader {
    /** A row as stored, blank or not; {@code number} as Excel shows it. */
    record Raw(long number, List<String> cells) {
    }

    final SheetLimits limits;
    final String fileName;
    private List<String> header;
    private Row pending;
    private long dataRows;

    TableReader(SheetLimits limits, String fileName) {
        this.limits = limits;
        this.fileName = fileName;
    }

    /** Makes a reader over a source it then owns. */
    interface Opener<R extends TableReader> {
        R open() throws SheetException, IOException;
    }

    /**
     * Opens and starts a reader; when either fails, closes what was opened (the reader, or the
     * source when there is no reader yet), so a refused file leaves nothing open.
     */
    static <R extends TableReader> R startOrClose(java.io.Closeable source, Opener<R> opener)
            throws SheetException, IOException {
        R reader = null;
        try {
            reader = opener.open();
            reader.start();
            return reader;
        } catch (SheetException | IOException | RuntimeException e) {
            try {
                if (reader != null) {
                    reader.close();
                } else {
                    source.close();
                }
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The next stored row, or null at the end of the sheet. */
    abstract Raw readRaw() throws SheetException, IOException;

    /** Where in the file the rows were looked for, for messages: "" or " (in its first sheet ...)". */
    String where() {
        return "";
    }

    /**
     * Reads the header and looks one row ahead, so an unusable file is refused
     * when it is opened rather than halfway through an import.
     */
    final void start() throws SheetException, IOException {
        Raw first = nextNonBlank();
        if (first == null) {
            throw new SheetException(SheetException.EMPTY_FILE, "'" + fileName + "' has no rows" + where()
                    + ". Fill in the header row and at least one data row, then upload it again.");
        }
        header = header(first);
        pending = nextData();
        if (pending == null) {
            throw new SheetException(SheetException.HEADER_ONLY, first.number(), "'" + fileName
                    + "' has a header row but no data rows under it" + where() + ". Add the data and upload it again.");
        }
    }

    @Override
    public final List<String> header() {
        return header;
    }

    @Override
    public final Row next() throws SheetException, IOException {
        if (pending != null) {
            Row row = pending;
            pending = null;
            return row;
        }
        return nextData();
    }

    private Row nextData() throws SheetException, IOException {
        Raw raw = nextNonBlank();
        if (raw == null) {
            return null;
        }
        if (++dataRows > limits.maxRows()) {
            throw new SheetException(SheetException.TOO_MANY_ROWS, raw.number(), "'" + fileName
                    + "' has more than " + limits.maxRows() + " data rows (row " + raw.number()
                    + " is one too many). Split it into smaller files and upload them one by one.");
        }
        List<String> cells = new ArrayList<>(raw.cells().subList(0, width(raw.cells())));
        while (cells.size() < header.size()) {
            cells.add("");
        }
        return new Row(raw.number(), cells);
    }

    private Raw nextNonBlank() throws SheetException, IOException {
        for (Raw raw = readRaw(); raw != null; raw = readRaw()) {
            checkCells(raw);
            if (width(raw.cells()) > 0) {
                return raw;
            }
        }
        return null;
    }

    private void checkCells(Raw raw) throws SheetException {
        List<String> cells = raw.cells();
        int width = width(cells);
        if (width > limits.maxColumns()) {
            throw new SheetException(SheetException.TOO_MANY_COLUMNS, raw.number(), "Row " + raw.number()
                    + " of '" + fileName + "' has " + width + " columns; at most " + limits.maxColumns()
                    + " are read. Delete the extra columns and upload the file again.");
        }
        for (int i = 0; i < width; i++) {
            String cell = cells.get(i);
            if (cell.length() > limits.maxCellChars()
                    && cell.codePointCount(0, cell.length()) > limits.maxCellChars()) {
                throw new SheetException(SheetException.CELL_TOO_LONG, raw.number(), "Cell " + column(i)
                        + raw.number() + " of '" + fileName + "' is longer than " + limits.maxCellChars()
                        + " characters. Shorten it and upload the file again.");
            }
        }
    }

    private List<String> header(Raw raw) throws SheetException {
        List<String> names = new ArrayList<>();
        for (String cell : raw.cells().subList(0, width(raw.cells()))) {
            names.add(names.isEmpty() ? withoutBom(cell).strip() : cell.strip());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                throw new SheetException(SheetException.BLANK_HEADER, raw.number(), "Column " + column(i)
                        + " has no name in the header row (row " + raw.number() + ") of '" + fileName
                        + "'. Give every column a name, or delete the empty column, and upload the file again.");
            }
            Integer before = seen.putIfAbsent(name, i);
            if (before != null) {
                throw new SheetException(SheetException.DUPLICATE_HEADER, raw.number(), "The column name '"
                        + name + "' appears twice in the header row (row " + raw.number() + ", columns "
                        + column(before) + " and " + column(i) + ") of '" + fileName
                        + "'. Rename or delete one of them and upload the file again.");
            }
        }
        return List.copyOf(names);
    }

    /** The cells up to the last one with something in it; 0 for a blank row. */
    private static int width(List<String> cells) {
        int width = cells.size();
        while (width > 0 && cells.get(width - 1).isBlank()) {
            width--;
        }
        return width;
    }

    private static String withoutBom(String cell) {
        return cell.startsWith("\uFEFF") ? cell.substring(1) : cell;
    }

    /** The column's letters as Excel shows them: 0 is A, 26 is AA. */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }
}
