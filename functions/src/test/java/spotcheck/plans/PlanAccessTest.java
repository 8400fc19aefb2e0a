package spotcheck.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/**
 * The plan policy as a table: each role, inside and outside its scope, against a plan led by dept-a with
 * dept-b cooperating, scoped to dongyuan, as a draft and once approved. No store.
 */
class PlanAccessTest {
    private static Principal who(String org, Role... roles) {
        return new Principal("u", "n", org, Set.of(roles));
    }

    private static Plan plan(String status, List<String> counties) {
        return new Plan("PLAN-2023-ABCDEFGH", 2023, "联合检查", "annual", "targeted", "dept-a",
                List.of("dept-a", "dept-b"), true, List.of("ITEM-1"), new PlanScope(counties, List.of(), List.of()),
                Map.of("ALL", QuotaRule.ratio("0.03")), 2, "2023-08-01", "2023-10-31", true, List.of(), status, null,
                1, "t", "t");
    }

    /** caller, plan status, may read, may edit, may approve. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), "draft", true, true, true),
                Arguments.of(who("hy", Role.AUDITOR), "draft", true, false, false),
                Arguments.of(who("dept-a", Role.OPERATOR), "draft", true, true, true),
                // cooperating: reads and edits, the lead approves
                Arguments.of(who("dept-b", Role.OPERATOR), "draft", true, true, false),
                Arguments.of(who("dept-c", Role.OPERATOR), "draft", false, false, false),
                Arguments.of(who("dongyuan", Role.COUNTY), "draft", true, false, false),
                Arguments.of(who("heping", Role.COUNTY), "draft", false, false, false),
                // inspectors read their department's plans once approved
                Arguments.of(who("dept-b", Role.INSPECTOR), "draft", false, false, false),
                Arguments.of(who("dept-b", Role.INSPECTOR), "approved", true, false, false),
                Arguments.of(who("dept-b", Role.INSPECTOR), "completed", true, false, false),
                Arguments.of(who("dept-c", Role.INSPECTOR), "approved", false, false, false),
                Arguments.of(who("heping", Role.COUNTY), "approved", false, false, false),
                Arguments.of(who("dept-c", Role.OPERATOR, Role.AUDITOR), "draft", true, false, false),
                Arguments.of(who("", Role.OPERATOR), "draft", false, false, false),
                Arguments.of(who("dept-a"), "approved", false, false, false));
    }

    @ParameterizedTest
    @MethodSource("table")
    void theTable(Principal p, String status, boolean read, boolean edit, boolean approve) {
        Plan plan = plan(status, List.of("dongyuan"));
        PlanAccess access = PlanAccess.POLICY;
        assertThat(access.mayRead(p, plan)).isEqualTo(read);
        assertThat(access.mayEdit(p, plan)).isEqualTo(edit);
        assertThat(access.mayApprove(p, plan)).isEqualTo(approve);
        if (read) {
            assertThat(access.requireVisible(p, Optional.of(plan), plan.planId())).isSameAs(plan);
        } else {
            // exactly what an id nobody has used gets
            DomainException hidden = failure(() -> access.requireVisible(p, Optional.of(plan), "PLAN-X"));
            DomainException missing = failure(() -> access.requireVisible(p, Optional.empty(), "PLAN-X"));
            assertThat(hidden.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(hidden.getMessage()).isEqualTo(missing.getMessage()).isEqualTo("No plan with id 'PLAN-X'");
        }
        if (!edit) {
            assertThat(failure(() -> access.requireEdit(p, plan)).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        }
        if (!approve) {
            assertThat(failure(() -> access.requireApprove(p, plan)).getMessage())
                    .isEqualTo("A plan is approved by an administrator or by its lead department 'dept-a'");
        }
    }

    @ParameterizedTest
    @MethodSource("table")
    void aPlanNamingNoCountyTakesInEveryCounty(Principal p, String status, boolean read, boolean edit,
                                              boolean approve) {
        Plan everywhere = plan(status, List.of());
        boolean county = p.roles().equals(Set.of(Role.COUNTY));
        assertThat(PlanAccess.POLICY.mayRead(p, everywhere)).isEqualTo(read || county);
    }

    /** caller, the store filters of their lists. */
    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), List.of()),
                Arguments.of(who("hy", Role.AUDITOR), List.of()),
                Arguments.of(who("dongyuan", Role.COUNTY), List.of()),
                Arguments.of(who("dept-a", Role.OPERATOR), List.of("departments contains dept-a")),
                Arguments.of(who("dept-a", Role.INSPECTOR), List.of("departments contains dept-a")),
                Arguments.of(who("dept-a", Role.OPERATOR, Role.INSPECTOR), List.of("departments contains dept-a")),
                // a county account that is also an operator reads by county too: nothing to select in the store
                Arguments.of(who("dongyuan", Role.OPERATOR, Role.COUNTY), List.of()),
                Arguments.of(who(" ", Role.INSPECTOR), List.of()));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void listsAskTheStoreForTheReadersDepartmentWhereThatIsAllTheyRead(Principal p, List<String> filters) {
        assertThat(PlanAccess.POLICY.listFilters(p)).extracting(f -> f.attribute() + (f.inList() ? " contains " : " = ")
                + f.value()).isEqualTo(filters);
    }

    private static DomainException failure(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }
}
