package spotcheck.stats;

import java.util.Optional;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * Who sees which coverage figures, in one place: administrators, auditors and operators see the whole city; a
 * county account sees its own county only (its county's row, and the overall, the year's tasks and the
 * problem-driven tasks counted over its county's targets); inspectors see none (the route refuses them).
 */
public final class StatsAccess {
    public static final StatsAccess POLICY = new StatsAccess();

    private StatsAccess() { }

    /** Empty for the whole city, else the one county the reader sees; 403 for a reader who sees none. */
    public Optional<String> county(Principal p) {
        if (p.has(Role.ADMIN) || p.has(Role.AUDITOR) || p.has(Role.OPERATOR)) {
            return Optional.empty();
        }
        if (p.has(Role.COUNTY) && p.org() != null && !p.org().isBlank()) {
            return Optional.of(p.org());
        }
        throw DomainException.forbidden("Coverage statistics are for administrators, auditors, operators and"
                + " county accounts");
    }
}
