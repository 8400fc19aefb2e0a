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
}
