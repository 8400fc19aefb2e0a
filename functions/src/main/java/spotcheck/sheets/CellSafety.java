package spotcheck.sheets;

/**
 * Keeps exported cells from being run as formulas when a spreadsheet opens them
 * (CSV or formula injection, as OWASP describes it), and takes the guard off again when a
 * file is imported, so that an exported roster imports unchanged. Pure.
 */
public final class CellSafety {
    /**
     * What a spreadsheet may take as the start of a formula: = + - @, tab and carriage return,
     * and the full-width = + - @ that some locales' spreadsheets read as their ASCII forms.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private CellSafety() {
    }

    /**
     * The text with a leading {@code '} when it starts with a formula character, or with one or
     * more {@code '} followed by one (so that {@link #restore} can tell a guard from a quote the
     * value really has). A null cell is written as an empty one.
     */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return startsLikeFormula(cell) ? "'" + cell : cell;
    }

    /** The cell as it was before {@link #neutralize}: exactly one guard quote removed, where one was added. */
    public static String restore(String cell) {
        if (cell == null || cell.isEmpty() || cell.charAt(0) != '\'') {
            return cell;
        }
        String rest = cell.substring(1);
        return startsLikeFormula(rest) ? rest : cell;
    }

    /** Quotes, if any, and then a formula character. */
    private static boolean startsLikeFormula(String cell) {
        int i = 0;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        return i < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(i)) >= 0;
    }
}
