package spotcheck.imports;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import spotcheck.api.Principal;
import spotcheck.roster.References;
import spotcheck.sheets.Column;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;
import spotcheck.validation.Checks;

/**
 * One kind of roster entry an import fills: its columns, how a row becomes an entity, and
 * how two versions of an entity compare. Pure; the import process does the reading and writing.
 */
public abstract class RowKind<T extends Versioned> {

    /** A row that passed: the entity (version 1, not yet stamped) and what identifies it in messages. */
    public record Checked<T>(T entity, String keyLabel) { }

    public abstract String name();

    public abstract EntityKind<T> entityKind();

    public abstract List<Column<T>> columns();

    /** The file name of the template, without extension. */
    public abstract String templateName();

    /** The row as an entity, or empty with every problem recorded. */
    public abstract Optional<Checked<T>> check(HeaderMap header, List<String> cells, References refs, LocalDate today,
                                               Checks checks);

    /** Throws ApiException (403) when the requester may not import this entity. */
    public abstract void requireScope(Principal requester, T entity);

    public abstract boolean sameContent(T a, T b);

    /**
     * The stored entity as this row changes it. A file is the truth for the columns it has; a
     * column it lacks keeps the stored value, and an empty status keeps the current status (a
     * change of status needs a reason, which only the API or a status cell gives).
     */
    public abstract T merge(T stored, T fromFile, HeaderMap header, List<String> cells);

    /** The entity with its bookkeeping fields set. */
    public abstract T stamp(T entity, long version, String createdAt, String updatedAt, String importId);

    public abstract String createdAt(T entity);

    /** The importId an entity was last written by. */
    public abstract String importId(T entity);

    public static final Map<String, RowKind<?>> ALL = Map.of("targets", new TargetRows(), "inspectors",
            new InspectorRows(), "items", new ItemRows());

    public static Optional<RowKind<?>> named(String kind) {
        return Optional.ofNullable(kind == null ? null : ALL.get(kind));
    }

    /** A cell holding several values: separated by any of ; ； , ， 、 | or new lines. */
    static List<String> split(String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;；,，、|\\n\\r]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A status cell: a word of the vocabulary, optionally followed by ：or : and why
     * ("调离：2026年6月调往省林业局"). Answers the status code; the whole cell is the reason.
     */
    static String status(String cell, Map<String, String> words) {
        return cell == null ? null : vocabulary(cell.split("[：:]", 2)[0], words);
    }

    /** A vocabulary value as staff write it (企业, A类, 低风险, …) mapped to its code; unknown values pass through. */
    static String vocabulary(String value, Map<String, String> words) {
        if (value == null) {
            return null;
        }
        String key = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        return words.getOrDefault(key, value.trim());
    }
}
