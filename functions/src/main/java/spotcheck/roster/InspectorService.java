package spotcheck.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.store.Store;
import spotcheck.store.EntityStore.Filter;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * The inspector roster. Admins maintain everyone; an operator or county account maintains
 * the inspectors of its own department or county. Everyone signed in may read it: draws and
 * their publication name the inspectors anyway. The linked login ({@code accountId}) is shown to
 * administrators and the editors of the inspector's organisation only, and set by administrators only
 * ({@link InspectorAccess}).
 */
public final class InspectorService {
    private final Store store;
    private final InspectorAccess access = InspectorAccess.POLICY;

    public InspectorService(Store store) {
        this.store = store;
    }

    /** POST body. */
    public record InspectorInput(String name, String org, String certificateNo, String certificateValidUntil,
                                 List<String> qualifiedItems, List<String> expertise, List<String> conflicts,
                                 String accountId) { }

    /**
     * PUT body: the inspector as read, changed; bookkeeping fields may come back and are ignored. An
     * administrator's PUT replaces {@code accountId} too (left out: unlinked); anyone else's keeps the stored one
     * when it leaves it out or empty, and is refused (403) when it gives another.
     */
    public record InspectorUpdate(String inspectorId, String name, String org, String certificateNo,
                                  String certificateValidUntil, List<String> qualifiedItems, List<String> expertise,
                                  String status, String statusReason, List<String> conflicts, String accountId,
                                  String importId, Long version, String createdAt, String updatedAt) { }

    public record DeactivateInput(Long version, String reason) { }

    public record Query(String org, String item, String status, String expertise) { }

    public Inspector create(Actor actor, InspectorInput in) {
        Checks checks = new Checks();
        InspectorRules.Checked c = InspectorRules.check(checks, new InspectorRules.InspectorFields(in.name(),
                in.org(), in.certificateNo(), in.certificateValidUntil(), in.qualifiedItems(), in.expertise(), null,
                null, in.conflicts(), in.accountId()), new IdReferences(store)).orElse(null);
        checks.throwIfAny("The inspector is not valid");
        access.requireEdit(actor.principal(), c.fields().org());
        access.accountIdAfter(actor.principal(), null, c.fields().accountId());
        String now = store.now();
        Inspector inspector = build(c.inspectorId(), c.fields(), 1, now, now);
        if (store.get(Inspector.KIND, c.inspectorId()).isPresent()) {
            throw DomainException.conflict("An inspector with certificate number '" + c.fields().certificateNo()
                    + "' already exists (" + c.inspectorId() + ")");
        }
        store.create(Inspector.KIND, inspector, actor);
        return access.view(actor.principal(), inspector);
    }

    public Inspector update(Actor actor, String inspectorId, InspectorUpdate in) {
        Inspector before = editable(actor, inspectorId);
        Checks checks = new Checks();
        if (in.inspectorId() != null && !in.inspectorId().equals(inspectorId)) {
            checks.problem("inspectorId", "inspectorId cannot be changed (the path names '" + inspectorId + "')");
        }
        checks.required("version", in.version());
        // Status and reason left out keep their current values, as for items: nobody is reinstated by omission.
        String status = Text.blankToNull(in.status()) == null ? before.status() : in.status();
        String reason = Text.blankToNull(in.statusReason()) == null ? before.statusReason() : in.statusReason();
        InspectorRules.Checked c = InspectorRules.check(checks, new InspectorRules.InspectorFields(in.name(),
                in.org(), in.certificateNo(), in.certificateValidUntil(), in.qualifiedItems(), in.expertise(),
                status, reason, in.conflicts(), in.accountId()), new IdReferences(store)).orElse(null);
        checks.throwIfAny("The inspector is not valid");
        // nor hand one to an organisation they do not act for
        access.requireEdit(actor.principal(), c.fields().org());
        // nor link a login to a roster entry, change or remove it, unless an administrator
        String accountId = access.accountIdAfter(actor.principal(), before.accountId(), c.fields().accountId());
        Store.requireVersion(Inspector.KIND, before, in.version());
        if (!"active".equals(c.fields().status()) && c.fields().statusReason() == null) {
            throw DomainException.invalid("statusReason", "Making an inspector inactive needs a reason (statusReason)");
        }
        String action = c.fields().status().equals(before.status()) ? "update"
                : "active".equals(c.fields().status()) ? "reinstate" : "deactivate";
        InspectorRules.InspectorFields f = c.fields();
        Inspector after = build(inspectorId, new InspectorRules.InspectorFields(f.name(), f.org(), f.certificateNo(),
                f.certificateValidUntil(), f.qualifiedItems(), f.expertise(), f.status(), f.statusReason(),
                f.conflicts(), accountId), before.version() + 1, before.createdAt(), store.now());
        store.update(Inspector.KIND, before, after, actor, action);
        return access.view(actor.principal(), after);
    }

