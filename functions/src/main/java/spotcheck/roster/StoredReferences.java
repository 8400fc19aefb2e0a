package spotcheck.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import spotcheck.core.Page;
import spotcheck.orgs.Org;
import spotcheck.orgs.OrgRules;
import spotcheck.store.EntityKind;
import spotcheck.store.Store;
import spotcheck.store.Versioned;
import spotcheck.validation.Text;

/**
 * References resolved against the stored organisations and items, read once (both lists are
 * short) on first use: for one request, or for one whole import. Names resolve only where they
 * are unambiguous; a name two items share must be given as an id.
 */
public final class StoredReferences implements References {
    private static final String AMBIGUOUS = "\u0000ambiguous";
    private final Store store;
    private Map<String, String> counties;
    private Map<String, String> orgs;
    private Map<String, String> items;
    private Map<String, String> itemOwners;
    private Map<String, String> itemsByDepartment;
    private Map<String, List<String>> itemsByName;

    public StoredReferences(Store store) {
        this.store = store;
    }

    @Override
    public Optional<String> county(String idOrName) {
        load();
        return resolve(counties, idOrName);
    }

    @Override
    public Optional<String> org(String idOrName) {
        load();
        return resolve(orgs, idOrName);
    }

    @Override
    public Optional<String> item(String idOrName) {
        load();
        return resolve(items, idOrName);
    }

    @Override
    public Optional<String> itemOwner(String idOrName) {
        load();
        return resolve(itemOwners, idOrName);
    }

    @Override
    public Optional<String> itemOf(String department, String name) {
        load();
        return Optional.ofNullable(itemsByDepartment.get(department + "\n" + Text.matchKey(name)));
    }

    @Override
    public List<String> itemsSharing(String name) {
        load();
        List<String> items = itemsByName.getOrDefault(name.trim(), List.of());
        return items.size() > 1 ? items.stream().sorted().toList() : List.of();
    }

    private static Optional<String> resolve(Map<String, String> map, String key) {
        String id = map.get(key);
        return id == null || id.equals(AMBIGUOUS) ? Optional.empty() : Optional.of(id);
    }

    private void load() {
        if (orgs != null) {
            return;
        }
        Map<String, String> countyMap = new HashMap<>();
        Map<String, String> orgMap = new HashMap<>();
        Map<String, String> itemMap = new HashMap<>();
        Map<String, String> ownerMap = new HashMap<>();
        Map<String, String> byDepartment = new HashMap<>();
        Map<String, List<String>> byName = new HashMap<>();
        each(Org.KIND, org -> {
            if ("active".equals(org.status())) {
                index(orgMap, org.orgId(), org.name());
                if ("county".equals(org.kind())) {
                    index(countyMap, org.orgId(), org.name());
                } else if (OrgRules.ITEM_OWNER_KINDS.contains(org.kind())) {
                    index(ownerMap, org.orgId(), org.name());
                }
            }
        });
        each(Item.KIND, item -> {
            // a retired item keeps its name in its department (Item.KIND's unique key)
            byDepartment.put(item.department() + "\n" + Text.matchKey(item.name()), item.itemId());
            if ("active".equals(item.status())) {
                index(itemMap, item.itemId(), item.name());
                byName.computeIfAbsent(item.name().trim(), n -> new ArrayList<>())
                        .add(item.itemId() + " (" + item.department() + ")");
            }
        });
        counties = countyMap;
        orgs = orgMap;
        items = itemMap;
        itemOwners = ownerMap;
        itemsByDepartment = byDepartment;
        itemsByName = byName;
    }

    /** Ids map to themselves and win over names; a name shared by two entries resolves to neither. */
    private static void index(Map<String, String> map, String id, String name) {
        map.put(id, id);
        if (name != null && !name.equals(id)) {
            map.merge(name.trim(), id, (a, b) -> a.equals(name.trim()) || a.equals(b) ? a : AMBIGUOUS);
        }
    }

    private <T extends Versioned> void each(EntityKind<T> kind, Consumer<T> action) {
        String next = null;
        do {
            Page<T> page = store.list(kind, List.of(), 200, next);
            page.items().forEach(action);
            next = page.next();
        } while (next != null);
    }
}
