package spotcheck.imports;

import java.util.List;

/**
 * One column an import understands: the field it fills, the header a template shows
 * (Chinese, as bureau staff write it), the other headers accepted for it, an example value
 * and a note for the template.
 */
public record Column(String field, String header, boolean required, List<String> aliases, String example,
                     String note) {

    public static Column required(String field, String header, String example, String note, String... aliases) {
        return new Column(field, header, true, List.of(aliases), example, note);
    }

    public static Column optional(String field, String header, String example, String note, String... aliases) {
        return new Column(field, header, false, List.of(aliases), example, note);
    }
}
