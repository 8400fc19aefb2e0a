package spotcheck.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Tables;

/** Each roster policy, role by role, inside and outside the caller's scope. No emulator. */
class AccessPoliciesTest {
    private static Principal who(String org, Role... roles) {
        return new Principal("u", "n", org, Set.of(roles));
    }

    private static Target target(String county) {
        return new Target("91441625MA4WABCD1X", "91441625MA4WABCD1X", "木材加工厂", "enterprise", county, List.of(),
                "B", "active", null, "张三", "东源县仙塘镇", "13800138000", null, List.of(), null, 1, "t", "t");
    }

    /** caller, target's county, may read, may edit, sees private fields, list scope. */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), "dongyuan", true, true, true, null),
                Arguments.of(who("dept-a", Role.OPERATOR), "dongyuan", true, true, true, null),
                Arguments.of(who("dongyuan", Role.COUNTY), "dongyuan", true, true, true, "dongyuan"),
                Arguments.of(who("dongyuan", Role.COUNTY), "heping", false, false, false, "dongyuan"),
                Arguments.of(who("dept-a", Role.INSPECTOR), "dongyuan", true, false, false, null),
                Arguments.of(who("hy", Role.AUDITOR), "dongyuan", true, false, false, null),
                // a county account that is also an auditor reads city-wide, still changes only its own
                Arguments.of(who("dongyuan", Role.COUNTY, Role.AUDITOR), "heping", true, false, false, null),
                Arguments.of(who("dongyuan", Role.COUNTY, Role.AUDITOR), "dongyuan", true, true, true, null),
                Arguments.of(who("dongyuan", Role.COUNTY, Role.INSPECTOR), "heping", false, false, false, "dongyuan"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void targetAccess(Principal p, String county, boolean read, boolean edit, boolean seesPrivate, String scope) {
        TargetAccess access = TargetAccess.POLICY;
        Target t = target(county);
        assertThat(access.mayRead(p, t)).isEqualTo(read);
        assertThat(access.mayEdit(p, county)).isEqualTo(edit);
        assertThat(access.seesPrivate(p, t)).isEqualTo(seesPrivate);
        assertThat(access.listScope(p)).isEqualTo(Optional.ofNullable(scope));
        assertThat(access.view(p, t).contactPhone()).isEqualTo(seesPrivate ? "13800138000" : "138****8000");
        if (read) {
            assertThat(access.requireVisible(p, Optional.of(t), t.targetId())).isSameAs(t);
        } else {
            // exactly what an id that does not exist gets
            DomainException hidden = catchDomain(() -> access.requireVisible(p, Optional.of(t), "X1"));
            DomainException missing = catchDomain(() -> access.requireVisible(p, Optional.empty(), "X1"));
            assertThat(hidden.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
            assertThat(hidden.getMessage()).isEqualTo(missing.getMessage()).isEqualTo("No target with id 'X1'");
        }
        if (!edit) {
            assertThatThrownBy(() -> access.requireEdit(p, county)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
        }
    }

    /**
     * caller, inspector's organisation, may edit. Everyone signed in reads every inspector; the linked login only
     * the editors of its organisation and administrators, and only administrators set it.
     */
    static Stream<Arguments> inspectors() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), "dept-b", true),
                Arguments.of(who("dept-a", Role.OPERATOR), "dept-a", true),
                Arguments.of(who("dept-a", Role.OPERATOR), "dept-b", false),
                Arguments.of(who("dongyuan", Role.COUNTY), "dongyuan", true),
                Arguments.of(who("dongyuan", Role.COUNTY), "heping", false),
                Arguments.of(who("dept-a", Role.INSPECTOR), "dept-a", false),
                Arguments.of(who("hy", Role.AUDITOR), "hy", false));
    }

    @ParameterizedTest
    @MethodSource("inspectors")
    void inspectorAccess(Principal p, String org, boolean edit) {
        Inspector i = new Inspector("INS-1", "王五", org, "1", "2027-12-31", List.of(), List.of(), "active", null,
                List.of(), "sub-wang", null, 1, "t", "t");
        InspectorAccess access = InspectorAccess.POLICY;
        assertThat(access.mayRead(p, i)).isTrue();
        assertThat(access.seesPrivate(p, i)).isEqualTo(edit);
        assertThat(access.view(p, i).accountId()).isEqualTo(edit ? "sub-wang" : null);
        assertThat(access.view(p, i)).isEqualTo(edit ? i : i.withoutAccount());
        assertThat(access.mayEdit(p, org)).isEqualTo(edit);
        boolean admin = p.has(Role.ADMIN);
        assertThat(access.mayLinkAccount(p)).isEqualTo(admin);
        // given nothing, or what is stored: the stored one; an administrator's edit gives what it gives
        assertThat(access.accountIdAfter(p, "sub-wang", "sub-wang")).isEqualTo("sub-wang");
        assertThat(access.accountIdAfter(p, "sub-wang", null)).isEqualTo(admin ? null : "sub-wang");
        assertThat(access.accountIdAfter(p, null, null)).isNull();
        for (String[] change : new String[][] {{"sub-wang", "sub-li"}, {null, "sub-li"}}) {
            if (admin) {
                assertThat(access.accountIdAfter(p, change[0], change[1])).isEqualTo("sub-li");
            } else {
                DomainException e = catchDomain(() -> access.accountIdAfter(p, change[0], change[1]));
                assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                assertThat(e.getMessage()).isEqualTo(InspectorAccess.ACCOUNT_ADMIN_ONLY).doesNotContain("sub-");
            }
        }
        if (!edit) {
            assertThat(catchDomain(() -> InspectorAccess.POLICY.requireEdit(p, org)).getMessage())
                    .isEqualTo("Your account may not act for organisation '" + org + "'");
        }
    }

    /** caller, item's department, may edit. The item list is read by everyone signed in. */
    static Stream<Arguments> items() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), "dept-b", true),
                Arguments.of(who("dept-a", Role.OPERATOR), "dept-a", true),
                Arguments.of(who("dept-a", Role.OPERATOR), "dept-b", false),
                // county staff keep inspectors of their county, never items
                Arguments.of(who("dongyuan", Role.COUNTY), "dongyuan", false),
                Arguments.of(who("dept-a", Role.INSPECTOR), "dept-a", false),
                Arguments.of(who("dept-a", Role.AUDITOR), "dept-a", false));
    }

    @ParameterizedTest
    @MethodSource("items")
    void itemAccess(Principal p, String department, boolean edit) {
        Item i = new Item("ITEM-1", "林木采伐监督检查", department, "key", "法", "内容", List.of("on_site"),
                List.of("enterprise"), "active", null, null, 1, "t", "t");
        assertThat(ItemAccess.POLICY.mayRead(p, i)).isTrue();
        assertThat(ItemAccess.POLICY.mayEdit(p, department)).isEqualTo(edit);
        if (!edit) {
            assertThat(catchDomain(() -> ItemAccess.POLICY.requireEdit(p, department)).kind())
                    .isEqualTo(DomainException.Kind.FORBIDDEN);
        }
    }

    /** caller, query (county, riskClass), index read, its partition, its sort-key range. */
    static Stream<Arguments> listings() {
        return Stream.of(
                Arguments.of(who("hy", Role.ADMIN), null, null, Tables.BY_KIND_INDEX, "TGT", null),
                Arguments.of(who("hy", Role.ADMIN), "heping", null, Tables.BY_COUNTY_INDEX, "TGT#heping", null),
                Arguments.of(who("hy", Role.ADMIN), null, "D", Tables.BY_RISK_INDEX, "TGT#D", null),
                Arguments.of(who("hy", Role.ADMIN), "heping", "D", Tables.BY_RISK_INDEX, "TGT#D", "heping#"),
                Arguments.of(who("hy", Role.AUDITOR), "heping", null, Tables.BY_COUNTY_INDEX, "TGT#heping", null),
                // a county account's every list reads its own county only
                Arguments.of(who("dongyuan", Role.COUNTY), null, null, Tables.BY_COUNTY_INDEX, "TGT#dongyuan", null),
                Arguments.of(who("dongyuan", Role.COUNTY), "dongyuan", null, Tables.BY_COUNTY_INDEX, "TGT#dongyuan",
                        null),
                Arguments.of(who("dongyuan", Role.COUNTY), null, "C", Tables.BY_RISK_INDEX, "TGT#C", "dongyuan#"));
    }

    @ParameterizedTest
    @MethodSource("listings")
    void listsReadTheIndexOfWhatTheyFilterBy(Principal p, String county, String risk, String index, String partition,
                                            String range) {
        TargetService service = new TargetService(null, Clock.systemUTC());
        TargetService.Listing listing = service.listing(p, new TargetService.Query(county, "ITEM-1", null, risk,
                null, null));
        ListIndex read = listing.index();
        assertThat(read.name()).isEqualTo(index);
        assertThat(read.hashValue()).isEqualTo(partition);
        assertThat(read.sortPrefix()).isEqualTo(range);
        // county and risk class are the index's to select; the item still filters what it gives
        assertThat(listing.filters()).extracting(f -> f.attribute() + "=" + f.value()).containsExactly("items=ITEM-1");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aCountyAccountAskingForAnotherCountysListIsRefused(Principal p, String county, boolean read, boolean edit,
                                                           boolean seesPrivate, String scope) {
        TargetService service = new TargetService(null, Clock.systemUTC());
        TargetService.Query other = new TargetService.Query("lianping", null, null, null, null, null);
        if (scope == null) {
            assertThat(service.listing(p, other).index().hashValue()).isEqualTo("TGT#lianping");
        } else {
            assertThat(catchDomain(() -> service.listing(p, other)).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        }
    }

    @org.junit.jupiter.api.Test
    void aTargetIsFiledUnderItsCountyUnderItsRiskClassSortedByCountyAndWhileActiveInItsCountysPool() {
        assertThat(Target.indexKeys(target("heping"))).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "countyKey", "TGT#heping", "riskKey", "TGT#B", "riskSort", "heping#91441625MA4WABCD1X",
                "poolKey", "POOL#heping"));
        Target t = target("heping");
        Target deregistered = new Target(t.targetId(), t.creditCode(), t.name(), t.type(), t.county(), t.items(),
                t.riskClass(), "deregistered", "已注销", t.legalRep(), t.address(), t.contactPhone(), t.idNumber(),
                t.reviewFlags(), null, 2, "t", "t");
        assertThat(Target.indexKeys(deregistered)).doesNotContainKey("poolKey").containsKeys("countyKey", "riskKey");
    }

    private static DomainException catchDomain(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }
}
