package spotcheck.sheets;

/**
 * A table file that cannot be read, with a stable {@link #code()} for clients and a
 * message a clerk can act on (what is wrong and what to do about it).
 */
public final class SheetException extends Exception {
    public static final String EMPTY_FILE = "empty_file";
    /** Raised by {@link Sheets#open}: a header and nothing under it is not an upload. */
    public static final String HEADER_ONLY = "header_only";
    public static final String TOO_LARGE = "too_large";
    public static final String UNBALANCED_QUOTES = "unbalanced_quotes";
    public static final String BINARY = "binary";
    /** Text in neither UTF-8 nor GB18030 (which covers GBK and GB2312). */
    public static final String UNKNOWN_ENCODING = "unknown_encoding";
    /** An Excel 97-2003 workbook, or a password-protected one (both are OLE2 files). */
    public static final String OLD_EXCEL = "old_excel";
    public static final String NOT_A_WORKBOOK = "not_a_workbook";
    public static final String WORKBOOK_TOO_LARGE = "workbook_too_large";
    public static final String TOO_MANY_COLUMNS = "too_many_columns";
    public static final String CELL_TOO_LONG = "cell_too_long";
    public static final String TOO_MANY_ROWS = "too_many_rows";
    public static final String DUPLICATE_HEADER = "duplicate_header";
    public static final String BLANK_HEADER = "blank_header";

    private final String code;
    private final long row;

    SheetException(String code, String message) {
        this(code, 0, message);
    }

    SheetException(String code, long row, String message) {
        super(message);
        this.code = code;
        this.row = row;
    }

    public String code() {
        return code;
    }

    /** The row the problem is in, as Excel numbers it; 0 when it is about the whole file. */
    public long row() {
        return row;
    }
}
