package spotcheck.roster;

import spotcheck.core.Access;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may do what with the inspector roster, in one place (services, lists, exports, import rows).
 * Everyone signed in reads every inspector (draws and their publication name them anyway). Admins edit
 * everyone; operators and county staff the inspectors of their own department or county.
 *
 * <p>One field is private: {@code accountId}, the login linked to the roster entry, which opens every task
 * naming the inspector to that login. Administrators and the editors of the inspector's organisation see it;
 * everyone else reads the inspector without it (the lists, a single inspector, the export's 账号 column left
 * empty). Only administrators link, change or unlink it: anyone else's edit keeps the stored one.
 */
public final class InspectorAccess {
    public static final InspectorAccess POLICY = new InspectorAccess();

    private InspectorAccess() { }

    /** The reader may know this inspector exists. */
    public boolean mayRead(Principal p, Inspector i) {
        return p != null;
    }

    /** The caller may create, change or deactivate the inspectors of {@code org}. */
    public boolean mayEdit(Principal p, String org) {
        return p.has(Role.ADMIN) || (p.has(Role.OPERATOR) || p.has(Role.COUNTY)) && org != null
                && org.equals(p.org());
    }

    /** The reader sees the private field ({@code accountId}): administrators and the editors of its organisation. */
    public boolean seesPrivate(Principal p, Inspector i) {
        return p != null && mayEdit(p, i.org());
    }

    /** What this reader may see of an inspector: everything, or the inspector without its accountId. */
    public Inspector view(Principal p, Inspector i) {
        return seesPrivate(p, i) || i.accountId() == null ? i : i.withoutAccount();
    }

    /** The caller may link a login to a roster entry, change or remove the link: administrators only. */
    public boolean mayLinkAccount(Principal p) {
        return p.has(Role.ADMIN);
    }

    /**
     * The accountId an edit by {@code p} leaves on an inspector holding {@code stored} (null: none, or a new
     * inspector) when the edit gives {@code given} (checked and trimmed; null: none given). An administrator's edit
     * gives what it gives. Anyone else's keeps the stored one when it gives none or the same one, and is refused
     * (403) when it would link, change or unlink an account. The value is never repeated in a message.
     */
    public String accountIdAfter(Principal p, String stored, String given) {
        return Access.adminOnly(p, stored, given, ACCOUNT_ADMIN_ONLY);
    }

    /** Why a non-administrator's edit of accountId is refused. */
    public static final String ACCOUNT_ADMIN_ONLY = "Only an administrator may link a login to an inspector, change"
            + " or remove it (accountId, 账号); leave accountId out, empty or as it is";

    /** 403 unless the caller may edit the inspectors of {@code org}. */
    public void requireEdit(Principal p, String org) {
        if (!mayEdit(p, org)) {
            throw DomainException.forbidden("Your account may not act for organisation '" + org + "'");
        }
    }
}
