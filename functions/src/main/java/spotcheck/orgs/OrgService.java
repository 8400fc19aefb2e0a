package spotcheck.orgs;

import static spotcheck.validation.Text.blankToNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.store.Store;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.store.EntityStore.Filter;
import spotcheck.validation.Checks;

/**
 * Organisations: created and changed by administrators, read by everyone signed in, each as {@link OrgAccess} lets
 * the reader see it (the head's login is private).
 */
public final class OrgService {
    private final Store store;
    private final OrgAccess access = OrgAccess.POLICY;

    public OrgService(Store store) {
        this.store = store;
    }

    /** POST body. */
    public record OrgInput(String orgId, String name, String kind, String parentId, String divisionCode,
                           String headAccount) { }

    /**
     * PUT body: the org as read, changed; read-only fields may come back and are ignored. An administrator's PUT
     * replaces {@code headAccount} too (left out: none); anyone else's keeps the stored one when it leaves it out or
     * empty, and is refused (403) when it gives another.
     */
    public record OrgUpdate(String orgId, String name, String kind, String parentId, String divisionCode,
                            String headAccount, String status, Long version, String createdAt, String updatedAt) { }

    public Org create(Actor actor, OrgInput in) {
        Checks checks = new Checks();
        OrgRules.checkId(checks, in.orgId());
        OrgRules.check(checks, in.orgId(), in.name(), in.kind(), in.parentId(), in.divisionCode());
        String head = OrgRules.headAccount(checks, in.headAccount());
        checks.throwIfAny("The organisation is not valid");
        access.headAccountAfter(actor.principal(), null, head);
        requireParent(in.orgId(), in.parentId());
        String now = store.now();
        Org org = new Org(in.orgId(), in.name().trim(), in.kind(), blankToNull(in.parentId()),
                blankToNull(in.divisionCode()), head, "active", 1, now, now);
        store.create(Org.KIND, org, actor);
        return access.view(actor.principal(), org);
    }

    public Org update(Actor actor, String orgId, OrgUpdate in) {
        Checks checks = new Checks();
        if (in.orgId() != null && !in.orgId().equals(orgId)) {
            checks.problem("orgId", "orgId cannot be changed (the path names '" + orgId + "')");
        }
        checks.required("version", in.version());
        OrgRules.check(checks, orgId, in.name(), in.kind(), in.parentId(), in.divisionCode());
        checks.optionalOneOf("status", in.status(), OrgRules.STATUSES);
        String given = OrgRules.headAccount(checks, in.headAccount());
        checks.throwIfAny("The organisation is not valid");
        Org before = store.require(Org.KIND, orgId);
        // nor set, change or clear the head, unless an administrator
        String head = access.headAccountAfter(actor.principal(), before.headAccount(), given);
        Store.requireVersion(Org.KIND, before, in.version());
        requireParent(orgId, in.parentId());
        Org after = new Org(orgId, in.name().trim(), in.kind(), blankToNull(in.parentId()),
                blankToNull(in.divisionCode()), head, Objects.requireNonNullElse(in.status(), before.status()),
                before.version() + 1, before.createdAt(), store.now());
        store.update(Org.KIND, before, after, actor, "update");
        return access.view(actor.principal(), after);
    }

    /** The organisation as this reader may see it. */
    public Org get(Principal reader, String orgId) {
        return access.view(reader, store.require(Org.KIND, orgId));
    }

    /** A page of organisations, each as this reader may see it. */
    public Page<Org> list(Principal reader, String kind, int limit, String next) {
        List<Filter> filters = new ArrayList<>();
        if (kind != null) {
            Checks checks = new Checks().oneOf("kind", kind, OrgRules.KINDS);
            checks.throwIfAny("The filter is not valid");
            filters.add(Filter.eq("kind", kind));
        }
        Page<Org> page = store.list(Org.KIND, filters, limit, next);
        return new Page<>(page.items().stream().map(o -> access.view(reader, o)).toList(), page.next());
    }

    /** The parent must exist, and following parents up from it must never come back to {@code orgId}. */
    private void requireParent(String orgId, String parentId) {
        String current = blankToNull(parentId);
        for (int depth = 0; current != null; depth++) {
            if (current.equals(orgId) || depth > 20) {
                throw DomainException.invalid("parentId", "'" + parentId + "' would make the organisations a circle");
            }
            String id = current;
            Org parent = store.get(Org.KIND, id).orElseThrow(() ->
                    DomainException.invalid("parentId", "No organisation with id '" + id + "'"));
            current = parent.parentId();
        }
    }

}
