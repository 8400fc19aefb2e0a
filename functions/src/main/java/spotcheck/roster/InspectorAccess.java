package spotcheck.roster;

import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may do what with the inspector roster, in one place (services, lists, exports, import rows).
 * Everyone signed in reads every inspector (draws and their publication name them anyway); an inspector
 * has no private fields. Admins edit everyone; operators and county staff the inspectors of their own
 * department or county.
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

    /** Inspectors carry no private fields: everyone who may read one sees all of it. */
    public boolean seesPrivate(Principal p, Inspector i) {
        return mayRead(p, i);
    }

    /** 403 unless the caller may edit the inspectors of {@code org}. */
    public void requireEdit(Principal p, String org) {
        if (!mayEdit(p, org)) {
            throw DomainException.forbidden("Your account may not act for organisation '" + org + "'");
        }
    }
}
