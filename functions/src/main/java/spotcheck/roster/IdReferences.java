package spotcheck.roster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.orgs.Org;
import spotcheck.orgs.OrgRules;
import spotcheck.store.Store;

/**
 * References for the API: an id is read once, by key (a GetItem), instead of the whole
 * organisation and item lists; only a reference that is not an id (a name) falls back to
 * reading the lists, as an import does.
 */
public final class IdReferences implements References {
    private final Store store;
    private final Map<String, Optional<Org>> orgs = new HashMap<>();
    private final Map<String, Optional<Item>> items = new HashMap<>();
    private References byName;

    public IdReferences(Store store) {
        this.store = store;
    }

    @Override
    public Optional<String> county(String id) {
        return activeOrg(id).filter(o -> "county".equals(o.kind())).map(Org::orgId)
                .or(() -> orgs.get(id).isPresent() ? Optional.empty() : byName().county(id));
    }

    @Override
    public Optional<String> org(String id) {
        return activeOrg(id).map(Org::orgId).or(() -> orgs.get(id).isPresent() ? Optional.empty() : byName().org(id));
    }

    @Override
    public Optional<String> item(String id) {
        return items.computeIfAbsent(id, k -> plausible(k) ? store.get(Item.KIND, k) : Optional.empty()).filter(i -> "active".equals(i.status()))
                .map(Item::itemId).or(() -> items.get(id).isPresent() ? Optional.empty() : byName().item(id));
    }

    @Override
    public Optional<String> itemOwner(String id) {
        return activeOrg(id).filter(o -> OrgRules.ITEM_OWNER_KINDS.contains(o.kind())).map(Org::orgId)
                .or(() -> orgs.get(id).isPresent() ? Optional.empty() : byName().itemOwner(id));
    }

    @Override
    public List<String> itemsSharing(String name) {
        return byName().itemsSharing(name);
    }

    private References byName() {
        if (byName == null) {
            byName = new StoredReferences(store);
        }
        return byName;
    }

    private Optional<Org> activeOrg(String id) {
        return orgs.computeIfAbsent(id, k -> plausible(k) ? store.get(Org.KIND, k) : Optional.empty())
                .filter(o -> "active".equals(o.status()));
    }

    /** Longer than any id, or blank: not worth a read (and too long for a key). */
    private static boolean plausible(String id) {
        return !id.isBlank() && id.length() <= 200;
    }
}
