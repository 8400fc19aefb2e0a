package spotcheck.roster;

import java.util.Optional;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who may do what with the target roster, in one place: the services, the lists and exports and the
 * import's rows all ask this policy. Admins and bureau operators read and edit every county's targets;
 * a county account reads and edits only its own county's, and a target of another county is, to it,
 * a target that does not exist. Inspectors and auditors read every county's, private fields masked.
 */
public final class TargetAccess {
    public static final TargetAccess POLICY = new TargetAccess();

    private TargetAccess() { }

    /** The county a reader's lists are held to; empty: every county. */
    public Optional<String> listScope(Principal p) {
        return countyBound(p) ? Optional.of(p.org()) : Optional.empty();
    }

    /** The reader may know this target exists. */
    public boolean mayRead(Principal p, Target t) {
        return listScope(p).map(county -> county.equals(t.county())).orElse(true);
    }

    /** The caller may create, change or deactivate targets of {@code county}. */
    public boolean mayEdit(Principal p, String county) {
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) || p.has(Role.COUNTY) && county != null
                && county.equals(p.org());
    }

    /** The reader sees the private fields (address, phone, ID number) unmasked. */
    public boolean seesPrivate(Principal p, Target t) {
        return p.has(Role.ADMIN) || p.has(Role.OPERATOR) || p.has(Role.COUNTY) && t.county().equals(p.org());
    }

    /** What this reader may see of a target: everything, or the private fields masked. */
    public Target view(Principal p, Target t) {
        return seesPrivate(p, t) ? t : t.masked();
    }

    /**
     * The stored target, if the caller may know of it; otherwise the same 404 as for an id nobody has
     * used, whatever the caller meant to do with it.
     */
    public Target requireVisible(Principal p, Optional<Target> stored, String targetId) {
        return stored.filter(t -> mayRead(p, t)).orElseThrow(() -> notFound(targetId));
    }

    public static DomainException notFound(String targetId) {
        return DomainException.notFound("No target with id '" + targetId + "'");
    }

    /** 403 unless the caller may edit the targets of {@code county}. */
    public void requireEdit(Principal p, String county) {
        if (!mayEdit(p, county)) {
            throw DomainException.forbidden("Your account may not change the targets of county '" + county + "'");
        }
    }

    /** County staff without a city-wide role are held to their county. */
    private static boolean countyBound(Principal p) {
        return p.has(Role.COUNTY) && !p.has(Role.ADMIN) && !p.has(Role.OPERATOR) && !p.has(Role.AUDITOR);
    }
}
