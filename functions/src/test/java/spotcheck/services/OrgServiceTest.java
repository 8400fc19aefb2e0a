package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.NOW;

import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.orgs.Org;
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
        Org bureau = orgs.create(ADMIN, new OrgInput("hy-bureau", " 河源市林业局 ", "bureau", null, "441600"));
        assertThat(bureau).isEqualTo(new Org("hy-bureau", "河源市林业局", "bureau", null, "441600", "active", 1, NOW, NOW));
        Org renamed = orgs.update(ADMIN, "hy-bureau", new OrgUpdate(null, "河源市林业局（本级）", "bureau", null,
                "441600", null, 1L, null, null));
        assertThat(renamed).isEqualTo(new Org("hy-bureau", "河源市林业局（本级）", "bureau", null, "441600", "active", 2,
                NOW, NOW));
        assertThat(orgs.get("hy-bureau")).isEqualTo(renamed);
        assertThat(store.audit("org/hy-bureau")).containsExactly(
                new AuditEntry("org/hy-bureau", "create", "admin-1", "hy-bureau", "req-admin", 1,
                        List.of("createdAt", "divisionCode", "kind", "name", "orgId", "status", "updatedAt",
                                "version"), null),
                new AuditEntry("org/hy-bureau", "update", "admin-1", "hy-bureau", "req-admin", 2,
                        List.of("name", "version"), null));
    }

    @Test
    void aStaleVersionOrATakenIdIsAConflictAndChangesNothing() {
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null));
        assertThatThrownBy(() -> orgs.create(ADMIN, new OrgInput("hy-bureau", "Other", "bureau", null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("A org with id 'hy-bureau' already exists");
                });
        assertThatThrownBy(() -> orgs.update(ADMIN, "hy-bureau", new OrgUpdate(null, "New", "bureau", null, null,
                null, 7L, null, null))).isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("The org 'hy-bureau' was changed by someone else; read it"
                            + " again and retry (current version 1)");
                });
        assertThat(orgs.get("hy-bureau").name()).isEqualTo("河源市林业局");
        assertThat(store.audit()).hasSize(1);
    }
}
