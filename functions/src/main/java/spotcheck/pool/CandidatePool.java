package spotcheck.pool;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import spotcheck.core.Page;
import spotcheck.orgs.Org;
import spotcheck.roster.Target;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.IndexPage;
import spotcheck.store.Store;
import spotcheck.store.Tables;

/**
 * The draw's candidates: the active targets, read county by county through the byPool index as compact
 * {@link Candidate} records, a page at a time, never as whole targets. A deregistered target carries no pool
 * key, so it is simply not there. Plans estimate through it now; the draw reads through it.
 */
public final class CandidatePool {
    /** Compact records are about 150 bytes: a page stays far below DynamoDB's 1 MB per query. */
    static final int PAGE_SIZE = 1000;

    private final Store store;

    public CandidatePool(Store store) {
        this.store = store;
    }

    /** What a read of the pool cost: index items read, queries made and the read capacity reported. */
    public record Read(long indexItems, int queries, double readUnits) {
        Read plus(IndexPage<?> page) {
            return new Read(indexItems + page.items().size(), queries + 1, readUnits + page.readUnits());
        }
    }

    /** The pool's partition for one county. */
    public static ListIndex partition(String county) {
        return new ListIndex(Tables.BY_POOL_INDEX, Target.POOL_KEY, Target.poolPartition(county), "entitySort",
                null);
    }

    /**
     * Every active target of {@code counties} (empty: of every county), county by county in code-point order
     * and by id within one, handed to {@code pages} one page at a time.
     */
    public Read read(Collection<String> counties, Consumer<List<Candidate>> pages) {
        Read read = new Read(0, 0, 0);
        for (String county : counties.isEmpty() ? allCounties() : new TreeSet<>(counties)) {
            String next = null;
            do {
                IndexPage<Candidate> page = store.listProjected(Target.KIND, partition(county), Candidate.class,
                        PAGE_SIZE, next);
                read = read.plus(page);
                if (!page.items().isEmpty()) {
                    pages.accept(page.items());
                }
                next = page.next();
            } while (next != null);
        }
        return read;
    }

    /** Every county organisation, whatever its status: a target keeps the county it was filed under. */
    private Collection<String> allCounties() {
        Collection<String> counties = new TreeSet<>();
        String next = null;
        do {
            Page<Org> page = store.list(Org.KIND, List.of(Filter.eq("kind", "county")), 200, next);
            page.items().forEach(o -> counties.add(o.orgId()));
            next = page.next();
        } while (next != null);
        return counties;
    }
}
