package spotcheck.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.NOW;
import static spotcheck.store.StoreFixtures.OPERATOR;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Item;
import spotcheck.roster.ItemService;
import spotcheck.roster.ItemService.ItemInput;
import spotcheck.roster.ItemService.ItemUpdate;
import spotcheck.roster.ItemService.RetireInput;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** ItemService on the in-memory store: no emulator. */
class ItemServiceTest {
    final MemoryStore store = new MemoryStore(CLOCK);
    final ItemService items = new ItemService(store);

    @BeforeEach
    void departments() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("hy-forest", "森林资源管理科", "department", "hy-bureau", null, null));
    }

    static ItemInput input(String id, String name) {
        return new ItemInput(id, name, "hy-forest", "general", "《森林法》第七十三条", "检查林木采伐许可",
                List.of("on_site"), List.of("enterprise"));
    }

    static ItemUpdate rename(Item i, String name, long version) {
        return new ItemUpdate(null, name, i.department(), i.category(), i.legalBasis(), i.content(), i.methods(),
                i.targetTypes(), null, null, null, version, null, null);
    }

    static Consumer<DomainException> conflict(String message) {
        return e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.getMessage()).isEqualTo(message);
        };
    }

    @Test
    void createsAnItemAtVersionOneWithItsAuditRecord() {
        Item item = items.create(OPERATOR, input("ITEM-0001", " 林木采伐检查 "));
        assertThat(item).isEqualTo(new Item("ITEM-0001", "林木采伐检查", "hy-forest", "general", "《森林法》第七十三条",
                "检查林木采伐许可", List.of("on_site"), List.of("enterprise"), "active", null, null, 1, NOW, NOW));
        assertThat(store.require(Item.KIND, "ITEM-0001")).isEqualTo(item);
        assertThat(store.audit("item/ITEM-0001")).containsExactly(new AuditEntry("item/ITEM-0001", "create", "op-1",
                "hy-forest", "req-op", 1, List.of("category", "content", "createdAt", "department", "itemId",
                "legalBasis", "methods", "name", "status", "targetTypes", "updatedAt", "version"), null));
        assertThat(items.history("ITEM-0001", 10, null).items()).extracting(h -> h.version() + " " + h.action())
                .containsExactly("1 create");
    }

    @Test
    void aDuplicateNameInTheDepartmentIs409AndWritesNothing() {
        items.create(OPERATOR, input("ITEM-0001", "林木采伐检查"));
        assertThatThrownBy(() -> items.create(ADMIN, input("ITEM-0002", " 林木采伐检查")))
                .isInstanceOfSatisfying(DomainException.class, conflict(
                        "The item 'ITEM-0001' already has the name '林木采伐检查' in department 'hy-forest'"));
        assertThat(store.get(Item.KIND, "ITEM-0002")).isEmpty();
        assertThat(store.audit("item/ITEM-0002")).isEmpty();
    }

    @Test
    void renamesOnTheVersionReadAndFreesTheOldName() {
        Item v1 = items.create(OPERATOR, input("ITEM-0001", "林木采伐检查"));
        Item v2 = items.update(OPERATOR, "ITEM-0001", rename(v1, "林木采伐许可检查", 1));
        assertThat(v2.name()).isEqualTo("林木采伐许可检查");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.require(Item.KIND, "ITEM-0001")).isEqualTo(v2);
        assertThat(store.audit("item/ITEM-0001").get(1)).isEqualTo(new AuditEntry("item/ITEM-0001", "update",
                "op-1", "hy-forest", "req-op", 2, List.of("name", "version"), null));
        Item other = items.create(OPERATOR, input("ITEM-0002", "林木采伐检查"));
        assertThat(other.name()).isEqualTo("林木采伐检查");
    }

    @Test
    void aStaleVersionIs409AndChangesNothing() {
        Item v1 = items.create(OPERATOR, input("ITEM-0001", "林木采伐检查"));
        items.update(OPERATOR, "ITEM-0001", rename(v1, "甲", 1));
        assertThatThrownBy(() -> items.update(ADMIN, "ITEM-0001", rename(v1, "乙", 1)))
                .isInstanceOfSatisfying(DomainException.class, conflict("The item 'ITEM-0001' was changed by someone"
                        + " else; read it again and retry (current version 2)"));
        assertThatThrownBy(() -> items.retire(ADMIN, "ITEM-0001", new RetireInput(1L, "合并")))
                .isInstanceOfSatisfying(DomainException.class, conflict("The item 'ITEM-0001' was changed by someone"
                        + " else; read it again and retry (current version 2)"));
        assertThat(store.require(Item.KIND, "ITEM-0001").name()).isEqualTo("甲");
        assertThat(store.audit("item/ITEM-0001")).extracting(AuditEntry::action).containsExactly("create", "update");
    }

    @Test
    void retiresOnceWithAReason() {
        items.create(OPERATOR, input("ITEM-0001", "林木采伐检查"));
        Item retired = items.retire(OPERATOR, "ITEM-0001", new RetireInput(1L, " 已并入其他事项 "));
        assertThat(retired.status()).isEqualTo("retired");
        assertThat(retired.retiredReason()).isEqualTo("已并入其他事项");
        assertThat(retired.version()).isEqualTo(2);
        assertThat(store.audit("item/ITEM-0001").get(1)).isEqualTo(new AuditEntry("item/ITEM-0001", "retire",
                "op-1", "hy-forest", "req-op", 2, List.of("retiredReason", "status", "version"), null));
        assertThatThrownBy(() -> items.retire(OPERATOR, "ITEM-0001", new RetireInput(2L, "again")))
                .isInstanceOfSatisfying(DomainException.class, conflict("The item 'ITEM-0001' is already retired"));
        assertThat(items.history("ITEM-0001", 10, null).items()).extracting(h -> h.version() + " " + h.action())
                .containsExactly("1 create", "2 retire");
    }
}
