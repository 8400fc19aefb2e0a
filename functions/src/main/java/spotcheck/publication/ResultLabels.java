package spotcheck.publication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import spotcheck.tasks.ResultCategories;

/**
 * The published label of each result category (检查结果), by the code a result stores: the categories of the
 * national enterprise credit publicity system (DOMAIN.md). The list the results capability configures can stand
 * in for {@link #STANDARD} (any code-to-label function does); a stored value that is already one of the labels is
 * shown as it is. Pure.
 */
@FunctionalInterface
public interface ResultLabels {

    /** The label published for a result code, or null for a code the list does not know. */
    String label(String code);

    /** The standard categories, by code, in the order the national system lists them. */
    Map<String, String> STANDARD_CATEGORIES = standard();

    ResultLabels STANDARD = code -> code == null ? null
            : STANDARD_CATEGORIES.containsKey(code) ? STANDARD_CATEGORIES.get(code)
            : STANDARD_CATEGORIES.containsValue(code) ? code : null;

    /** The label a public record shows: the category's, or 其他 for a code the list does not know. */
    default String published(String code) {
        String label = label(code);
        return label == null ? "其他" : label;
    }

    private static Map<String, String> standard() {
        Map<String, String> m = new LinkedHashMap<>();
        ResultCategories.DEFAULTS.forEach(c -> m.put(c.code(), c.label()));
        return Collections.unmodifiableMap(m);
    }
}
