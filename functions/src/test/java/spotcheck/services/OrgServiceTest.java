package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.DONGYUAN;
import static spotcheck.store.StoreFixtures.OPERATOR;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.NOW;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.orgs.Org;
import spotcheck.orgs.OrgAccess;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.orgs.OrgService.OrgUpdate;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** OrgService on the in-memory store. */
class OrgServiceTest {
    final MemoryStore store = new MemoryStore(CLOCK);
    final OrgService orgs = new OrgService(store);

    @Test
    void createsAndRenamesOnTheVersionRead() {
        Org bureau = orgs.create(ADMIN, new OrgInput("hy-bureau", " 河源市林业局 ", "bureau", null, "441600", null));
        assertThat(bureau).isEqualTo(new Org("hy-bureau", "河源市林业局", "bureau", null, "441600", null, "active", 1, NOW, NOW));
        Org renamed = orgs.update(ADMIN, "hy-bureau", new OrgUpdate(null, "河源市林业局（本级）", "bureau", null,
                "441600", null, null, 1L, null, null));
        assertThat(renamed).isEqualTo(new Org("hy-bureau", "河源市林业局（本级）", "bureau", null, "441600", null, "active", 2,
                NOW, NOW));
        assertThat(orgs.get(ADMIN.principal(), "hy-bureau")).isEqualTo(renamed);
        assertThat(store.audit("org/hy-bureau")).containsExactly(
                new AuditEntry("org/hy-bureau", "create", "admin-1", "hy-bureau", "req-admin", 1,
                        List.of("createdAt", "divisionCode", "kind", "name", "orgId", "status", "updatedAt",
                                "version"), null),
                new AuditEntry("org/hy-bureau", "update", "admin-1", "hy-bureau", "req-admin", 2,
                        List.of("name", "version"), null));
    }

