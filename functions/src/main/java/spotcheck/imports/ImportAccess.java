package spotcheck.imports;

import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may do what with imports, in one place. Admins, operators and county staff start imports (the item
 * list only admins and operators); each row is then held to the policy of its roster ({@link RowKind#requireScope}).
 * Admins and auditors see every import's status, others the imports of their own account or organisation;
 * an import they may not see is, to them, an import that does not exist. The error report repeats the
 * file's rows, private fields included: only admins and the importer's own account or organisation get it.
 */
public final class ImportAccess {
    public static final ImportAccess POLICY = new ImportAccess();

    private ImportAccess() { }

    /** The caller may start an import of {@code kind} (a kind that does not exist is the body's problem). */
    public boolean mayStart(Principal p, String kind) {
        if ("items".equals(kind)) {
            return p.has(Role.ADMIN) || p.has(Role.OPERATOR);
        }
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) || p.has(Role.COUNTY);
    }

    public void requireStart(Principal p, String kind) {
        if (mayStart(p, kind)) {
            return;
        }
        if ("items".equals(kind) && p.has(Role.COUNTY)) {
            throw DomainException.forbidden("The item list is kept by the bureau: item imports need the role admin or"
                    + " operator");
        }
        throw DomainException.forbidden("Imports need the role admin, operator or county");
    }

    /** The reader may know of this import and read its status. */
    public boolean mayRead(Principal p, ImportJob j) {
        return p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.subject().equals(j.requestedBy()) || sameOrg(p, j);
    }

    /** The reader may have the error report, which repeats the file's rows with their private fields. */
    public boolean seesPrivate(Principal p, ImportJob j) {
        return p.has(Role.ADMIN) || p.subject().equals(j.requestedBy())
                || (p.has(Role.OPERATOR) || p.has(Role.COUNTY)) && sameOrg(p, j);
    }

    private static boolean sameOrg(Principal p, ImportJob j) {
        return j.requestedOrg() != null && !j.requestedOrg().isEmpty() && j.requestedOrg().equals(p.org());
    }
}
