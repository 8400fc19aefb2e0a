package spotcheck.roster;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;

/** HTTP operations on /items. */
public final class ItemOperations {
    private final ItemService items;

    public ItemOperations(ItemService items) {
        this.items = items;
    }

    public ApiResponse list(ApiRequest r) {
        return ApiResponse.ok(items.list(r.query("department").orElse(null), r.query("status").orElse(null),
                r.query("category").orElse(null), r.limit(50, 200), r.query("next").orElse(null)));
    }

    public ApiResponse create(ApiRequest r) {
        Item item = items.create(r.actor(), r.body(ItemService.ItemInput.class));
        return ApiResponse.created(item, "/items/" + item.itemId());
    }

    public ApiResponse get(ApiRequest r) {
        return ApiResponse.ok(items.get(r.caller(), r.path("itemId")));
    }

    public ApiResponse update(ApiRequest r) {
        return ApiResponse.ok(items.update(r.actor(), r.path("itemId"), r.body(ItemService.ItemUpdate.class)));
    }

    public ApiResponse retire(ApiRequest r) {
        return ApiResponse.ok(items.retire(r.actor(), r.path("itemId"), r.body(ItemService.RetireInput.class)));
    }

    public ApiResponse history(ApiRequest r) {
        return ApiResponse.ok(items.history(r.path("itemId"), r.limit(50, 200), r.query("next").orElse(null)));
    }
}
