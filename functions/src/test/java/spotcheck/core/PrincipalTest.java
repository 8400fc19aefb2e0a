package spotcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void readsRolesInTheFormApiGatewayRendersArrayClaims() {
        Principal p = Principal.fromClaims(Map.of("sub", "u1", "name", "张三", "org", "dongyuan",
                "roles", "[county auditor]"));
        assertThat(p.roles()).containsExactlyInAnyOrder(Role.COUNTY, Role.AUDITOR);
        assertThat(p.org()).isEqualTo("dongyuan");
    }

    @Test
    void readsJsonArrayCommaListAndSingleRole() {
        assertThat(Principal.parseRoles("[\"admin\",\"operator\"]")).containsExactlyInAnyOrder(Role.ADMIN, Role.OPERATOR);
        assertThat(Principal.parseRoles("inspector, county")).containsExactlyInAnyOrder(Role.INSPECTOR, Role.COUNTY);
        assertThat(Principal.parseRoles("ADMIN")).containsExactly(Role.ADMIN);
    }

    @Test
    void ignoresUnknownRolesAndMissingClaim() {
        assertThat(Principal.parseRoles("[superuser root]")).isEmpty();
        assertThat(Principal.parseRoles(null)).isEmpty();
    }

    @Test
    void aTokenWithoutSubjectIsUnauthorized() {
        assertThatThrownBy(() -> Principal.fromClaims(Map.of("roles", "[admin]")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHORIZED));
    }
}