    @Test
    void aStaleVersionOrATakenIdIsAConflictAndChangesNothing() {
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        assertThatThrownBy(() -> orgs.create(ADMIN, new OrgInput("hy-bureau", "Other", "bureau", null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("A org with id 'hy-bureau' already exists");
                });
        assertThatThrownBy(() -> orgs.update(ADMIN, "hy-bureau", new OrgUpdate(null, "New", "bureau", null, null,
                null, null, 7L, null, null))).isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("The org 'hy-bureau' was changed by someone else; read it"
                            + " again and retry (current version 1)");
                });
        assertThat(orgs.get(ADMIN.principal(), "hy-bureau").name()).isEqualTo("河源市林业局");
        assertThat(store.audit()).hasSize(1);
    }

    @Test
    void anAdministratorSetsChangesAndRemovesTheHeadWhichIsValidatedLikeALogin() {
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        Org dept = orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null,
                " sub-chen "));
        assertThat(dept.headAccount()).isEqualTo("sub-chen");
        Org changed = orgs.update(ADMIN, "hy-forest", new OrgUpdate(null, "资源科", "department", "hy-bureau", null,
                "sub-zhou", null, 1L, null, null));
        assertThat(changed.headAccount()).isEqualTo("sub-zhou");
        assertThat(store.audit("org/hy-forest")).extracting(AuditEntry::changedFields)
                .containsExactly(List.of("createdAt", "headAccount", "kind", "name", "orgId", "parentId", "status",
                        "updatedAt", "version"), List.of("headAccount", "version"));
        // an administrator's PUT that leaves it out removes it
        Org removed = orgs.update(ADMIN, "hy-forest", new OrgUpdate(null, "资源科", "department", "hy-bureau", null,
                null, null, 2L, null, null));
        assertThat(removed.headAccount()).isNull();

        // validated like other logins: at most 128 characters, no spaces or control characters; never repeated
        for (String bad : new String[] {"sub chen", "sub\u0000x", "x".repeat(129)}) {
            assertThatThrownBy(() -> orgs.update(ADMIN, "hy-forest", new OrgUpdate(null, "资源科", "department",
                    "hy-bureau", null, bad, null, 3L, null, null))).isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                        assertThat(e.details()).extracting(DomainException.Detail::field)
                                .containsExactly("headAccount");
                        assertThat(e.details().get(0).message()).doesNotContain(bad);
                    });
        }
        assertThat(orgs.get(ADMIN.principal(), "hy-forest").version()).isEqualTo(3);
    }

    @Test
    void anyoneElseMayNotSetChangeOrRemoveTheHeadButKeepsItByLeavingItOut() {
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, "sub-chen"));
        // the routes let only administrators write organisations; the service refuses the head on its own too
        DomainException setting = catchThrowableOfType(() -> orgs.create(OPERATOR, new OrgInput("hy-pest", "防检科",
                "department", "hy-bureau", null, "sub-op")), DomainException.class);
        assertThat(setting.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(setting.getMessage()).isEqualTo(OrgAccess.HEAD_ADMIN_ONLY);
        DomainException changing = catchThrowableOfType(() -> orgs.update(OPERATOR, "hy-forest", new OrgUpdate(null,
                "资源科", "department", "hy-bureau", null, "sub-op", null, 1L, null, null)), DomainException.class);
        assertThat(changing.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(changing.getMessage()).isEqualTo(OrgAccess.HEAD_ADMIN_ONLY).doesNotContain("sub-");
        assertThat(orgs.get(ADMIN.principal(), "hy-forest").headAccount()).isEqualTo("sub-chen");
        assertThat(store.audit("org/hy-forest")).hasSize(1);
        // leaving it out, empty or as it is keeps it
        Org renamed = orgs.update(OPERATOR, "hy-forest", new OrgUpdate(null, "森林资源管理科", "department",
                "hy-bureau", null, " ", null, 1L, null, null));
        assertThat(orgs.get(ADMIN.principal(), "hy-forest")).extracting(Org::name, Org::headAccount)
                .containsExactly("森林资源管理科", "sub-chen");
        assertThat(renamed.headAccount()).isEqualTo("sub-chen");
    }

    @Test
    void theHeadIsShownToAdministratorsAndTheOrganisationsOwnStaffOnly() {
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "资源科", "department", "hy-bureau", null, "sub-chen"));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", "441625", "sub-li"));
        Principal ownOperator = OPERATOR.principal();
        Principal otherOperator = new Principal("op-2", "", "hy-protect", Set.of(Role.OPERATOR));
        Principal ownCounty = DONGYUAN.principal();
        Principal inspector = new Principal("ins-1", "", "hy-forest", Set.of(Role.INSPECTOR));
        Principal auditor = new Principal("aud-1", "", "hy-bureau", Set.of(Role.AUDITOR));

        assertThat(orgs.get(ADMIN.principal(), "hy-forest").headAccount()).isEqualTo("sub-chen");
        assertThat(orgs.get(ownOperator, "hy-forest").headAccount()).isEqualTo("sub-chen");
        assertThat(orgs.get(ownCounty, "dongyuan").headAccount()).isEqualTo("sub-li");
        for (Principal p : List.of(otherOperator, inspector, auditor)) {
            Org seen = orgs.get(p, "hy-forest");
            assertThat(seen.headAccount()).as(p.subject()).isNull();
            assertThat(seen).isEqualTo(orgs.get(ADMIN.principal(), "hy-forest").withoutHead());
        }
        assertThat(orgs.get(ownOperator, "dongyuan").headAccount()).isNull();
        assertThat(orgs.get(ownCounty, "hy-forest").headAccount()).isNull();

        // lists likewise, each organisation for itself
        assertThat(orgs.list(ownOperator, null, 50, null).items()).extracting(Org::orgId, Org::headAccount)
                .containsExactlyInAnyOrder(tuple("hy-bureau", null), tuple("hy-forest", "sub-chen"),
                        tuple("dongyuan", null));
        assertThat(orgs.list(ADMIN.principal(), null, 50, null).items()).extracting(Org::orgId, Org::headAccount)
                .containsExactlyInAnyOrder(tuple("hy-bureau", null), tuple("hy-forest", "sub-chen"),
                        tuple("dongyuan", "sub-li"));
        assertThat(orgs.list(auditor, "department", 50, null).items()).extracting(Org::headAccount)
                .containsOnlyNulls();
    }
}
