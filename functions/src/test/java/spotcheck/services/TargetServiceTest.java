package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.DONGYUAN;
import static spotcheck.store.StoreFixtures.NOW;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.roster.TargetService.DeactivateInput;
import spotcheck.roster.TargetService.TargetInput;
import spotcheck.roster.TargetService.TargetUpdate;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;
import spotcheck.validation.CreditCode;

/** TargetService on the in-memory store: no emulator. */
class TargetServiceTest {
    final MemoryStore store = new MemoryStore(CLOCK);
    final TargetService targets = new TargetService(store, CLOCK);

    @BeforeEach
    void counties() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县林业局", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县林业局", "county", "hy-bureau", null, null));
    }

    static String code(String body) {
        return body + CreditCode.checkCharacter(body);
    }

    static TargetInput input(String county, String creditCode) {
        return new TargetInput(creditCode, "木材加工厂", "enterprise", county, List.of(), "B", "张三", null, null, null);
    }

    static TargetUpdate change(Target t, String name, String riskClass, long version) {
        return new TargetUpdate(null, t.creditCode(), name, t.type(), t.county(), t.items(), riskClass, null, null,
                t.legalRep(), t.address(), t.contactPhone(), t.idNumber(), null, null, version, null, null);
    }

    @Test
    void createsUpdatesOnTheVersionReadAndDeactivates() {
        String credit = code("91441625MA4W00001");
        Target v1 = targets.create(OPERATOR, input("dongyuan", credit));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.county()).isEqualTo("dongyuan");
        assertThat(v1.createdAt()).isEqualTo(NOW);
        assertThat(store.require(Target.KIND, v1.targetId())).isEqualTo(v1);
        String entity = "target/" + v1.targetId();
        Target v2 = targets.update(OPERATOR, v1.targetId(), change(v1, "东源木材加工厂", "A", 1));
        assertThat(v2.name()).isEqualTo("东源木材加工厂");
        assertThat(v2.riskClass()).isEqualTo("A");
        assertThat(v2.version()).isEqualTo(2);
        assertThatThrownBy(() -> targets.update(OPERATOR, v1.targetId(), change(v1, "别名", "C", 1)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("The target '" + v1.targetId() + "' was changed by someone"
                            + " else; read it again and retry (current version 2)");
                });
        Target v3 = targets.deactivate(ADMIN, v1.targetId(), new DeactivateInput(2L, " 已注销 "));
        assertThat(v3.status()).isEqualTo("deregistered");
        assertThat(v3.statusReason()).isEqualTo("已注销");
        assertThat(store.require(Target.KIND, v1.targetId())).isEqualTo(v3);
        assertThat(store.audit(entity)).extracting(a -> a.version() + " " + a.action() + " " + a.actor() + " "
                + a.changedFields()).containsExactly(
                "1 create op-1 " + Digests_fields(v1),
                "2 update op-1 [name, riskClass, version]",
                "3 deactivate admin-1 [status, statusReason, version]");
        assertThat(store.audit(entity).get(2)).isEqualTo(new AuditEntry(entity, "deactivate", "admin-1", "hy-bureau",
                "req-admin", 3, List.of("status", "statusReason", "version"), null));
    }

    private static String Digests_fields(Target t) {
        return spotcheck.core.Digests.changedFields(null, t).toString();
    }

    @Test
    void anotherCountysTargetLooksMissingToACountyAccount() {
        Target heping = targets.create(ADMIN, input("heping", code("91441624MA4W00002")));
        String id = heping.targetId();
        String missing = "No target with id '" + id + "'";
        for (Runnable call : List.<Runnable>of(
                () -> targets.get(DONGYUAN.principal(), id),
                () -> targets.update(DONGYUAN, id, change(heping, "改名", "B", 1)),
                () -> targets.deactivate(DONGYUAN, id, new DeactivateInput(1L, "x")))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo(missing);
            });
        }
        assertThatThrownBy(() -> targets.get(DONGYUAN.principal(), "TGT-NONE"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("No target with id 'TGT-NONE'"));
        assertThat(store.require(Target.KIND, id)).isEqualTo(heping);
        assertThat(store.audit("target/" + id)).extracting(AuditEntry::action).containsExactly("create");
        Target own = targets.create(DONGYUAN, input("dongyuan", code("91441625MA4W00003")));
        assertThat(targets.list(DONGYUAN.principal(), new TargetService.Query(null, null, null, null, null, null),
                10, null).items()).extracting(Target::targetId).containsExactly(own.targetId());
    }
}
