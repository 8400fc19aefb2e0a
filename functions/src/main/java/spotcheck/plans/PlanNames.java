package spotcheck.plans;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.orgs.Org;
import spotcheck.roster.Item;
import spotcheck.store.Store;

/**
 * What a plan's ids stand for, for documents people read: organisations and counties by name, items in
 * full. Each id is read once per document.
 */
final class PlanNames {
    private final Store store;
    private final Map<String, Optional<Org>> orgs = new HashMap<>();
    private final Map<String, Optional<Item>> items = new HashMap<>();

    PlanNames(Store store) {
        this.store = store;
    }

    /** An organisation's name, or its id when it is gone. */
    String org(String id) {
        return orgs.computeIfAbsent(id, k -> store.get(Org.KIND, k)).map(Org::name).orElse(id);
    }

    List<String> orgs(List<String> ids) {
        return ids.stream().map(this::org).toList();
    }

    Optional<Item> item(String id) {
        return items.computeIfAbsent(id, k -> store.get(Item.KIND, k));
    }

    /** An item's name, or its id when it is gone. */
    String itemName(String id) {
        return item(id).map(Item::name).orElse(id);
    }
}
