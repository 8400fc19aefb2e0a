package spotcheck.draws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import spotcheck.core.Page;
import spotcheck.draw.Candidates;
import spotcheck.draw.InspectorCandidate;
import spotcheck.draw.TargetCandidate;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanEstimates;
import spotcheck.plans.PlanRules;
import spotcheck.pool.Candidate;
import spotcheck.pool.CandidateFilter;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.Inspector;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.tasks.AssignmentRules;
import spotcheck.tasks.PreviousInspections;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

/**
 * A plan's candidates, as the draw takes them: the targets of its pool (active, in scope, under one of its items,
 * read through the byPool index's compact records) and the inspectors who pass its plan-level checks.
 *
 * <p>Targets already drawn this year by a random check sharing an item are left out when the plan says so
 * ({@code excludeDrawnThisYear}; a problem-driven inspection of the target does not count), except those of its
 * {@code redrawClasses} (a D-class or dishonest target may be drawn again, an A-class one not). They are found
 * from the year's tasks, one key range, never a scan of the roster: a year's tasks are a few percent of the targets.
 * A voided draw's tasks count for nothing.
 *
 * <p>Inspectors: those passing the plan-level checks of {@link AssignmentRules#planChecks} (active, of one of the
 * plan's departments, certificate valid on the plan's start date, qualified for at least one of its items), the
 * same rule an assignment by hand applies. Each one's exclusions are the candidates among their conflicts of
 * interest and the targets whose last inspection ({@link PreviousInspections}, from this year's and last year's
 * tasks) they made.
 */
final class DrawInputs {
    private static final int PAGE = 500;

    private final Store store;
    private final CandidatePool pool;

    DrawInputs(Store store, CandidatePool pool) {
        this.store = store;
        this.pool = pool;
    }

    /** What was read, for the draw's figures and the benchmark. */
    record Read(Candidates candidates, CandidatePool.Read pool, int tasksRead) { }

    Read read(Plan plan) {
        List<Task> thisYear = live(all(TaskService.yearRange(plan.year())));
        List<Task> lastYear = live(all(TaskService.yearRange(plan.year() - 1)));
        Set<String> drawnThisYear = plan.excludeDrawnThisYear() ? drawnFor(plan, thisYear) : Set.of();
        Set<String> redraw = Set.copyOf(plan.redrawClasses());
        CandidateFilter filter = PlanEstimates.filter(plan);
        List<TargetCandidate> targets = new ArrayList<>();
        CandidatePool.Read read = pool.read(plan.scope().counties(), page -> {
            for (Candidate c : page) {
                if (filter.test(c) && (!drawnThisYear.contains(c.targetId()) || redraw.contains(c.riskClass()))) {
                    targets.add(new TargetCandidate(c.targetId(), PlanRules.stratum(plan.quota(), c.riskClass())));
                }
            }
        });
        Set<String> ids = new HashSet<>(targets.size() * 2);
        targets.forEach(t -> ids.add(t.id()));
        List<Task> both = new ArrayList<>(lastYear);
        both.addAll(thisYear);
        Map<String, Set<String>> previous = PreviousInspections.byInspector(both);
        List<InspectorCandidate> inspectors = new ArrayList<>();
        eachActiveInspector(x -> {
            if (AssignmentRules.planChecks(x, plan.departments(), plan.items(), plan.startDate()).isEmpty()) {
                Set<String> excluded = new TreeSet<>();
                x.conflicts().stream().filter(ids::contains).forEach(excluded::add);
                previous.getOrDefault(x.inspectorId(), Set.of()).stream().filter(ids::contains)
                        .forEach(excluded::add);
                inspectors.add(new InspectorCandidate(x.inspectorId(), x.org(), List.copyOf(excluded)));
            }
        });
        return new Read(new Candidates(targets, inspectors), read, thisYear.size() + lastYear.size());
    }

    /** Targets of random checks this year (of other plans, or this plan's voided draw: left out) sharing an item. */
    private static Set<String> drawnFor(Plan plan, List<Task> year) {
        Set<String> items = Set.copyOf(plan.items());
        Set<String> drawn = new HashSet<>();
        for (Task t : year) {
            if (Task.RANDOM.equals(t.kind()) && t.items().stream().anyMatch(items::contains)) {
                drawn.add(t.targetId());
            }
        }
        return drawn;
    }

    /** The tasks not made by a voided draw. */
    private List<Task> live(List<Task> tasks) {
        Set<String> voided = DrawJob.voidedAmong(store, tasks.stream().map(Task::drawId).toList());
        return voided.isEmpty() ? tasks : tasks.stream().filter(t -> !voided.contains(t.drawId())).toList();
    }

    private List<Task> all(ListIndex range) {
        List<Task> found = new ArrayList<>();
        String next = null;
        do {
            Page<Task> page = store.list(Task.KIND, range, List.of(), PAGE, next);
            found.addAll(page.items());
            next = page.next();
        } while (next != null);
        return found;
    }

    private void eachActiveInspector(Consumer<Inspector> each) {
        String next = null;
        do {
            Page<Inspector> page = store.list(Inspector.KIND, List.of(Filter.eq("status", "active")), PAGE, next);
            page.items().forEach(each);
            next = page.next();
        } while (next != null);
    }

}
