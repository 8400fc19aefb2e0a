package spotcheck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.core.Role;

class RouterTest {
    private static final Operation NOOP = r -> ApiResponse.noContent();
    private final Router router = new Router(List.of(
            Route.publicRoute("GET", "/health", NOOP),
            Route.of("GET", "/items/{itemId}", Set.of(Role.ADMIN), NOOP),
            Route.of("GET", "/calendar/working-days/add", Set.of(Role.ADMIN), NOOP),
            Route.of("GET", "/calendar/{year}", Set.of(Role.ADMIN), NOOP)));

    @Test
    void usesTheRouteKeyApiGatewayMatched() {
        Router.Match m = router.match("GET /items/{itemId}", "GET", "/items/A-1", Map.of("itemId", "A-1"));
        assertThat(m.route().path()).isEqualTo("/items/{itemId}");
        assertThat(m.pathParameters()).containsEntry("itemId", "A-1");
    }

    @Test
    void matchesPathsForACatchAllDeployment() {
        Router.Match m = router.match("$default", "GET", "/items/%E6%9E%97-1", null);
        assertThat(m.pathParameters()).containsEntry("itemId", "林-1");
        assertThat(router.match("$default", "GET", "/calendar/working-days/add", null).route().path())
                .isEqualTo("/calendar/working-days/add");
        assertThat(router.match("$default", "GET", "/calendar/2024", null).pathParameters())
                .containsEntry("year", "2024");
    }

    @Test
    void aPlusInAPathStaysAPlusAndABadEscapeMatchesNothing() {
        assertThat(router.match("$default", "GET", "/items/A+B", null).pathParameters()).containsEntry("itemId", "A+B");
        assertThatThrownBy(() -> router.match("$default", "GET", "/items/%zz", null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertThatThrownBy(() -> router.match("$default", "GET", "/nowhere", null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> router.match("$default", "DELETE", "/health", null))
                .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void aRouteDeclaredTwiceIsABug() {
        assertThatThrownBy(() -> new Router(List.of(Route.publicRoute("GET", "/a", NOOP),
                Route.publicRoute("GET", "/a", NOOP)))).isInstanceOf(IllegalArgumentException.class);
    }
}
