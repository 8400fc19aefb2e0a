package spotcheck.plans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spotcheck.pool.Candidate;
import spotcheck.pool.CandidateFilter;
import spotcheck.pool.CandidatePool;
import spotcheck.store.Store;

/**
 * How many targets plans draw, counted from the candidate pool: per stratum n_s and k_s of specs/draw.md
 * (k_s = min(n_s, ceil(n_s × r)) in exact decimal arithmetic, or min(n_s, k)) and their totals. Several plans
 * are counted in one read of the pool, and the active targets read are counted on the way.
 */
public final class PlanEstimates {
    private final CandidatePool pool;
    private final Store store;

    public PlanEstimates(CandidatePool pool, Store store) {
        this.pool = pool;
        this.store = store;
    }

    /** One plan's estimate and what reading the pool for it cost. */
    public record Result(String planId, PlanEstimate estimate, CandidatePool.Read read) { }

    /**
     * One read of the pool for {@code plans}: each plan's estimate by id, the active targets of the counties
     * read (every county when {@code everyCounty}, or when a plan names none; else the plans' counties), and
     * what the read cost.
     */
    public record Pass(Map<String, PlanEstimate> byPlan, long activeTargets, CandidatePool.Read read) { }

    public Result estimate(Plan plan) {
        Pass pass = estimate(List.of(plan), false);
        return new Result(plan.planId(), pass.byPlan().get(plan.planId()), pass.read());
    }

    public Pass estimate(List<Plan> plans, boolean everyCounty) {
        if (plans.isEmpty() && !everyCounty) {
            return new Pass(Map.of(), 0, new CandidatePool.Read(0, 0, 0));
        }
        Set<String> counties = new HashSet<>();
        boolean all = everyCounty;
        List<CandidateFilter> filters = new ArrayList<>();
        List<Map<String, Long>> counts = new ArrayList<>();
        for (Plan p : plans) {
            all |= p.scope().counties().isEmpty();
            counties.addAll(p.scope().counties());
            filters.add(filter(p));
            counts.add(new HashMap<>());
        }
        long[] active = {0};
        CandidatePool.Read read = pool.read(all ? Set.of() : counties, page -> {
            for (Candidate c : page) {
                active[0]++;
                for (int i = 0; i < plans.size(); i++) {
                    if (filters.get(i).test(c)) {
                        counts.get(i).merge(PlanRules.stratum(plans.get(i).quota(), c.riskClass()), 1L, Long::sum);
                    }
                }
            }
        });
        String at = store.now();
        Map<String, PlanEstimate> byPlan = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            List<PlanEstimate.Stratum> strata = PlanRules.strata(plans.get(i).quota(), counts.get(i));
            byPlan.put(plans.get(i).planId(), new PlanEstimate(at, strata.stream()
                    .mapToLong(PlanEstimate.Stratum::candidates).sum(), strata.stream()
                    .mapToLong(PlanEstimate.Stratum::expected).sum(), strata));
        }
        return new Pass(byPlan, active[0], read);
    }

    /** The candidates a plan draws from: its items, within its scope. */
    public static CandidateFilter filter(Plan plan) {
        return new CandidateFilter(Set.copyOf(plan.scope().counties()), Set.copyOf(plan.scope().targetTypes()),
                Set.copyOf(plan.items()), Set.copyOf(plan.scope().riskClasses()));
    }
}
