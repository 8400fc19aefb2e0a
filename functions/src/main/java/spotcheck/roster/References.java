package spotcheck.roster;

import java.util.List;
import java.util.Optional;

/**
 * Resolves what a roster entry points at: a county, an organisation, an item. The API
 * takes ids; an import file may also name them as staff write them (东源县, an item's name).
 */
public interface References {
    /** The id of an active county, from its id or name. */
    Optional<String> county(String idOrName);

    /** The id of an active organisation (department, county, bureau or agency), from its id or name. */
    Optional<String> org(String idOrName);

    /** The id of an active item, from its id or name. */
    Optional<String> item(String idOrName);

    /** The id of an active organisation that may own items (the bureau, a department, an agency). */
    default Optional<String> itemOwner(String idOrName) {
        return org(idOrName);
    }

    /** The id of the item (active or retired) a department already has under this name, compared as natural keys are. */
    default Optional<String> itemOf(String department, String name) {
        return Optional.empty();
    }

    /**
     * When a name is that of active items in several departments, those items, each as
     * "ITEM-… (department)"; otherwise empty.
     */
    default List<String> itemsSharing(String name) {
        return List.of();
    }
}
