package spotcheck.imports;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import spotcheck.core.Principal;
import spotcheck.roster.References;
import spotcheck.roster.RosterEntry;
import spotcheck.sheets.Column;
import spotcheck.store.EntityKind;
import spotcheck.validation.Checks;

/**
 * One kind of roster entry an import fills: its columns, how a row becomes an entity, and
 * how two versions of an entity compare. Pure; the import process does the reading and writing.
 */
public abstract class RowKind<T extends RosterEntry> {

    /** A row that passed: the entity (version 1, not yet stamped) and what identifies it in messages. */
    public record Checked<T>(T entity, String keyLabel) { }

    private final String name;
    private final EntityKind<T> entityKind;
    private final List<Column<T>> columns;
    private final String templateName;
    private final BiPredicate<T, T> sameContent;

    /**
     * @param name         the kind as uploads name it ({@code imports/targets/…})
     * @param templateName the file name of its template, without extension
     * @param sameContent  whether two versions say the same (bookkeeping fields aside)
     */
    RowKind(String name, EntityKind<T> entityKind, List<Column<T>> columns, String templateName,
            BiPredicate<T, T> sameContent) {
        this.name = name;
        this.entityKind = entityKind;
        this.columns = columns;
        this.templateName = templateName;
        this.sameContent = sameContent;
    }

    public final String name() {
        return name;
    }

    public final EntityKind<T> entityKind() {
        return entityKind;
    }

    public final List<Column<T>> columns() {
        return columns;
    }

    public final String templateName() {
        return templateName;
    }

    /** The row as an entity, or empty with every problem recorded. */
    public abstract Optional<Checked<T>> check(HeaderMap header, List<String> cells, References refs, LocalDate today,
                                               Checks checks);

    /** Throws DomainException (403) when the requester may not import this entity. */
    public abstract void requireScope(Principal requester, T entity);

    public final boolean sameContent(T a, T b) {
        return sameContent.test(a, b);
    }

    /**
     * The stored entity as this row changes it. A file is the truth for the columns it has; a
     * column it lacks keeps the stored value, and an empty status keeps the current status (a
     * change of status needs a reason, which only the API or a status cell gives).
     */
    public abstract T merge(T stored, T fromFile, HeaderMap header, List<String> cells);

    /**
     * The entity as the requester's row may leave it, {@code stored} being what the roster holds (null: nothing
     * yet) and {@code changed} what the row makes of it: {@code changed} itself unless a field of it is one only
     * others may set, which the row then leaves as stored when it says nothing of it, and for which the row is
     * refused (DomainException, 403) when it would change it. Asked by the checking pass of a non-administrator's
     * import and again by the writing pass, on the entity as then stored.
     */
    public T heldTo(Principal requester, T stored, T changed) {
        return changed;
    }

    /** The entity with its bookkeeping fields set. */
    public abstract T stamp(T entity, long version, String createdAt, String updatedAt, String importId);

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
