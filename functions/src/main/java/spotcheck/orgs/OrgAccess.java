package spotcheck.orgs;

import spotcheck.core.Access;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may see what of an organisation, in one place. Everyone signed in reads every organisation; only
 * administrators create and change them (the routes). One field is private: {@code headAccount}, the login of the
 * head. Administrators and the organisation's own staff (its operators, or a county's own account) see it;
 * everyone else reads the organisation without it. Only administrators set, change or clear it.
 */
public final class OrgAccess {
    public static final OrgAccess POLICY = new OrgAccess();

    /** Why a non-administrator's edit of headAccount is refused. */
    public static final String HEAD_ADMIN_ONLY = "Only an administrator may set, change or remove the head of an"
            + " organisation (headAccount, 负责人); leave headAccount out, empty or as it is";

    private OrgAccess() { }

    /** The reader sees the private field: administrators and the organisation's own operators or county account. */
    public boolean seesPrivate(Principal p, Org o) {
        return p != null && (p.has(Role.ADMIN) || Access.ORG_SCOPED.stream().anyMatch(p::has)
                && o.orgId().equals(p.org()));
    }

    /** What this reader may see of an organisation: everything, or the organisation without its head. */
    public Org view(Principal p, Org o) {
        return o.headAccount() == null || seesPrivate(p, o) ? o : o.withoutHead();
    }

    /**
     * The headAccount an edit by {@code p} leaves on an organisation holding {@code stored} (null: none, or a new
     * one) when the edit gives {@code given}: as {@link Access#adminOnly} decides. The value is never repeated in a
     * message.
     */
    public String headAccountAfter(Principal p, String stored, String given) {
        return Access.adminOnly(p, stored, given, HEAD_ADMIN_ONLY);
    }
}
