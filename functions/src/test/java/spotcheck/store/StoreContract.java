package spotcheck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.pool.Candidate;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.store.MemoryStore.AuditEntry;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;

/**
 * What every {@link Store} does, whatever keeps the data: {@code MemoryStoreContractTest} runs it on the
 * in-memory twin, the infra module's {@code DynamoStoreContractTest} on {@link EntityStore} against the
 * emulator. Each test starts from an empty store.
 */
public abstract class StoreContract {
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T01:02:03Z"), ZoneOffset.UTC);
    protected static final Actor ALICE = new Actor(new Principal("alice", "Alice", "ORG-CITY", Set.of(Role.ADMIN)),
            "req-1");
    protected static final Actor BOB = new Actor(new Principal("bob", "Bob", "", Set.of(Role.OPERATOR)), "req-2");

    /** A test entity: history kept, a unique name per group, indexed as targets are (county, risk class). */
    public record Thing(String thingId, String name, String group, String county, String risk, List<String> tags,
                        String status, long version) implements Versioned {
        @Override
        public String id() {
            return thingId;
        }

        Thing next(String newName, String newStatus) {
            return new Thing(thingId, newName, group, county, risk, tags, newStatus, version + 1);
        }
    }

    public static final EntityKind<Thing> THING = new EntityKind<>("THG", "thing", Thing.class, true,
            (Thing t) -> List.of(new UniqueKey("name", t.group() + "#" + t.name().toLowerCase(), "name",
                    "the name '" + t.name() + "'")))
            .withIndexKeys(t -> {
                Map<String, String> keys = new HashMap<>();
                if (t.county() != null) {
                    keys.put(Target.COUNTY_KEY, "THG#" + t.county());
                }
                if (t.risk() != null) {
                    keys.put(Target.RISK_KEY, "THG#" + t.risk());
                    keys.put(Target.RISK_SORT, t.county() + "#" + t.thingId());
                }
                return keys;
            });

    /** A job-like entity: no history, no unique keys (checkpoints). */
    public record Job(String jobId, String state, long version) implements Versioned {
        @Override
        public String id() {
            return jobId;
        }
    }

    public static final EntityKind<Job> JOB = new EntityKind<>("JOB", "job", Job.class, false);

    /** Things as an import batches them: history kept, no unique keys. */
    public static final EntityKind<Thing> BATCHED = new EntityKind<>("THB", "batched", Thing.class, true);

    protected Store store;

    /** A store with nothing in it. */
    protected abstract Store emptyStore();

    /** The audit records of one entity ({@code thing/T1}) in version order. */
    protected abstract List<AuditEntry> audit(String entity);

    @BeforeEach
    void fresh() {
        store = emptyStore();
    }

    static Thing thing(String id, String name, String county, String risk, String... tags) {
        return new Thing(id, name, "G1", county, risk, List.of(tags), "active", 1);
    }

    private static DomainException failure(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a DomainException");
    }

