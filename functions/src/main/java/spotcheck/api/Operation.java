package spotcheck.api;

/** What a route does once the request is parsed and the caller's role checked. */
@FunctionalInterface
public interface Operation {
    ApiResponse handle(ApiRequest request);
}
