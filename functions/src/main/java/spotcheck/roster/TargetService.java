package spotcheck.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.store.Store;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Tables;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * The target roster. Who may read, edit and see private fields is {@link TargetAccess}'s to say;
 * a target outside the caller's scope answers as one that does not exist, for every verb.
 */
public final class TargetService {
    private final Store store;
    private final Clock clock;
    private final TargetAccess access = TargetAccess.POLICY;

    public TargetService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** POST body. */
    public record TargetInput(String creditCode, String name, String type, String county, List<String> items,
                              String riskClass, String legalRep, String address, String contactPhone,
                              String idNumber) { }

    /** PUT body: the target as read, changed; bookkeeping fields may come back and are ignored. */
    public record TargetUpdate(String targetId, String creditCode, String name, String type, String county,
                               List<String> items, String riskClass, String status, String statusReason,
                               String legalRep, String address, String contactPhone, String idNumber,
                               List<String> reviewFlags, String importId, Long version, String createdAt,
                               String updatedAt) { }

    /** POST /targets/{id}/deactivate body. */
    public record DeactivateInput(Long version, String reason) { }

    /** List filters, each optional. */
    public record Query(String county, String item, String type, String riskClass, String status, String flag) { }

    public Target create(Actor actor, TargetInput in) {
        Checks checks = new Checks();
        TargetRules.Checked c = TargetRules.check(checks, new TargetRules.TargetFields(in.creditCode(), in.name(),
                in.type(), in.county(), in.items(), in.riskClass(), null, null, in.legalRep(), in.address(),
                in.contactPhone(), in.idNumber()), new IdReferences(store), today()).orElse(null);
        checks.throwIfAny("The target is not valid");
        access.requireEdit(actor.principal(), c.fields().county());
        String now = store.now();
        Target target = build(c, c.targetId(), 1, now, now);
        store.create(Target.KIND, target, actor);
        return target;
    }

    /**
     * The target the path names, as far as the caller may know of it, and may change: a target outside
     * their scope answers exactly as one that does not exist, before anything of the body is looked at.
     */
    private Target editable(Principal p, String targetId) {
        Target before = access.requireVisible(p, store.get(Target.KIND, targetId), targetId);
        access.requireEdit(p, before.county());
        return before;
    }

    public Target update(Actor actor, String targetId, TargetUpdate in) {
        Target before = editable(actor.principal(), targetId);
        Checks checks = new Checks();
        if (in.targetId() != null && !in.targetId().equals(targetId)) {
            checks.problem("targetId", "targetId cannot be changed (the path names '" + targetId + "')");
        }
        checks.required("version", in.version());
        // Status and reason left out keep their current values, as for items: nothing is reinstated by omission.
        String status = Text.blankToNull(in.status()) == null ? before.status() : in.status();
        String reason = Text.blankToNull(in.statusReason()) == null ? before.statusReason() : in.statusReason();
        TargetRules.Checked c = TargetRules.check(checks, new TargetRules.TargetFields(in.creditCode(), in.name(),
                in.type(), in.county(), in.items(), in.riskClass(), status, reason, in.legalRep(),
                in.address(), in.contactPhone(), in.idNumber()), new IdReferences(store), today()).orElse(null);
        checks.throwIfAny("The target is not valid");
        // A county account may not move its target to another county.
        access.requireEdit(actor.principal(), c.fields().county());
        Store.requireVersion(Target.KIND, before, in.version());
        if (!Objects.equals(before.creditCode(), c.fields().creditCode())) {
            throw DomainException.invalid("creditCode", "creditCode cannot be changed: a target with another code is"
                    + " another target (deactivate this one and create the other)");
        }
        if (!"active".equals(c.fields().status()) && c.fields().statusReason() == null) {
            throw DomainException.invalid("statusReason", "Deregistering a target needs a reason (statusReason)");
        }
        String action = c.fields().status().equals(before.status()) ? "update"
                : "active".equals(c.fields().status()) ? "reinstate" : "deactivate";
        Target after = build(c, targetId, before.version() + 1, before.createdAt(), store.now());
        store.update(Target.KIND, before, after, actor, action);
        return after;
    }

    public Target deactivate(Actor actor, String targetId, DeactivateInput in) {
        Target before = editable(actor.principal(), targetId);
        new Checks().required("version", in.version()).text("reason", in.reason(), 1000)
                .throwIfAny("The deactivation is not valid");
        Store.requireVersion(Target.KIND, before, in.version());
        if (!"active".equals(before.status())) {
            throw DomainException.conflict("The target '" + targetId + "' is already " + before.status());
        }
        Target after = new Target(targetId, before.creditCode(), before.name(), before.type(), before.county(),
                before.items(), before.riskClass(), "deregistered", in.reason().trim(), before.legalRep(),
                before.address(), before.contactPhone(), before.idNumber(), before.reviewFlags(), before.importId(),
                before.version() + 1, before.createdAt(), store.now());
        store.update(Target.KIND, before, after, actor, "deactivate");
        return after;
    }

