package spotcheck.api;

import java.util.Map;
import java.util.Optional;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Json;
import spotcheck.core.Principal;

/** One HTTP request after routing: what an operation may read, nothing AWS-specific. */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        Principal principal,
        String requestId) {

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw DomainException.malformed("Missing path parameter '" + name + "'");
        }
        return value;
    }

    public Optional<String> query(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String requireQuery(String name) {
        return query(name).orElseThrow(() -> DomainException.invalid(name, "Query parameter '" + name + "' is required"));
    }

    /** The {@code limit} query parameter, 1..max, default {@code byDefault}. */
    public int limit(int byDefault, int max) {
        Optional<String> raw = query("limit");
        if (raw.isEmpty()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw DomainException.invalid("limit", "limit must be a whole number from 1 to " + max);
    }

    public <T> T body(Class<T> type) {
        return Json.read(body, type);
    }

    /** The body, or {@code absent} when the request has none (a body that is optional). */
    public <T> T bodyOrEmpty(Class<T> type, T absent) {
        return body == null || body.length == 0 ? absent : Json.read(body, type);
    }

    /** The caller and this request, for audit and history records. */
    public Actor actor() {
        return new Actor(caller(), requestId);
    }

    /** The caller, who is known on every route that is not public. */
    public Principal caller() {
        if (principal == null) {
            throw DomainException.unauthorized("A bearer token is required");
        }
        return principal;
    }
}
