package spotcheck.core;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The coarse gate of every route: which roles may call it, and that a caller whose reach is their
 * own organisation names one. Which entities a caller may read, edit or see in full is each
 * capability's own policy (roster.TargetAccess, roster.InspectorAccess, roster.ItemAccess,
 * imports.ImportAccess, orgs.OrgAccess), which the services, lists, exports and import rows all ask.
 */
public final class Access {
    private Access() { }

    /** Roles that may read everything in the reference lists (orgs, items, calendar). */
    public static final Set<Role> ANY_ROLE = Set.of(Role.values());
    public static final Set<Role> ADMIN_ONLY = Set.of(Role.ADMIN);
    public static final Set<Role> OVERSIGHT = Set.of(Role.ADMIN, Role.AUDITOR);
    /**
     * Roles whose reach is their own organisation: operators edit their department's items and
     * inspectors, county staff see and edit their county's targets. Inspectors and auditors read
     * city-wide, and admins act for every organisation.
     */
    public static final Set<Role> ORG_SCOPED = Set.of(Role.OPERATOR, Role.COUNTY);

    /** The caller must hold one of the roles. */
    public static void requireAnyRole(Principal principal, Set<Role> allowed) {
        if (principal == null) {
            throw DomainException.unauthorized("A bearer token is required");
        }
        for (Role role : principal.roles()) {
            if (allowed.contains(role)) {
                return;
            }
        }
        throw DomainException.forbidden("This needs one of the roles: " + describe(allowed));
    }

    /**
     * A caller whose reach is their own organisation must name one. Every scope check compares
     * against the {@code org} claim, and a missing one must not read as "no restriction": it is
     * refused here, once, before any operation runs. An org that names no organisation needs no
     * check: it matches no data, so it sees and changes nothing of anyone's.
     */
    public static void requireOrganisation(Principal principal) {
        if (principal == null || principal.has(Role.ADMIN) || !isOrgScoped(principal)) {
            return;
        }
        if (principal.org() == null || principal.org().isBlank()) {
            throw DomainException.forbidden("Your token names no organisation (claim 'org'), which the role "
                    + describe(principal.roles().stream().filter(ORG_SCOPED::contains).collect(Collectors.toSet()))
                    + " needs");
        }
    }

    /**
     * What a field only administrators may set holds after an edit by {@code p}, when it held {@code stored} (null:
     * nothing, or a new entity) and the edit gives {@code given} (checked and trimmed; null: none given). An
     * administrator's edit gives what it gives. Anyone else's keeps the stored value when it gives none or the same
     * one, and is refused (403, with {@code refusal}) when it would set, change or clear it.
     */
    public static String adminOnly(Principal p, String stored, String given, String refusal) {
        if (p.has(Role.ADMIN)) {
            return given;
        }
        if (given == null || given.equals(stored)) {
            return stored;
        }
        throw DomainException.forbidden(refusal);
    }

    private static boolean isOrgScoped(Principal principal) {
        return ORG_SCOPED.stream().anyMatch(principal::has);
    }

    private static String describe(Set<Role> roles) {
        return roles.stream().sorted().map(Role::claimValue).collect(Collectors.joining(", "));
    }
}
