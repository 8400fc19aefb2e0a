package spotcheck.local.gateway;

import spotcheck.local.template.TemplateModel;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static TemplateModel.Route route(String method, String path) {
        return new TemplateModel.Route(method, path, false, List.of(), "F", 30_000, "2.0");
    }

    private static final RouteTable TABLE = new RouteTable(List.of(new TemplateModel.HttpApi("Api", List.of(
            route("GET", "/calendar/{year}"),
            route("GET", "/calendar/working-days/add"),
            route("GET", "/items/{itemId}"),
            route("PUT", "/items/{itemId}"),
            route("GET", "/items/{itemId}/history"),
            route("ANY", "/files/{path+}"),
            route("GET", "/files/{name}"),
            route("ANY", "/any")), null, "authorization", Map.of())));

    private static String key(String method, String path) {
        return TABLE.match(method, path).map(m -> m.route().key()).orElse("none");
    }

    @Test
    void literalSegmentsBeatParameters() {
        assertThat(key("GET", "/calendar/working-days/add")).isEqualTo("GET /calendar/working-days/add");
        assertThat(key("GET", "/calendar/2024")).isEqualTo("GET /calendar/{year}");
    }

    @Test
    void parametersBeatGreedyPaths() {
        assertThat(key("GET", "/files/a.csv")).isEqualTo("GET /files/{name}");
        assertThat(key("POST", "/files/a.csv")).isEqualTo("ANY /files/{path+}");
        assertThat(TABLE.match("GET", "/files/imports/targets/a.csv").orElseThrow().pathParameters())
                .containsEntry("path", "imports/targets/a.csv");
    }

    @Test
    void methodsAndPathsMustMatch() {
        assertThat(key("DELETE", "/items/ITEM-1")).isEqualTo("none");
        assertThat(key("GET", "/items")).isEqualTo("none");
        assertThat(key("GET", "/items/ITEM-1/history/x")).isEqualTo("none");
        assertThat(key("PATCH", "/any")).isEqualTo("ANY /any");
    }

    @Test
    void pathParametersAreDecoded() {
        assertThat(TABLE.match("GET", "/items/%E6%9E%97%20a+b%2Fc").orElseThrow().pathParameters())
                .containsExactly(Map.entry("itemId", "林 a+b/c"));
    }

    @Test
    void queryStringsJoinRepeatedValues() {
        assertThat(ApiGatewayFront.query("a=1&b=x%20y&a=2&flag&c=%E6%9E%97+z"))
                .containsExactly(Map.entry("a", "1,2"), Map.entry("b", "x y"), Map.entry("flag", ""),
                        Map.entry("c", "林 z"));
    }

    @Test
    void claimsAreRenderedAsApiGatewayDoes() {
        assertThat(ApiGatewayFront.claimString(List.of("admin", "operator"))).isEqualTo("[admin operator]");
        assertThat(ApiGatewayFront.claimString(1_700_000_000L)).isEqualTo("1700000000");
        assertThat(ApiGatewayFront.claimString(true)).isEqualTo("true");
        assertThat(ApiGatewayFront.claimString("河源")).isEqualTo("河源");
    }
}