    public Inspector deactivate(Actor actor, String inspectorId, DeactivateInput in) {
        Inspector before = editable(actor, inspectorId);
        new Checks().required("version", in.version()).text("reason", in.reason(), 1000)
                .throwIfAny("The deactivation is not valid");
        Store.requireVersion(Inspector.KIND, before, in.version());
        if (!"active".equals(before.status())) {
            throw DomainException.conflict("The inspector '" + inspectorId + "' is already inactive");
        }
        Inspector after = new Inspector(inspectorId, before.name(), before.org(), before.certificateNo(),
                before.certificateValidUntil(), before.qualifiedItems(), before.expertise(), "inactive",
                in.reason().trim(), before.conflicts(), before.accountId(), before.importId(), before.version() + 1, before.createdAt(),
                store.now());
        store.update(Inspector.KIND, before, after, actor, "deactivate");
        return access.view(actor.principal(), after);
    }

    /**
     * The inspector whose roster entry the login {@code accountId} is linked to, if any: the claim on the link read,
     * then its holder (two reads, no index).
     */
    public Optional<Inspector> byAccount(String accountId) {
        String id = Text.blankToNull(accountId);
        return id == null ? Optional.empty() : store.holderOf(Inspector.KIND, Inspector.accountKey(id));
    }

    /** The inspector as this reader may see it. */
    public Inspector get(Principal reader, String inspectorId) {
        return access.view(reader, stored(reader, inspectorId));
    }

    /** The stored inspector, whole, if the reader may know of them. */
    private Inspector stored(Principal reader, String inspectorId) {
        return store.get(Inspector.KIND, inspectorId).filter(i -> access.mayRead(reader, i))
                .orElseThrow(() -> notFound(inspectorId));
    }

    /**
     * The inspector the path names, if the caller may know of them (else the 404 of an unknown id) and may
     * change them (else 403), decided before anything of the body is looked at.
     */
    private Inspector editable(Actor actor, String inspectorId) {
        Inspector before = stored(actor.principal(), inspectorId);
        access.requireEdit(actor.principal(), before.org());
        return before;
    }

    private static DomainException notFound(String inspectorId) {
        return DomainException.notFound("No inspector with id '" + inspectorId + "'");
    }

    /** A page of inspectors, each as this reader may see it. */
    public Page<Inspector> list(Principal reader, Query q, int limit, String next) {
        Page<Inspector> page = store.list(Inspector.KIND, filters(q), limit, next);
        return new Page<>(page.items().stream().map(i -> access.view(reader, i)).toList(), page.next());
    }

    public List<Filter> filters(Query q) {
        new Checks().optionalOneOf("status", q.status(), InspectorRules.STATUSES).throwIfAny("The filter is not valid");
        List<Filter> filters = new ArrayList<>();
        if (Text.blankToNull(q.org()) != null) {
            filters.add(Filter.eq("org", q.org().trim()));
        }
        if (Text.blankToNull(q.item()) != null) {
            filters.add(Filter.contains("qualifiedItems", q.item().trim()));
        }
        if (Text.blankToNull(q.status()) != null) {
            filters.add(Filter.eq("status", q.status().trim()));
        }
        if (Text.blankToNull(q.expertise()) != null) {
            filters.add(Filter.contains("expertise", q.expertise().trim()));
        }
        return filters;
    }

    static Inspector build(String inspectorId, InspectorRules.InspectorFields f, long version, String createdAt,
                           String updatedAt) {
        return new Inspector(inspectorId, f.name(), f.org(), f.certificateNo(), f.certificateValidUntil(),
                f.qualifiedItems(), f.expertise(), f.status(), f.statusReason(), f.conflicts(), f.accountId(), null,
                version, createdAt, updatedAt);
    }
}
