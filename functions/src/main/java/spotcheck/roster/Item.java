package spotcheck.roster;

import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

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
        String updatedAt) implements Versioned {

    public static final EntityKind<Item> KIND = new EntityKind<>("ITEM", "item", Item.class, true);

    @Override
    public String id() {
        return itemId;
    }
}
