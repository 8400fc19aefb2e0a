package spotcheck.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/** The import policy, role by role, for an import started by someone of dept-a. No emulator. */
class ImportAccessTest {
    private static Principal who(String sub, String org, Role... roles) {
        return new Principal(sub, "n", org, Set.of(roles));
    }

    /** caller, may start targets, may start items, may read the job, gets the report. */
    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of(who("a", "hy", Role.ADMIN), true, true, true, true),
                Arguments.of(who("starter", "dept-a", Role.OPERATOR), true, true, true, true),
                Arguments.of(who("colleague", "dept-a", Role.OPERATOR), true, true, true, true),
                Arguments.of(who("other", "dept-b", Role.OPERATOR), true, true, false, false),
                Arguments.of(who("c", "dongyuan", Role.COUNTY), true, false, false, false),
                Arguments.of(who("i", "dept-a", Role.INSPECTOR), false, false, true, false),
                Arguments.of(who("i2", "dept-b", Role.INSPECTOR), false, false, false, false),
                Arguments.of(who("au", "hy", Role.AUDITOR), false, false, true, false));
    }

    @ParameterizedTest
    @MethodSource("callers")
    void importAccess(Principal p, boolean startTargets, boolean startItems, boolean read, boolean report) {
        ImportJob job = new ImportJob("IMP-1", "targets", "b", "imports/targets/IMP-1/x.csv", "x.csv", null, null,
                ImportJob.SUCCEEDED, ImportJob.Rows.NONE, "reports/IMP-1.csv", null, 0, List.of(), 1, "starter", "dept-a",
                List.of("operator"), "api", 1, "t", null, null, "t");
        assertThat(ImportAccess.POLICY.mayStart(p, "targets")).isEqualTo(startTargets);
        assertThat(ImportAccess.POLICY.mayStart(p, "inspectors")).isEqualTo(startTargets);
        assertThat(ImportAccess.POLICY.mayStart(p, "items")).isEqualTo(startItems);
        assertThat(ImportAccess.POLICY.mayRead(p, job)).isEqualTo(read);
        assertThat(ImportAccess.POLICY.seesPrivate(p, job)).isEqualTo(report);
    }
}
