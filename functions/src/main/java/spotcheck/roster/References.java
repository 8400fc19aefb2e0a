package spotcheck.roster;

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
}
