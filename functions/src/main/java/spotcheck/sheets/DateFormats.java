package spotcheck.sheets;

import java.util.Set;

/**
 * Whether an Excel number format shows a date, a time or both. Excel stores a
 * date as a day number; only its format says it is a date.
 */
final class DateFormats {
    enum Kind { NONE, DATE, TIME, DATE_TIME }

    // built-in formats with no format code in the file: ECMA-376 18.8.30, plus the
    // ids Chinese Excel uses for 年月日 and 时分秒
    private static final Set<Integer> DATES = Set.of(14, 15, 16, 17, 27, 28, 29, 30, 31, 36,
            50, 51, 52, 53, 54, 57, 58);
    private static final Set<Integer> TIMES = Set.of(18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56);
    private static final int DATE_TIME = 22;

    private DateFormats() {
    }

    /** The kind of a cell's format: its format code if it has one, else its built-in id. */
    static Kind kind(Integer id, String code) {
        if (code != null) {
            return kind(code);
        }
        if (id == null) {
            return Kind.NONE;
        }
        return id == DATE_TIME ? Kind.DATE_TIME
                : DATES.contains(id) ? Kind.DATE
                : TIMES.contains(id) ? Kind.TIME : Kind.NONE;
    }

    /**
     * Looks for date letters (y, m, d) and time letters (h, s) outside quoted text,
     * escaped characters and [colour] or [$-804] brackets; [h] elapsed time counts.
     */
    static Kind kind(String code) {
        boolean date = false;
        boolean time = false;
        boolean month = false;
        for (int i = 0; i < code.length(); i++) {
            char c = Character.toLowerCase(code.charAt(i));
            switch (c) {
                case '"' -> {
                    int close = code.indexOf('"', i + 1);
                    i = close < 0 ? code.length() : close;
                }
                case '\\', '_', '*' -> i++;
                case '[' -> {
                    int close = code.indexOf(']', i + 1);
                    String inside = close < 0 ? "" : code.substring(i + 1, close).toLowerCase();
                    time |= inside.matches("h+|m+|s+");
                    i = close < 0 ? code.length() : close;
                }
                case 'y', 'd' -> date = true;
                case 'h', 's' -> time = true;
                case 'm' -> month = true;
                default -> {
                }
            }
        }
        date |= month && !time; // "m" next to h or s is minutes
        return date && time ? Kind.DATE_TIME : date ? Kind.DATE : time ? Kind.TIME : Kind.NONE;
    }
}
