package spotcheck.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from the JWT claims the authorizer verified.
 * API Gateway hands every claim over as a string; an array claim such as
 * {@code roles} arrives as {@code "[admin operator]"}, so that form is read here
 * as well as a JSON array and a comma-separated list.
 */
public record Principal(String subject, String name, String org, Set<Role> roles) {

    public Principal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public static Principal fromClaims(Map<String, String> claims) {
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank()) {
            throw DomainException.unauthorized("The token has no subject");
        }
        return new Principal(sub, claims.getOrDefault("name", ""), claims.getOrDefault("org", ""),
                parseRoles(claims.get("roles")));
    }

    static Set<Role> parseRoles(String raw) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (raw == null) {
            return roles;
        }
        String s = raw.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split("[,\\s]+")) {
            String token = part.replace("\"", "").trim();
            if (!token.isEmpty()) {
                Role.fromClaim(token).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
