package spotcheck.roster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** References held in memory: ids resolve to themselves, a name only when one entry has it. */
final class MapReferences implements References {
    private final Map<String, String> counties = new HashMap<>();
    private final Map<String, String> orgs = new HashMap<>();
    private final Map<String, String> items = new HashMap<>();

    MapReferences county(String id, String name) {
        add(counties, id, name);
        return org(id, name);
    }

    MapReferences org(String id, String name) {
        add(orgs, id, name);
        return this;
    }

    MapReferences item(String id, String name) {
        add(items, id, name);
        return this;
    }

    private static void add(Map<String, String> map, String id, String name) {
        map.put(id, id);
        map.merge(name, id, (a, b) -> a.equals(name) ? a : "?");
    }

    private static Optional<String> resolve(Map<String, String> map, String key) {
        return Optional.ofNullable(map.get(key)).filter(id -> !id.equals("?"));
    }

    @Override
    public Optional<String> county(String idOrName) {
        return resolve(counties, idOrName);
    }

    @Override
    public Optional<String> org(String idOrName) {
        return resolve(orgs, idOrName);
    }

    @Override
    public Optional<String> item(String idOrName) {
        return resolve(items, idOrName);
    }
}