    /**
     * Raises the target's credit-risk class to {@code riskClass} through its versioned write, audited as
     * {@code raise-risk-class:} and the reason's id (a follow-up case): only upwards (A→B→C→D), 422 otherwise. The
     * byRisk and byPool index keys follow the stored class, so the next draw's strata see it. A write that meets a
     * concurrent change reads the target again and retries once. Answers the target as stored afterwards.
     */
    public Target raiseRiskClass(Actor actor, String targetId, String riskClass, String reasonId) {
        for (int attempt = 0; ; attempt++) {
            Target before = editable(actor.principal(), targetId);
            if (before.riskClass() != null && riskClass.compareTo(before.riskClass()) <= 0) {
                throw DomainException.invalid("riskClass", "The target '" + targetId + "' is of risk class "
                        + before.riskClass() + ": it can only be raised (A→B→C→D)");
            }
            Target after = new Target(targetId, before.creditCode(), before.name(), before.type(), before.county(),
                    before.items(), riskClass, before.status(), before.statusReason(), before.legalRep(),
                    before.address(), before.contactPhone(), before.idNumber(), before.reviewFlags(),
                    before.importId(), before.version() + 1, before.createdAt(), store.now());
            try {
                store.update(Target.KIND, before, after, actor, "raise-risk-class:" + reasonId);
                return after;
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.CONFLICT || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    public Target get(Principal reader, String targetId) {
        return access.view(reader, access.requireVisible(reader, store.get(Target.KIND, targetId), targetId));
    }

    public Page<Target> list(Principal reader, Query q, int limit, String next) {
        Listing listing = listing(reader, q);
        Page<Target> page = store.list(Target.KIND, listing.index(), listing.filters(), limit, next);
        return new Page<>(page.items().stream().map(t -> access.view(reader, t)).toList(), page.next());
    }

    /** Where a list reads (an index chosen by what it filters on) and what it still filters there. */
    public record Listing(ListIndex index, List<Filter> filters) { }

    /**
     * The index and filters a reader's query becomes; a county account is held to its own county. A risk
     * class reads the byRisk index (within one county: the range of that county), a county the byCounty index,
     * so either list reads only matching targets; item, type, status and flag filter what that index gives.
     */
    public Listing listing(Principal reader, Query q) {
        new Checks().optionalOneOf("type", q.type(), ItemRules.TARGET_TYPES)
                .optionalOneOf("riskClass", q.riskClass(), TargetRules.RISK_CLASSES)
                .optionalOneOf("status", q.status(), TargetRules.STATUSES)
                .throwIfAny("The filter is not valid");
        String county = Text.blankToNull(q.county()) == null ? null : q.county().trim();
        Optional<String> scope = access.listScope(reader);
        if (scope.isPresent()) {
            if (county != null && !county.equals(scope.get())) {
                throw DomainException.forbidden("Your account sees only the targets of county '" + scope.get() + "'");
            }
            county = scope.get();
        }
        String risk = Text.blankToNull(q.riskClass()) == null ? null : q.riskClass().trim();
        ListIndex index;
        if (risk != null) {
            index = new ListIndex(Tables.BY_RISK_INDEX, Target.RISK_KEY, Target.indexPartition(risk),
                    Target.RISK_SORT, county == null ? null : county + "#");
        } else if (county != null) {
            index = new ListIndex(Tables.BY_COUNTY_INDEX, Target.COUNTY_KEY, Target.indexPartition(county),
                    "entitySort", null);
        } else {
            index = ListIndex.byKind(Target.KIND);
        }
        List<Filter> filters = new ArrayList<>();
        add(filters, Filter::contains, "items", q.item());
        add(filters, Filter::eq, "type", q.type());
        add(filters, Filter::eq, "status", q.status());
        add(filters, Filter::contains, "reviewFlags", q.flag());
        return new Listing(index, filters);
    }

    private LocalDate today() {
        // the zone rules are read on first use, not at init
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }

    static Target build(TargetRules.Checked c, String targetId, long version, String createdAt, String updatedAt) {
        TargetRules.TargetFields f = c.fields();
        return new Target(targetId, f.creditCode(), f.name(), f.type(), f.county(), f.items(), f.riskClass(),
                f.status(), f.statusReason(), f.legalRep(), f.address(), f.contactPhone(), f.idNumber(),
                c.reviewFlags(), null, version, createdAt, updatedAt);
    }

    private static void add(List<Filter> filters, BiFunction<String, String, Filter> kind,
                            String attribute, String value) {
        if (Text.blankToNull(value) != null) {
            filters.add(kind.apply(attribute, value.trim()));
        }
    }
}
