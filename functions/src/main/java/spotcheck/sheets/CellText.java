package spotcheck.sheets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.dhatim.fastexcel.reader.Cell;

/**
 * An XLSX cell as the text the user typed: numbers in full without exponent or a
 * trailing ".0" (a phone 13800138000, not 1.38000138E10), dates as YYYY-MM-DD,
 * booleans as TRUE/FALSE, errors as shown (#N/A), formulas as their last result.
 */
final class CellText {
    /** Excel keeps 15 significant digits; more in the file are binary noise (0.1+0.2). */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long SECONDS_PER_DAY = 86_400;

    private CellText() {
    }

    static String of(Cell cell, boolean date1904) {
        if (cell == null) {
            return "";
        }
        Object value = cell.getValue();
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING, ERROR -> text(value, cell.getRawValue());
            case BOOLEAN -> bool(value);
            case NUMBER -> number((BigDecimal) value, cell, date1904);
            case FORMULA -> value instanceof BigDecimal n ? number(n, cell, date1904)
                    : value instanceof Boolean ? bool(value) : text(value, cell.getRawValue());
        };
    }

    private static String text(Object value, String raw) {
        return value != null ? value.toString() : raw != null ? raw : "";
    }

    private static String bool(Object value) {
        return Boolean.TRUE.equals(value) ? "TRUE" : "FALSE";
    }

    private static String number(BigDecimal value, Cell cell, boolean date1904) {
        if (value == null) {
            return "";
        }
        DateFormats.Kind kind = DateFormats.kind(cell.getDataFormatId(), cell.getDataFormatString());
        if (kind != DateFormats.Kind.NONE && value.signum() >= 0) {
            String date = dateTime(value, kind, date1904);
            if (date != null) {
                return date;
            }
        }
        return plain(value);
    }

    /** A number as a person would write it: 13800138000, 3.5, 0.3. */
    static String plain(BigDecimal value) {
        BigDecimal rounded = value.round(EXCEL_DIGITS).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /**
     * A serial day number as a date, time or both; null if out of Excel's range. A
     * date alone is the day the number falls in; a time is rounded to the second.
     */
    static String dateTime(BigDecimal serial, DateFormats.Kind kind, boolean date1904) {
        if (serial.compareTo(BigDecimal.valueOf(2_958_466L)) >= 0) {
            return null; // past 9999-12-31
        }
        long total = serial.multiply(BigDecimal.valueOf(SECONDS_PER_DAY)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        LocalTime time = LocalTime.ofSecondOfDay(total % SECONDS_PER_DAY);
        if (kind == DateFormats.Kind.TIME) {
            return TIME.format(time);
        }
        long days = kind == DateFormats.Kind.DATE ? serial.longValue() : total / SECONDS_PER_DAY;
        LocalDate date;
        if (date1904) {
            date = LocalDate.of(1904, 1, 1).plusDays(days);
        } else if (days >= 61) {
            date = LocalDate.of(1899, 12, 30).plusDays(days);
        } else if (days >= 1 && days < 60) {
            date = LocalDate.of(1899, 12, 31).plusDays(days);
        } else {
            return null; // 0, and Excel's 29 February 1900, a day that never was
        }
        return kind == DateFormats.Kind.DATE ? date.toString() : DATE_TIME.format(LocalDateTime.of(date, time));
    }
}
