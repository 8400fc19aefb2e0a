package spotcheck.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.ADMIN;
import static spotcheck.store.StoreFixtures.CLOCK;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.orgs.OrgService;
import spotcheck.orgs.OrgService.OrgInput;
import spotcheck.roster.Target;
import spotcheck.store.MemoryStore;

/** The candidate pool on the in-memory store: active targets only, compact, county by county, page by page. */
class CandidatePoolTest {
    final MemoryStore store = new MemoryStore(CLOCK);
    final CandidatePool pool = new CandidatePool(store);

    @BeforeEach
    void counties() {
        OrgService orgs = new OrgService(store);
        orgs.create(ADMIN, new OrgInput("hy-bureau", "河源市林业局", "bureau", null, null, null));
        orgs.create(ADMIN, new OrgInput("heping", "和平县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("dongyuan", "东源县", "county", "hy-bureau", null, null));
        orgs.create(ADMIN, new OrgInput("lianping", "连平县", "county", "hy-bureau", null, null));
    }

    static Target target(String id, String county, String riskClass, String status, String... items) {
        return new Target(id, null, "木材加工厂 " + id, "enterprise", county, List.of(items), riskClass, status,
                "active".equals(status) ? null : "已注销", "张三", "东源县仙塘镇", "13800138000", "360426199101010071",
                List.of(), null, 1, "t", "t");
    }

    List<Candidate> all(Set<String> counties, CandidatePool.Read[] read) {
        List<Candidate> found = new ArrayList<>();
        read[0] = pool.read(counties, found::addAll);
        return found;
    }

    @Test
    void holdsTheActiveTargetsCountyByCountyAsCompactRecords() {
        store.create(Target.KIND, target("T-3", "heping", "B", "active", "ITEM-1"), ADMIN);
        store.create(Target.KIND, target("T-1", "dongyuan", "A", "active", "ITEM-1", "ITEM-2"), ADMIN);
        store.create(Target.KIND, target("T-2", "dongyuan", "D", "deregistered", "ITEM-1"), ADMIN);
        CandidatePool.Read[] read = new CandidatePool.Read[1];
        assertThat(all(Set.of(), read)).containsExactly(
                new Candidate("T-1", "dongyuan", "enterprise", List.of("ITEM-1", "ITEM-2"), "A"),
                new Candidate("T-3", "heping", "enterprise", List.of("ITEM-1"), "B"));
        // every county: lianping too, which has none
        assertThat(read[0].queries()).isEqualTo(3);
        assertThat(read[0].indexItems()).isEqualTo(2);
        assertThat(read[0].readUnits()).isEqualTo(1.0);   // two pages of a few bytes: half a unit each
        assertThat(all(Set.of("heping"), read)).extracting(Candidate::targetId).containsExactly("T-3");
        assertThat(read[0].queries()).isEqualTo(1);
    }

    @Test
    void aTargetDeregisteredDropsOutAndOneReinstatedComesBack() {
        Target t = target("T-1", "dongyuan", "A", "active", "ITEM-1");
        store.create(Target.KIND, t, ADMIN);
        CandidatePool.Read[] read = new CandidatePool.Read[1];
        assertThat(all(Set.of("dongyuan"), read)).hasSize(1);
        Target gone = target("T-1", "dongyuan", "A", "deregistered", "ITEM-1");
        gone = new Target(gone.targetId(), null, gone.name(), gone.type(), gone.county(), gone.items(),
                gone.riskClass(), gone.status(), gone.statusReason(), gone.legalRep(), gone.address(),
                gone.contactPhone(), gone.idNumber(), gone.reviewFlags(), null, 2, "t", "t");
        store.update(Target.KIND, t, gone, ADMIN, "deactivate");
        assertThat(all(Set.of("dongyuan"), read)).isEmpty();
        Target back = new Target(t.targetId(), null, t.name(), t.type(), t.county(), t.items(), t.riskClass(),
                "active", null, t.legalRep(), t.address(), t.contactPhone(), t.idNumber(), t.reviewFlags(), null, 3,
                "t", "t");
        store.update(Target.KIND, gone, back, ADMIN, "reinstate");
        assertThat(all(Set.of("dongyuan"), read)).extracting(Candidate::targetId).containsExactly("T-1");
    }

    @Test
    void aLargeCountyIsReadPageByPage() {
        for (int i = 0; i < CandidatePool.PAGE_SIZE + 5; i++) {
            store.create(Target.KIND, target(String.format("T-%05d", i), "dongyuan", "B", "active", "ITEM-1"), ADMIN);
        }
        List<Integer> pages = new ArrayList<>();
        CandidatePool.Read read = pool.read(Set.of("dongyuan"), page -> pages.add(page.size()));
        assertThat(pages).containsExactly(CandidatePool.PAGE_SIZE, 5);
        assertThat(read.indexItems()).isEqualTo(CandidatePool.PAGE_SIZE + 5);
        assertThat(read.queries()).isEqualTo(2);
    }

    @Test
    void aPlansFilterTakesItsCountiesTypesClassesAndAnyOfItsItems() {
        Candidate c = new Candidate("T-1", "dongyuan", "enterprise", List.of("ITEM-1", "ITEM-2"), "C");
        assertThat(CandidateFilter.everyone().test(c)).isTrue();
        assertThat(new CandidateFilter(Set.of(), Set.of(), Set.of("ITEM-2", "ITEM-9"), Set.of()).test(c)).isTrue();
        assertThat(new CandidateFilter(Set.of(), Set.of(), Set.of("ITEM-9"), Set.of()).test(c)).isFalse();
        assertThat(new CandidateFilter(Set.of("heping"), Set.of(), Set.of(), Set.of()).test(c)).isFalse();
        assertThat(new CandidateFilter(Set.of("dongyuan"), Set.of("individual"), Set.of(), Set.of()).test(c))
                .isFalse();
        assertThat(new CandidateFilter(Set.of(), Set.of("enterprise"), Set.of(), Set.of("C", "D")).test(c)).isTrue();
        assertThat(new CandidateFilter(Set.of(), Set.of(), Set.of(), Set.of("A")).test(c)).isFalse();
        assertThat(new CandidateFilter(Set.of(), Set.of(), Set.of("ITEM-1"), Set.of())
                .test(new Candidate("T-2", "dongyuan", "enterprise", List.of(), "C"))).isFalse();
    }
}
