package spotcheck.api;

import java.util.Set;
import spotcheck.core.Role;

/**
 * One line of the route table: the route key as API Gateway names it
 * ({@code "GET /items/{itemId}"}), who may call it, and what it does.
 * An empty role set marks a public route (no token).
 */
public record Route(String method, String path, Set<Role> roles, Operation operation) {

    public String key() {
        return method + " " + path;
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }

    public static Route publicRoute(String method, String path, Operation operation) {
        return new Route(method, path, Set.of(), operation);
    }

    public static Route of(String method, String path, Set<Role> roles, Operation operation) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("Use publicRoute for " + method + " " + path);
        }
        return new Route(method, path, Set.copyOf(roles), operation);
    }
}
