package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModelTest;

/** {@code --clock}: the stack's clock starts at a given instant, and the functions take "now" from it. */
class StackClockTest {
    @Test
    void theFunctionsTakeNowFromTheStackClock(@TempDir Path dir) {
        LocalStack.Options options = LocalStack.parse(new String[] {"--clock", "2026-10-28T09:00:00+08:00",
            "--api-port", "0", "--data-dir", dir.toString()});
        options.template(TemplateModelTest.REAL_TEMPLATE).snapshotInterval(Duration.ZERO);
        try (LocalStack stack = LocalStack.start(options)) {
            assertThat(Duration.between(Instant.parse("2026-10-28T01:00:00Z"), stack.clock().instant()))
                    .isBetween(Duration.ZERO, Duration.ofMinutes(2));
            LocalInvoker admin = stack.invoker(stack.token("admin-1", "管理员", "hy-forestry", "admin"));
            LocalInvoker.Response created = admin.post("/orgs",
                    Map.of("orgId", "clock-bureau", "name", "河源市林业局", "kind", "bureau"));
            assertThat(created.status()).isEqualTo(201);
            String createdAt = created.json().path("createdAt").asText();
            assertThat(createdAt).startsWith("2026-10-28T01:0");
            assertThat(Duration.between(Instant.parse("2026-10-28T01:00:00Z"), Instant.parse(createdAt)))
                    .isBetween(Duration.ZERO, Duration.ofMinutes(2));
            assertThat(System.getProperty(LocalStack.CLOCK_OFFSET_PROPERTY)).startsWith("PT");
        }
        // Closing puts the property back: a stack without --clock runs on the system clock.
        assertThat(System.getProperty(LocalStack.CLOCK_OFFSET_PROPERTY)).isNull();
    }

    @Test
    void theClockOptionNeedsAnInstantWithAnOffset() {
        assertThat(LocalStack.parse(new String[] {"--clock=2026-10-28T01:00:00Z"})).isNotNull();
        assertThatThrownBy(() -> LocalStack.parse(new String[] {"--clock", "2026-10-28"}))
                .hasMessage("--clock needs a date and time with an offset, such as 2026-10-28T09:00:00+08:00, not"
                        + " 2026-10-28");
    }
}
