package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --cors-origins}: the deployer's CorsAllowedOrigins for the local stack, none by default. */
class CorsOriginsOptionTest {

    @Test
    void takesCommaSeparatedOriginsAndSkipsBlanks() {
        assertThat(LocalStack.corsOrigins(" https://spotcheck.hy.example.gov.cn , ,http://localhost:5173"))
                .containsExactly("https://spotcheck.hy.example.gov.cn", "http://localhost:5173");
        assertThat(LocalStack.corsOrigins("")).isEmpty();
    }

    @Test
    void refusesWildcardsPathsAndOtherSchemes() {
        assertThatThrownBy(() -> LocalStack.corsOrigins("*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--cors-origins takes origins such as https://spotcheck.example.gov.cn, not *");
        assertThatThrownBy(() -> LocalStack.corsOrigins("https://a.example.cn/app"))
                .hasMessage("--cors-origins takes origins such as https://spotcheck.example.gov.cn,"
                        + " not https://a.example.cn/app");
        assertThatThrownBy(() -> LocalStack.corsOrigins("https://*.example.cn"))
                .hasMessageEndingWith("not https://*.example.cn");
        assertThatThrownBy(() -> LocalStack.corsOrigins("ftp://a.example.cn"))
                .hasMessageEndingWith("not ftp://a.example.cn");
    }
}
