package spotcheck.core;

import java.util.Locale;
import java.util.Optional;

/** The roles a token may carry in its {@code roles} claim. */
public enum Role {
    /** Runs the platform: orgs, calendar, everything. */
    ADMIN,
    /** Bureau department staff: their department's items, inspectors, plans. */
    OPERATOR,
    /** A certified officer: reads what they need, enters results for their tasks. */
    INSPECTOR,
    /** County bureau staff: their county's targets and tasks. */
    COUNTY,
    /** Reads everything, changes nothing. */
    AUDITOR;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role r : values()) {
            if (r.claimValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
