package spotcheck.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.store.EntityStore;
import spotcheck.store.EntityStore.Filter;
import spotcheck.validation.Checks;
import spotcheck.validation.Text;

/**
 * The target roster. Admins and bureau operators maintain every county's targets; a county
 * account sees and maintains only its own county's. Private fields are masked for readers
 * who do not need them (inspectors, auditors).
 */
public final class TargetService {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final EntityStore store;
    private final Clock clock;

    public TargetService(EntityStore store, Clock clock) {
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
        requireEditor(actor.principal(), c.fields().county());
        String now = store.now();
        Target target = build(c, c.targetId(), 1, now, now);
        store.create(Target.KIND, target, actor);
        return target;
    }

    public Target update(Actor actor, String targetId, TargetUpdate in) {
        Checks checks = new Checks();
        if (in.targetId() != null && !in.targetId().equals(targetId)) {
            checks.problem("targetId", "targetId cannot be changed (the path names '" + targetId + "')");
        }
        checks.required("version", in.version());
        Target before = store.require(Target.KIND, targetId);
        // Status and reason left out keep their current values, as for items: nothing is reinstated by omission.
        String status = Text.blankToNull(in.status()) == null ? before.status() : in.status();
        String reason = Text.blankToNull(in.statusReason()) == null ? before.statusReason() : in.statusReason();
        TargetRules.Checked c = TargetRules.check(checks, new TargetRules.TargetFields(in.creditCode(), in.name(),
                in.type(), in.county(), in.items(), in.riskClass(), status, reason, in.legalRep(),
                in.address(), in.contactPhone(), in.idNumber()), new IdReferences(store), today()).orElse(null);
        checks.throwIfAny("The target is not valid");
        // A county account may change its own targets, and not move one to another county.
        requireEditor(actor.principal(), before.county());
        requireEditor(actor.principal(), c.fields().county());
        EntityStore.requireVersion(Target.KIND, before, in.version());
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
        new Checks().required("version", in.version()).text("reason", in.reason(), 1000)
                .throwIfAny("The deactivation is not valid");
        Target before = store.require(Target.KIND, targetId);
        requireEditor(actor.principal(), before.county());
        EntityStore.requireVersion(Target.KIND, before, in.version());
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

    public Target get(Principal reader, String targetId) {
        Target target = store.get(Target.KIND, targetId).filter(t -> mayRead(reader, t)).orElseThrow(() ->
                DomainException.notFound("No target with id '" + targetId + "'"));
        return view(reader, target);
    }

    public Page<Target> list(Principal reader, Query q, int limit, String next) {
        List<Filter> filters = filters(reader, q);
        Page<Target> page = store.list(Target.KIND, filters, limit, next);
        return new Page<>(page.items().stream().map(t -> view(reader, t)).toList(), page.next());
    }

    /** The filters a reader's query becomes; a county account is held to its own county. */
    public List<Filter> filters(Principal reader, Query q) {
        new Checks().optionalOneOf("type", q.type(), ItemRules.TARGET_TYPES)
                .optionalOneOf("riskClass", q.riskClass(), TargetRules.RISK_CLASSES)
                .optionalOneOf("status", q.status(), TargetRules.STATUSES)
                .throwIfAny("The filter is not valid");
        String county = q.county();
        if (countyBound(reader)) {
            if (county != null && !county.equals(reader.org())) {
                throw DomainException.forbidden("Your account sees only the targets of county '" + reader.org() + "'");
            }
            county = reader.org();
        }
        List<Filter> filters = new ArrayList<>();
        add(filters, Filter::eq, "county", county);
        add(filters, Filter::contains, "items", q.item());
        add(filters, Filter::eq, "type", q.type());
        add(filters, Filter::eq, "riskClass", q.riskClass());
        add(filters, Filter::eq, "status", q.status());
        add(filters, Filter::contains, "reviewFlags", q.flag());
        return filters;
    }

    /** What this reader may see of a target: everything, or the private fields masked. */
    public static Target view(Principal reader, Target t) {
        return seesPrivate(reader, t) ? t : t.masked();
    }

    static boolean seesPrivate(Principal reader, Target t) {
        return reader.has(Role.ADMIN) || reader.has(Role.OPERATOR)
                || reader.has(Role.COUNTY) && t.county().equals(reader.org());
    }

    /** County staff without a city-wide role are held to their county. */
    static boolean countyBound(Principal p) {
        return p.has(Role.COUNTY) && !p.has(Role.ADMIN) && !p.has(Role.OPERATOR) && !p.has(Role.AUDITOR);
    }

    static boolean mayRead(Principal reader, Target t) {
        return !countyBound(reader) || t.county().equals(reader.org());
    }

    /** Admins and bureau operators edit every county's targets; county staff their own county's. */
    public static void requireEditor(Principal p, String county) {
        if (p.has(Role.ADMIN) || p.has(Role.OPERATOR) || p.has(Role.COUNTY) && county.equals(p.org())) {
            return;
        }
        throw DomainException.forbidden("Your account may not change the targets of county '" + county + "'");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
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
