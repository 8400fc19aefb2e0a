package spotcheck.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
    private static Principal who(String org, Role... roles) {
        return new Principal("u", "n", org, Set.of(roles));
    }

    @Test
    void rolesGateRoutes() {
        assertThatCode(() -> Access.requireAnyRole(who("x", Role.AUDITOR), Access.OVERSIGHT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.requireAnyRole(who("x", Role.INSPECTOR), Access.OVERSIGHT))
                .hasMessageContaining("admin, auditor");
        assertThatThrownBy(() -> Access.requireAnyRole(null, Access.OVERSIGHT))
                .isInstanceOfSatisfying(DomainException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.kind()).isEqualTo(DomainException.Kind.UNAUTHORIZED));
    }

    @Test
    void operatorsActOnlyForTheirOwnOrganisation() {
        assertThatCode(() -> Access.requireOrgScope(who("dept-a", Role.OPERATOR), "dept-a", Role.OPERATOR))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.requireOrgScope(who("dept-a", Role.OPERATOR), "dept-b", Role.OPERATOR))
                .isInstanceOfSatisfying(DomainException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        // the role must be one of the scoped ones, not merely the same org
        assertThatThrownBy(() -> Access.requireOrgScope(who("dept-a", Role.INSPECTOR), "dept-a", Role.OPERATOR))
                .isInstanceOf(DomainException.class);
        assertThatCode(() -> Access.requireOrgScope(who("elsewhere", Role.ADMIN), "dept-b", Role.OPERATOR))
                .doesNotThrowAnyException();
    }
}
