package spotcheck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Operators and county staff act for their own organisation, so a token that names none is refused. */
class OrganisationRequiredTest {
    /** A missing claim, an empty one and whitespace only. */
    private static final List<String> NO_ORG = java.util.Arrays.asList(null, "", "   ", "\t\n");

    private static Principal principal(String org, String roles) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", "u-1");
        claims.put("roles", roles);
        if (org != null) {
            claims.put("org", org);
        }
        return Principal.fromClaims(claims);
    }

    static List<Arguments> orgScopedRoles() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (String roles : List.of("[operator]", "[county]", "[operator auditor]", "[county inspector]")) {
            NO_ORG.forEach(org -> cases.add(Arguments.of(roles, org)));
        }
        return cases;
    }

    static List<Arguments> unscopedRoles() {
        List<Arguments> cases = new java.util.ArrayList<>();
        for (String roles : List.of("[admin]", "[inspector]", "[auditor]", "[admin county]", "[admin operator]")) {
            NO_ORG.forEach(org -> cases.add(Arguments.of(roles, org)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} with org {1}")
    @MethodSource("orgScopedRoles")
    void anOrgScopedRoleWithoutAnOrganisationIsForbidden(String roles, String org) {
        assertThatThrownBy(() -> Access.requireOrganisation(principal(org, roles)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("forbidden");
                });
    }

    @ParameterizedTest(name = "{0} with org {1}")
    @MethodSource("unscopedRoles")
    void rolesThatAreNotOrgScopedNeedNoOrganisation(String roles, String org) {
        assertThatCode(() -> Access.requireOrganisation(principal(org, roles))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[operator]", "[county]"})
    void anyOrganisationIdSatisfiesTheRuleItMatchesNoDataOfOthers(String roles) {
        assertThatCode(() -> Access.requireOrganisation(principal("nowhere", roles))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void theHandlerRefusesBeforeTheOperationRuns(String org) {
        AtomicInteger ran = new AtomicInteger();
        Router router = new Router(List.of(Route.of("GET", "/targets", Access.ANY_ROLE, r -> {
            ran.incrementAndGet();
            return ApiResponse.ok(Map.of());
        })));
        Map<String, String> claims = new HashMap<>(Map.of("sub", "u-1", "roles", "[county]", "org", org));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /targets").withRawPath("/targets")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/targets").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build()).build())
                        .build())
                .build();
        APIGatewayV2HTTPResponse response = new ApiHandler(router).handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("\"code\":\"forbidden\"");
        assertThat(ran).hasValue(0);
    }
}
