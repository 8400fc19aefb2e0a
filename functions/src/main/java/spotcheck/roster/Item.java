package spotcheck.roster;

import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.UniqueKey;
import spotcheck.validation.Text;

/** An inspection item (抽查事项) of the list; retired, never deleted, when its legal basis changes. */
public record Item(
        String itemId,
        String name,
        String department,
        String category,
        String legalBasis,
        String content,
        List<String> methods,
        List<String> targetTypes,
        String status,
        String retiredReason,
        String importId,
        long version,
        String createdAt,
        String updatedAt) implements RosterEntry {

    /**
     * Department and name are an item's natural key: files and staff name items by them. A retired
     * item keeps its name, so that plans, tasks and published results that name it stay unambiguous;
     * reinstating it is the way to use the name again.
     */
    public static final EntityKind<Item> KIND = new EntityKind<>("ITEM", "item", Item.class, true,
            item -> List.of(new UniqueKey("name", item.department() + "#" + Text.matchKey(item.name()), "name",
                    "the name '" + item.name().trim() + "' in department '" + item.department() + "'")));

    @Override
    public String id() {
        return itemId;
    }
}
