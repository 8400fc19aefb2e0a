package spotcheck.roster;

import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may do what with the inspection-item list, in one place (services and import rows). The list is
 * public to everyone signed in and has no private fields; admins edit every item, an operator the items
 * of their own department.
 */
public final class ItemAccess {
    public static final ItemAccess POLICY = new ItemAccess();

    private ItemAccess() { }

    /** The reader may know this item exists. */
    public boolean mayRead(Principal p, Item i) {
        return p != null;
    }

    /** The caller may create, change or retire the items of {@code department}. */
    public boolean mayEdit(Principal p, String department) {
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) && department != null && department.equals(p.org());
    }

    /** Items carry no private fields. */
    public boolean seesPrivate(Principal p, Item i) {
        return mayRead(p, i);
    }

    /** 403 unless the caller may edit the items of {@code department}. */
    public void requireEdit(Principal p, String department) {
        if (!mayEdit(p, department)) {
            throw DomainException.forbidden("Your account may not act for organisation '" + department + "'");
        }
    }
}