    @Test
    void createsAtVersionOneAndReadsItBack() {
        Thing t = thing("T1", "Alpha", "c1", "A", "x", "y");
        store.create(THING, t, ALICE);
        assertThat(store.get(THING, "T1")).contains(t);
        assertThat(store.require(THING, "T1")).isEqualTo(t);
        assertThat(store.get(THING, "T2")).isEmpty();
        DomainException missing = failure(() -> store.require(THING, "T2"));
        assertThat(missing.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("No thing with id 'T2'");
        assertThat(audit("thing/T1")).containsExactly(new AuditEntry("thing/T1", "create", "alice", "ORG-CITY",
                "req-1", 1, List.of("county", "group", "name", "risk", "status", "tags", "thingId", "version"), null));
        assertThatThrownBy(() -> store.create(THING, t.next("Beta", "active"), ALICE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTakenIdIsAConflictAndChangesNothing() {
        store.create(THING, thing("T1", "Alpha", "c1", "A"), ALICE);
        DomainException e = failure(() -> store.create(THING, thing("T1", "Other", "c2", "B"), BOB));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("A thing with id 'T1' already exists");
        assertThat(store.require(THING, "T1").name()).isEqualTo("Alpha");
        assertThat(audit("thing/T1")).hasSize(1);
        // the name it would have claimed is still free
        store.create(THING, thing("T2", "Other", "c1", "A"), BOB);
        assertThat(store.require(THING, "T2").name()).isEqualTo("Other");
    }

    @Test
    void anUpdateOnTheVersionReadMovesItOnWithItsAuditRecord() {
        Thing v1 = thing("T1", "Alpha", "c1", "A");
        store.create(THING, v1, ALICE);
        Thing v2 = v1.next("Alpha Two", "retired");
        store.update(THING, v1, v2, BOB, "retire", "IMP-1");
        assertThat(store.require(THING, "T1")).isEqualTo(v2);
        assertThat(audit("thing/T1")).containsExactly(
                new AuditEntry("thing/T1", "create", "alice", "ORG-CITY", "req-1", 1,
                        List.of("county", "group", "name", "risk", "status", "tags", "thingId", "version"), null),
                new AuditEntry("thing/T1", "retire", "bob", null, "req-2", 2, List.of("name", "status", "version"),
                        "IMP-1"));
        assertThatThrownBy(() -> store.update(THING, v2, v2, ALICE, "update"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStaleUpdateIsTheSameConflictAndChangesNothing() {
        Thing v1 = thing("T1", "Alpha", "c1", "A");
        store.create(THING, v1, ALICE);
        Thing v2 = v1.next("Beta", "active");
        store.update(THING, v1, v2, ALICE, "update");
        DomainException e = failure(() -> store.update(THING, v1, v1.next("Gamma", "active"), BOB, "update"));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("The thing 'T1' was changed by someone else; read it again and retry");
        assertThat(store.require(THING, "T1")).isEqualTo(v2);
        assertThat(audit("thing/T1")).extracting(AuditEntry::version).containsExactly(1L, 2L);
        assertThat(store.history(THING, "T1", 10, null).items()).extracting(HistoryEntry::version)
                .containsExactly(1L, 2L);
        // the name the stale update would have taken was not claimed
        store.create(THING, thing("T2", "Gamma", "c1", "A"), BOB);
        // nor can a missing entity be updated
        DomainException absent = failure(() -> store.update(THING, thing("T9", "Nine", "c1", "A"),
                thing("T9", "Nine", "c1", "A").next("Ten", "active"), BOB, "update"));
        assertThat(absent.getMessage()).isEqualTo("The thing 'T9' was changed by someone else; read it again and retry");
        assertThat(store.get(THING, "T9")).isEmpty();
    }

    @Test
    void aUniqueKeyIsHeldByOneEntityAndATakenOneNamesItsHolder() {
        store.create(THING, thing("T1", "Alpha", "c1", "A"), ALICE);
        DomainException e = failure(() -> store.create(THING, thing("T2", "ALPHA", "c1", "A"), BOB));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("The thing 'T1' already has the name 'ALPHA'");
        assertThat(e.details()).containsExactly(new DomainException.Detail("name",
                "The thing 'T1' already has the name 'ALPHA'"));
        assertThat(store.get(THING, "T2")).isEmpty();
        assertThat(audit("thing/T2")).isEmpty();
        // another group may use the name
        Thing other = new Thing("T3", "Alpha", "G2", "c1", "A", List.of(), "active", 1);
        store.create(THING, other, BOB);
        assertThat(store.require(THING, "T3")).isEqualTo(other);
    }

    @Test
    void anUpdateKeepsItsOwnKeyFreesTheOneItGivesUpAndCannotTakeAHeldOne() {
        Thing a1 = thing("T1", "Alpha", "c1", "A");
        Thing b1 = thing("T2", "Beta", "c1", "A");
        store.create(THING, a1, ALICE);
        store.create(THING, b1, ALICE);
        Thing a2 = a1.next("Alpha", "retired"); // keeps its name
        store.update(THING, a1, a2, ALICE, "retire");
        DomainException e = failure(() -> store.update(THING, a2, a2.next("beta", "active"), ALICE, "update"));
        assertThat(e.getMessage()).isEqualTo("The thing 'T2' already has the name 'beta'");
        assertThat(store.require(THING, "T1")).isEqualTo(a2);
        Thing a3 = a2.next("Gamma", "active"); // gives up Alpha
        store.update(THING, a2, a3, ALICE, "update");
        Thing taker = thing("T4", "alpha", "c1", "A");
        store.create(THING, taker, BOB);
        assertThat(store.require(THING, "T4")).isEqualTo(taker);
        DomainException gamma = failure(() -> store.create(THING, thing("T5", "GAMMA", "c1", "A"), BOB));
        assertThat(gamma.getMessage()).isEqualTo("The thing 'T1' already has the name 'GAMMA'");
    }

    @Test
    void theHolderOfAUniqueKeyIsFoundByTheKeyAndNobodyOnceItIsFreed() {
        UniqueKey alpha = new UniqueKey("name", "G1#alpha", "name", "the name 'alpha'");
        assertThat(store.holderOf(THING, alpha)).isEmpty();
        Thing a1 = thing("T1", "Alpha", "c1", "A");
        store.create(THING, a1, ALICE);
        store.create(THING, thing("T2", "Beta", "c1", "A"), ALICE);
        assertThat(store.holderOf(THING, alpha)).contains(a1);
        assertThat(store.holderOf(THING, new UniqueKey("name", "G1#beta", "name", "")).map(Thing::id))
                .contains("T2");
        // the value is compared exactly, and the key's kind is part of it
        assertThat(store.holderOf(THING, new UniqueKey("name", "G1#Alpha", "name", ""))).isEmpty();
        assertThat(store.holderOf(BATCHED, alpha)).isEmpty();
        Thing a2 = a1.next("Gamma", "active");
        store.update(THING, a1, a2, ALICE, "update");
        assertThat(store.holderOf(THING, alpha)).isEmpty();
        assertThat(store.holderOf(THING, new UniqueKey("name", "G1#gamma", "name", ""))).contains(a2);
        Thing taker = thing("T3", "ALPHA", "c1", "A");
        store.create(THING, taker, BOB);
        assertThat(store.holderOf(THING, alpha)).contains(taker);
    }

    @Test
    void historyKeepsEveryVersionOldestFirstInPages() {
        Thing v1 = thing("T1", "Alpha", "c1", "A");
        Thing v2 = v1.next("Beta", "active");
        Thing v3 = v2.next("Gamma", "retired");
        store.create(THING, v1, ALICE);
        store.update(THING, v1, v2, BOB, "update");
        store.update(THING, v2, v3, ALICE, "retire");
        String at = CLOCK.instant().toString();
        Page<HistoryEntry<Thing>> first = store.history(THING, "T1", 2, null);
        assertThat(first.items()).containsExactly(new HistoryEntry<>(1, at, "alice", "create", v1),
                new HistoryEntry<>(2, at, "bob", "update", v2));
        assertThat(first.next()).isNotNull();
        Page<HistoryEntry<Thing>> second = store.history(THING, "T1", 2, first.next());
        assertThat(second.items()).containsExactly(new HistoryEntry<>(3, at, "alice", "retire", v3));
        assertThat(second.next()).isNull();
        assertThat(store.history(THING, "T1", 3, null).next()).isNull();
        DomainException other = failure(() -> store.history(THING, "T2", 2, first.next()));
        assertThat(other.kind()).isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(other.getMessage()).isEqualTo("The 'next' cursor belongs to another list");
    }

    private void things(int n) {
        for (int i = 1; i <= n; i++) {
            store.create(THING, thing("T" + i, "Name " + i, "c" + (i % 2), i <= 2 ? "A" : "B",
                    i % 3 == 0 ? new String[] {"x", "y"} : new String[] {"y"}), ALICE);
        }
    }

    private static List<String> ids(Page<Thing> page) {
        return page.items().stream().map(Thing::thingId).toList();
    }

    @Test
    void listsAKindInIdOrderPageByPage() {
        store.create(THING, thing("T3", "c", "c1", "A"), ALICE);
        store.create(THING, thing("T1", "a", "c1", "A"), ALICE);
        store.create(THING, thing("T5", "e", "c1", "A"), ALICE);
        store.create(THING, thing("T2", "b", "c1", "A"), ALICE);
        store.create(THING, thing("T4", "d", "c1", "A"), ALICE);
        store.create(JOB, new Job("J1", "running", 1), ALICE);
        Page<Thing> p1 = store.list(THING, List.of(), 2, null);
        assertThat(ids(p1)).containsExactly("T1", "T2");
        Page<Thing> p2 = store.list(THING, List.of(), 2, p1.next());
        assertThat(ids(p2)).containsExactly("T3", "T4");
        Page<Thing> p3 = store.list(THING, List.of(), 2, p2.next());
        assertThat(ids(p3)).containsExactly("T5");
        assertThat(p3.next()).isNull();
        Page<Thing> all = store.list(THING, List.of(), 5, null);
        assertThat(ids(all)).containsExactly("T1", "T2", "T3", "T4", "T5");
        assertThat(all.next()).isNull();
        assertThat(store.list(JOB, List.of(), 10, null).items()).containsExactly(new Job("J1", "running", 1));
    }

    @Test
    void filtersApplyToWhatAPageReadsSoAFilteredPageMayBeShort() {
        things(6); // tags: T3 and T6 have "x"
        store.update(THING, store.require(THING, "T2"), store.require(THING, "T2").next("Name 2", "retired"),
                ALICE, "retire");
        Page<Thing> tagged = store.list(THING, List.of(Filter.contains("tags", "x")), 2, null);
        assertThat(ids(tagged)).containsExactly("T3", "T6");
        assertThat(tagged.next()).isNull();
        Page<Thing> active = store.list(THING, List.of(Filter.eq("status", "active"), Filter.contains("tags", "y")),
                10, null);
        assertThat(ids(active)).containsExactly("T1", "T3", "T4", "T5", "T6");
        assertThat(active.next()).isNull();
        assertThat(store.list(THING, List.of(Filter.eq("status", "gone")), 10, null).items()).isEmpty();
    }

    @Test
    void aFilteredListReadsAtMostTenRoundsPerPage() {
        for (int i = 1; i <= 12; i++) {
            String id = String.format("U%02d", i);
            store.create(THING, thing(id, "Name " + id, "c1", "A", i == 11 ? "z" : "y"), ALICE);
        }
        List<Filter> z = List.of(Filter.contains("tags", "z"));
        Page<Thing> p1 = store.list(THING, z, 1, null); // ten rounds of one read U01..U10
        assertThat(p1.items()).isEmpty();
        assertThat(p1.next()).isNotNull();
        Page<Thing> p2 = store.list(THING, z, 1, p1.next());
        assertThat(ids(p2)).containsExactly("U11");
        assertThat(p2.next()).isNotNull();
        Page<Thing> p3 = store.list(THING, z, 1, p2.next());
        assertThat(p3.items()).isEmpty();
        assertThat(p3.next()).isNull();
        assertThat(ids(store.list(THING, z, 20, null))).containsExactly("U11");
    }

    @Test
    void listsReadTheirIndexPartitionAndRange() {
        things(6); // counties: odd ids c1, even c0; risk A: T1, T2
        store.create(THING, thing("T7", "Name 7", null, null), ALICE); // in neither index
        ListIndex c1 = new ListIndex(Tables.BY_COUNTY_INDEX, Target.COUNTY_KEY, "THG#c1", "entitySort", null);
        assertThat(ids(store.list(THING, c1, List.of(), 10, null))).containsExactly("T1", "T3", "T5");
        Page<Thing> first = store.list(THING, c1, List.of(), 2, null);
        assertThat(ids(first)).containsExactly("T1", "T3");
        Page<Thing> rest = store.list(THING, c1, List.of(), 2, first.next());
        assertThat(ids(rest)).containsExactly("T5");
        assertThat(rest.next()).isNull();
        ListIndex riskB = new ListIndex(Tables.BY_RISK_INDEX, Target.RISK_KEY, "THG#B", Target.RISK_SORT, null);
        // sorted by county, then id
        assertThat(ids(store.list(THING, riskB, List.of(), 10, null))).containsExactly("T4", "T6", "T3", "T5");
        ListIndex riskBc1 = new ListIndex(Tables.BY_RISK_INDEX, Target.RISK_KEY, "THG#B", Target.RISK_SORT, "c1#");
        Page<Thing> b1 = store.list(THING, riskBc1, List.of(), 1, null);
        assertThat(ids(b1)).containsExactly("T3");
        Page<Thing> b2 = store.list(THING, riskBc1, List.of(), 1, b1.next());
        assertThat(ids(b2)).containsExactly("T5");
        assertThat(b2.next()).isNull();
        assertThat(ids(store.list(THING, riskBc1, List.of(Filter.contains("tags", "x")), 10, null)))
                .containsExactly("T3");
        // a cursor is good for its own list only
        DomainException wrongList = failure(() -> store.list(THING, riskBc1, List.of(), 1, first.next()));
        assertThat(wrongList.kind()).isEqualTo(DomainException.Kind.MALFORMED);
        ListIndex c0 = new ListIndex(Tables.BY_COUNTY_INDEX, Target.COUNTY_KEY, "THG#c0", "entitySort", null);
        DomainException otherCounty = failure(() -> store.list(THING, c0, List.of(), 1, first.next()));
        assertThat(otherCounty.getMessage()).isEqualTo("The 'next' cursor belongs to another list");
        DomainException garbage = failure(() -> store.list(THING, List.of(), 1, "not-a-cursor"));
        assertThat(garbage.kind()).isEqualTo(DomainException.Kind.MALFORMED);
    }

    @Test
    void listsReadARangeBetweenSortKeysBothIncluded() {
        things(6); // risk B sorted by county then id: c0#T4, c0#T6, c1#T3, c1#T5
        ListIndex middle = ListIndex.between(Tables.BY_RISK_INDEX, Target.RISK_KEY, "THG#B", Target.RISK_SORT,
                "c0#T6", "c1#T3");
        assertThat(ids(store.list(THING, middle, List.of(), 10, null))).containsExactly("T6", "T3");
        ListIndex upToC0 = ListIndex.between(Tables.BY_RISK_INDEX, Target.RISK_KEY, "THG#B", Target.RISK_SORT,
                null, "c0#\uffff");
        Page<Thing> first = store.list(THING, upToC0, List.of(), 1, null);
        assertThat(ids(first)).containsExactly("T4");
        Page<Thing> second = store.list(THING, upToC0, List.of(), 1, first.next());
        assertThat(ids(second)).containsExactly("T6");
        assertThat(second.next() == null ? List.of()
                : ids(store.list(THING, upToC0, List.of(), 1, second.next()))).isEmpty();
        ListIndex fromC1 = ListIndex.between(Tables.BY_RISK_INDEX, Target.RISK_KEY, "THG#B", Target.RISK_SORT,
                "c1#", null);
        assertThat(ids(store.list(THING, fromC1, List.of(), 10, null))).containsExactly("T3", "T5");
        // a cursor from outside the range is not one of this list
        DomainException outside = failure(() -> store.list(THING, fromC1, List.of(), 1, first.next()));
        assertThat(outside.getMessage()).isEqualTo("The 'next' cursor belongs to another list");
    }

    @Test
    void theTargetRosterListsAsTheServiceAsksForThem() {
        List<Target> targets = new ArrayList<>();
        String[][] rows = {{"TGT-1", "东源县", "A"}, {"TGT-2", "和平县", "A"}, {"TGT-3", "东源县", "B"},
                {"TGT-4", "东源县", "A"}, {"TGT-5", "和平县", "C"}};
        for (String[] r : rows) {
            Target t = new Target(r[0], null, "name " + r[0], "enterprise", r[1], List.of("ITEM-1"), r[2], "active",
                    null, null, null, null, null, List.of(), null, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
            store.create(Target.KIND, t, ALICE);
            targets.add(t);
        }
        TargetService service = new TargetService(store, CLOCK);
        Principal admin = ALICE.principal();
        TargetService.Listing county = service.listing(admin, new TargetService.Query("东源县", null, null, null,
                null, null));
        assertThat(store.list(Target.KIND, county.index(), county.filters(), 10, null).items())
                .extracting(Target::targetId).containsExactly("TGT-1", "TGT-3", "TGT-4");
        TargetService.Listing riskInCounty = service.listing(admin, new TargetService.Query("东源县", "ITEM-1", null,
                "A", "active", null));
        assertThat(store.list(Target.KIND, riskInCounty.index(), riskInCounty.filters(), 10, null).items())
                .containsExactly(targets.get(0), targets.get(3));
        TargetService.Listing risk = service.listing(admin, new TargetService.Query(null, null, null, "A", null,
                null));
        assertThat(store.list(Target.KIND, risk.index(), risk.filters(), 10, null).items())
                .extracting(Target::targetId).containsExactly("TGT-1", "TGT-4", "TGT-2");
    }

    @Test
    void theCandidatePoolReadsActiveTargetsAsCompactRecordsPageByPage() {
        String[][] rows = {{"TGT-1", "东源县", "A", "active"}, {"TGT-2", "东源县", "D", "active"},
                {"TGT-3", "东源县", "B", "deregistered"}, {"TGT-4", "东源县", "B", "active"},
                {"TGT-5", "和平县", "C", "active"}};
        for (String[] r : rows) {
            store.create(Target.KIND, new Target(r[0], null, "name " + r[0], "enterprise", r[1], List.of("ITEM-1"),
                    r[2], r[3], null, "张三", "东源县仙塘镇", "13800138000", null, List.of(), null, 1,
                    "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), ALICE);
        }
        ListIndex dongyuan = CandidatePool.partition("东源县");
        IndexPage<Candidate> first = store.listProjected(Target.KIND, dongyuan, Candidate.class, 2, null);
        assertThat(first.items()).containsExactly(
                new Candidate("TGT-1", "东源县", "enterprise", List.of("ITEM-1"), "A"),
                new Candidate("TGT-2", "东源县", "enterprise", List.of("ITEM-1"), "D"));
        assertThat(first.readUnits()).isPositive();
        IndexPage<Candidate> rest = store.listProjected(Target.KIND, dongyuan, Candidate.class, 2, first.next());
        assertThat(rest.items()).extracting(Candidate::targetId).containsExactly("TGT-4");
        assertThat(rest.next()).isNull();
        DomainException wrongList = failure(() -> store.listProjected(Target.KIND, CandidatePool.partition("和平县"),
                Candidate.class, 2, first.next()));
        assertThat(wrongList.getMessage()).isEqualTo("The 'next' cursor belongs to another list");
    }

    @Test
    void aCheckpointIsAConditionalWriteWithoutAuditOrHistory() {
        Job v1 = new Job("J1", "running", 1);
        assertThat(store.checkpoint(JOB, null, v1)).isTrue();
        assertThat(store.checkpoint(JOB, null, new Job("J1", "other", 1))).isFalse();
        assertThat(store.require(JOB, "J1")).isEqualTo(v1);
        Job v2 = new Job("J1", "row 100", 2);
        assertThat(store.checkpoint(JOB, v1, v2)).isTrue();
        assertThat(store.checkpoint(JOB, v1, new Job("J1", "stale", 2))).isFalse();
        assertThat(store.require(JOB, "J1")).isEqualTo(v2);
        assertThat(audit("job/J1")).isEmpty();
        Job done = new Job("J1", "succeeded", 3);
        store.update(JOB, v2, done, BOB, "succeeded");
        assertThat(audit("job/J1")).containsExactly(new AuditEntry("job/J1", "succeeded", "bob", null, "req-2", 3,
                List.of("state", "version"), null));
        DomainException late = failure(() -> store.update(JOB, v2, new Job("J1", "failed", 3), ALICE, "failed"));
        assertThat(late.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(store.require(JOB, "J1")).isEqualTo(done);
        assertThatThrownBy(() -> store.checkpoint(JOB, done, done)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyAreReadByIdInBatchesAndIdsNobodyUsedAreLeftOut() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            assertThat(store.checkpoint(JOB, null, new Job("J" + i, "state " + i, 1))).isTrue();
            ids.add("J" + i);
        }
        ids.add("J999");
        Map<String, Job> found = store.getAll(JOB, ids);
        assertThat(found).hasSize(130).doesNotContainKey("J999");
        assertThat(found.get("J7")).isEqualTo(new Job("J7", "state 7", 1));
        assertThat(found.get("J130")).isEqualTo(new Job("J130", "state 130", 1));
        assertThat(store.getAll(JOB, List.of())).isEmpty();
    }

    @Test
    void aChunkOfNewEntitiesIsWrittenWithHistoryAndRecordedOnceAndAgainChangesNothing() {
        String at = CLOCK.instant().toString();
        Thing a = new Thing("B1", "Alpha", "G1", "c1", "A", List.of(), "active", 1);
        Thing b = new Thing("B2", "Beta", "G1", "c1", "B", List.of("x"), "active", 1);
        Store.ImportChunk chunk = new Store.ImportChunk("IMP-1", 3, at);
        assertThat(store.createAll(BATCHED, List.of(a, b), List.of(), ALICE, chunk)).isEmpty();
        assertThat(store.getAll(BATCHED, List.of("B1", "B2"))).containsExactly(Map.entry("B1", a), Map.entry("B2", b));
        assertThat(store.history(BATCHED, "B1", 10, null).items())
                .containsExactly(new HistoryEntry<>(1, at, "alice", "import", a));
        assertThat(audit("batched/B1")).isEmpty();
        AuditEntry record = new AuditEntry("import-rows/IMP-1", "write", "alice", "ORG-CITY", "req-1", 3,
                List.of("B1@1", "B2@1"), "IMP-1");
        assertThat(audit("import-rows/IMP-1")).containsExactly(record);
        // a run resumed after a crash finds both written: their history again, the same record
        assertThat(store.createAll(BATCHED, List.of(), List.of(a, b), ALICE, chunk)).isEmpty();
        assertThat(store.history(BATCHED, "B2", 10, null).items())
                .containsExactly(new HistoryEntry<>(1, at, "alice", "import", b));
        assertThat(audit("import-rows/IMP-1")).containsExactly(record);
        // and nothing at all is recorded for an empty chunk
        assertThat(store.createAll(BATCHED, List.of(), List.of(), ALICE, new Store.ImportChunk("IMP-2", 5, at)))
                .isEmpty();
        assertThat(audit("import-rows/IMP-2")).isEmpty();
    }

    @Test
    void aChunkCreatesEntitiesWithUniqueKeysOneByOneAndAnswersThoseItCannot() {
        store.create(THING, thing("T1", "Alpha", "c1", "A"), BOB);
        Thing clash = thing("T2", "ALPHA", "c1", "A");
        Thing fresh = thing("T3", "Gamma", "c1", "B");
        String at = CLOCK.instant().toString();
        Map<String, DomainException> rejected = store.createAll(THING, List.of(clash, fresh), List.of(), ALICE,
                new Store.ImportChunk("IMP-3", 9, at));
        assertThat(rejected).containsOnlyKeys("T2");
        assertThat(rejected.get("T2").kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(rejected.get("T2").getMessage()).isEqualTo("The thing 'T1' already has the name 'ALPHA'");
        assertThat(store.get(THING, "T2")).isEmpty();
        assertThat(store.require(THING, "T3")).isEqualTo(fresh);
        assertThat(audit("thing/T3")).containsExactly(new AuditEntry("thing/T3", "import", "alice", "ORG-CITY",
                "req-1", 1, List.of("county", "group", "name", "risk", "status", "tags", "thingId", "version"),
                "IMP-3"));
        assertThat(audit("import-rows/IMP-3")).containsExactly(new AuditEntry("import-rows/IMP-3", "write", "alice",
                "ORG-CITY", "req-1", 9, List.of("T3@1"), "IMP-3"));
    }
}
