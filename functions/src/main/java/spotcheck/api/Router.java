package spotcheck.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.DomainException;

/**
 * Finds the route for a request. API Gateway names the matched route in
 * {@code routeKey} and fills the path parameters; a catch-all deployment
 * ({@code $default}) is matched here against the path templates instead.
 */
public final class Router {
    private final Map<String, Route> byKey = new LinkedHashMap<>();

    public Router(List<Route> routes) {
        for (Route r : routes) {
            if (byKey.put(r.key(), r) != null) {
                throw new IllegalArgumentException("Route declared twice: " + r.key());
            }
        }
    }

    public List<Route> routes() {
        return List.copyOf(byKey.values());
    }

    /** A route and the path parameters taken from the request path. */
    public record Match(Route route, Map<String, String> pathParameters) { }

    public Match match(String routeKey, String method, String rawPath, Map<String, String> givenParameters) {
        Route exact = routeKey == null ? null : byKey.get(routeKey);
        if (exact != null) {
            Map<String, String> params = givenParameters != null && !givenParameters.isEmpty()
                    ? givenParameters : extract(exact.path(), rawPath).orElse(Map.of());
            return new Match(exact, params);
        }
        boolean pathKnown = false;
        for (Route r : byKey.values()) {
            Optional<Map<String, String>> params = extract(r.path(), rawPath);
            if (params.isPresent()) {
                pathKnown = true;
                if (r.method().equalsIgnoreCase(method)) {
                    return new Match(r, params.get());
                }
            }
        }
        if (pathKnown) {
            throw new HttpError(405, "method_not_allowed", "Method " + method + " is not allowed on " + rawPath);
        }
        throw DomainException.notFound("No such resource: " + rawPath);
    }

    /** Matches {@code /items/{itemId}} against {@code /items/ITEM-1}, decoding nothing: API Gateway passes paths as sent. */
    static Optional<Map<String, String>> extract(String template, String path) {
        if (path == null) {
            return Optional.empty();
        }
        String[] t = split(template);
        String[] p = split(path);
        if (t.length != p.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return Optional.empty();
                }
                try {
                    // path decoding, not form decoding: '+' stays a plus
                    params.put(t[i].substring(1, t[i].length() - 1), java.net.URLDecoder.decode(
                            p[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    return Optional.empty();
                }
            } else if (!t[i].equals(p[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static String[] split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts.toArray(new String[0]);
    }
}
