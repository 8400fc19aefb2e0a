package spotcheck.orgs;

import java.util.Set;
import java.util.regex.Pattern;
import spotcheck.validation.Checks;
import spotcheck.validation.Logins;

/** What makes an organisation valid (pure). */
public final class OrgRules {
    public static final Set<String> KINDS = Set.of("bureau", "department", "county", "agency");
    public static final Set<String> STATUSES = Set.of("active", "inactive");
    /** Item owners: a department of the bureau, the bureau itself, or an external agency. */
    public static final Set<String> ITEM_OWNER_KINDS = Set.of("bureau", "department", "agency");
    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    static final Pattern DIVISION_CODE = Pattern.compile("^[0-9]{6}$");

    private OrgRules() { }

    static void check(Checks checks, String orgId, String name, String kind, String parentId, String divisionCode) {
        checks.text("name", name, 100)
                .oneOf("kind", kind, KINDS)
                .matches("divisionCode", divisionCode, DIVISION_CODE, "must be a 6-digit administrative division code");
        if (parentId != null && parentId.equals(orgId)) {
            checks.problem("parentId", "an organisation cannot be its own parent");
        }
    }

    /** The head's login (the token's {@code sub}), trimmed; null for none. Checked as {@link Logins} does. */
    static String headAccount(Checks checks, String raw) {
        return Logins.check(checks, "headAccount", raw);
    }

    static void checkId(Checks checks, String orgId) {
        if (orgId == null || orgId.isBlank()) {
            checks.problem("orgId", "orgId is required");
        } else {
            checks.matches("orgId", orgId, ID, "must be 2-63 lower-case letters, digits or '-'");
        }
    }
}
