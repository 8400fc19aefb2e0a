package spotcheck.roster;

import static spotcheck.validation.Text.blankToNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.orgs.Org;
import spotcheck.orgs.OrgRules;
import spotcheck.store.Store;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.HistoryEntry;
import spotcheck.validation.Checks;
import spotcheck.core.Ids;

/**
 * The inspection-item list. Admins maintain every item; an operator maintains the
 * items of their own department. Every version is kept (GET /items/{id}/history).
 */
public final class ItemService {
    private final Store store;
    private final ItemAccess access = ItemAccess.POLICY;

    public ItemService(Store store) {
        this.store = store;
    }

    /** POST body; itemId is optional and generated when absent. */
    public record ItemInput(String itemId, String name, String department, String category, String legalBasis,
                            String content, List<String> methods, List<String> targetTypes) { }

    /** PUT body: the item as read, changed; read-only fields may come back and are ignored. */
    public record ItemUpdate(String itemId, String name, String department, String category, String legalBasis,
                             String content, List<String> methods, List<String> targetTypes, String status,
                             String retiredReason, String importId, Long version, String createdAt,
                             String updatedAt) { }

    /** POST /items/{id}/retire body. */
    public record RetireInput(Long version, String reason) { }

    public Item create(Actor actor, ItemInput in) {
        Checks checks = new Checks();
        if (in.itemId() != null) {
            ItemRules.checkId(checks, in.itemId());
        }
        ItemRules.check(checks, in.name(), in.department(), in.category(), in.legalBasis(), in.content(),
                in.methods(), in.targetTypes());
        checks.throwIfAny("The item is not valid");
        access.requireEdit(actor.principal(), in.department());
        requireOwner(in.department());
        String now = store.now();
        String itemId = in.itemId() != null ? in.itemId() : Ids.random("ITEM-", 10);
        Item item = new Item(itemId, in.name().trim(), in.department(), in.category(), in.legalBasis().trim(),
                in.content().trim(), in.methods(), in.targetTypes(), "active", null, null, 1, now, now);
        store.create(Item.KIND, item, actor);
        return item;
    }

    public Item update(Actor actor, String itemId, ItemUpdate in) {
        Item before = editable(actor, itemId);
        Checks checks = new Checks();
        if (in.itemId() != null && !in.itemId().equals(itemId)) {
            checks.problem("itemId", "itemId cannot be changed (the path names '" + itemId + "')");
        }
        checks.required("version", in.version());
        ItemRules.check(checks, in.name(), in.department(), in.category(), in.legalBasis(), in.content(),
                in.methods(), in.targetTypes());
        checks.optionalOneOf("status", in.status(), ItemRules.STATUSES);
        checks.throwIfAny("The item is not valid");
        // An operator may change their own department's items, and not hand one to another department.
        access.requireEdit(actor.principal(), in.department());
        Store.requireVersion(Item.KIND, before, in.version());
        if (!in.department().equals(before.department())) {
            requireOwner(in.department());
        }
        String status = Objects.requireNonNullElse(in.status(), before.status());
        String retiredReason = null;
        if ("retired".equals(status)) {
            retiredReason = blankToNull(in.retiredReason()) != null ? blankToNull(in.retiredReason())
                    : blankToNull(before.retiredReason());
        }
        if ("retired".equals(status) && retiredReason == null) {
            throw DomainException.invalid("retiredReason", "Retiring an item needs a reason (retiredReason, or use "
                    + "POST /items/" + itemId + "/retire)");
        }
        String action = status.equals(before.status()) ? "update" : "retired".equals(status) ? "retire" : "reinstate";
        Item after = new Item(itemId, in.name().trim(), in.department(), in.category(), in.legalBasis().trim(),
                in.content().trim(), in.methods(), in.targetTypes(), status, retiredReason, null,
                before.version() + 1, before.createdAt(), store.now());
        store.update(Item.KIND, before, after, actor, action);
        return after;
    }

    public Item retire(Actor actor, String itemId, RetireInput in) {
        Item before = editable(actor, itemId);
        Checks checks = new Checks().required("version", in.version()).text("reason", in.reason(), 1000);
        checks.throwIfAny("The retirement is not valid");
        Store.requireVersion(Item.KIND, before, in.version());
        if ("retired".equals(before.status())) {
            throw DomainException.conflict("The item '" + itemId + "' is already retired");
        }
        Item after = new Item(itemId, before.name(), before.department(), before.category(), before.legalBasis(),
                before.content(), before.methods(), before.targetTypes(), "retired", in.reason().trim(),
                before.importId(), before.version() + 1, before.createdAt(), store.now());
        store.update(Item.KIND, before, after, actor, "retire");
        return after;
    }

    public Item get(Principal reader, String itemId) {
        return store.get(Item.KIND, itemId).filter(i -> access.mayRead(reader, i))
                .orElseThrow(() -> DomainException.notFound("No item with id '" + itemId + "'"));
    }

    /**
     * The item the path names, if the caller may know of it (else the 404 of an unknown id) and may change
     * it (else 403), decided before anything of the body is looked at.
     */
    private Item editable(Actor actor, String itemId) {
        Item before = get(actor.principal(), itemId);
        access.requireEdit(actor.principal(), before.department());
        return before;
    }

    public Page<Item> list(String department, String status, String category, int limit, String next) {
        Checks checks = new Checks()
                .optionalOneOf("status", status, ItemRules.STATUSES)
                .optionalOneOf("category", category, ItemRules.CATEGORIES);
        checks.throwIfAny("The filter is not valid");
        List<Filter> filters = new ArrayList<>();
        if (department != null) {
            filters.add(Filter.eq("department", department));
        }
        if (status != null) {
            filters.add(Filter.eq("status", status));
        }
        if (category != null) {
            filters.add(Filter.eq("category", category));
        }
        return store.list(Item.KIND, filters, limit, next);
    }

    public Page<HistoryEntry<Item>> history(String itemId, int limit, String next) {
        store.require(Item.KIND, itemId);
        return store.history(Item.KIND, itemId, limit, next);
    }

    private void requireOwner(String department) {
        Org org = store.get(Org.KIND, department).orElseThrow(() ->
                DomainException.invalid("department", "No organisation with id '" + department + "'"));
        if (!"active".equals(org.status())) {
            throw DomainException.invalid("department", "'" + department + "' is inactive and cannot own items");
        }
        if (!OrgRules.ITEM_OWNER_KINDS.contains(org.kind())) {
            throw DomainException.invalid("department", "'" + department + "' is a " + org.kind()
                    + "; items belong to a department, the bureau or an external agency");
        }
    }


}
