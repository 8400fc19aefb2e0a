package spotcheck.sheets;

import java.util.List;
import java.util.function.Function;

/**
 * One column of a roster file, shared by its import, its template and its export so that a
 * header and the value under it cannot disagree: the field it fills, the header a template
 * shows (Chinese, as bureau staff write it), the other headers accepted for it, an example
 * value and a note for the template, and how an export writes an entity's value. A column
 * that is not imported is written by exports only (an id, a version) and skipped on import.
 */
public record Column<T>(String field, String header, boolean required, boolean imported, List<String> aliases,
                        String example, String note, Function<T, String> value) {

    public static <T> Column<T> required(String field, String header, String example, String note,
                                         Function<T, String> value, String... aliases) {
        return new Column<>(field, header, true, true, List.of(aliases), example, note, value);
    }

    public static <T> Column<T> optional(String field, String header, String example, String note,
                                         Function<T, String> value, String... aliases) {
        return new Column<>(field, header, false, true, List.of(aliases), example, note, value);
    }

    /** A column an export adds after the template's, for reading only. */
    public static <T> Column<T> exportOnly(String field, String header, Function<T, String> value, String... aliases) {
        return new Column<>(field, header, false, false, List.of(aliases), "", "", value);
    }

    /** The cell an export writes for this entity: never null. */
    public String cell(T entity) {
        String v = value.apply(entity);
        return v == null ? "" : v;
    }
}
