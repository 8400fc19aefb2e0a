package spotcheck.plans;

import java.util.Optional;
import spotcheck.roster.IdReferences;
import spotcheck.roster.Item;
import spotcheck.store.Store;

/** A plan's references read from the store: counties and departments as roster entries resolve them. */
final class StoredLookups implements PlanRules.Lookups {
    private final Store store;
    private final IdReferences refs;

    StoredLookups(Store store) {
        this.store = store;
        this.refs = new IdReferences(store);
    }

    @Override
    public Optional<String> county(String ref) {
        return refs.county(ref);
    }

    @Override
    public Optional<String> department(String ref) {
        return refs.itemOwner(ref);
    }

    @Override
    public Optional<PlanRules.ItemRef> item(String ref) {
        return refs.item(ref).flatMap(id -> store.get(Item.KIND, id))
                .map(i -> new PlanRules.ItemRef(i.itemId(), i.department()));
    }
}
