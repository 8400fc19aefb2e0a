package spotcheck.sheets;

/**
 * Keeps exported cells from being run as formulas when a spreadsheet opens them
 * (CSV or formula injection, as OWASP describes it). Pure.
 */
public final class CellSafety {
    private CellSafety() {
    }

    /**
     * The text with a leading {@code '} when it starts with a character a spreadsheet
     * may take as the start of a formula: {@code = + - @}, tab or carriage return.
     * A null cell is written as an empty one.
     */
    public static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
