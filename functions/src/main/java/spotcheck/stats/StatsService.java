package spotcheck.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import spotcheck.core.Principal;
import spotcheck.draws.DrawJob;
import spotcheck.orgs.Org;
import spotcheck.plans.PlanRules;
import spotcheck.pool.Candidate;
import spotcheck.pool.CandidatePool;
import spotcheck.roster.Item;
import spotcheck.roster.Target;
import spotcheck.store.EntityKind;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.IndexPage;
import spotcheck.store.Store;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskService;

/**
 * A year's coverage against the annual 3% floor ({@code GET /stats?year=}), counted by {@link Coverage} from
 * compact records only: the active targets from the byPool index (id, county, items), the year's tasks from their
 * key range of the byKind index, and the item list and organisations, each as the few attributes it needs. The
 * year's tasks of voided draws ({@link DrawJob#voidedAmong}, one batch read of their draws) count for nothing;
 * problem-driven tasks are counted apart and never toward the random ratio. Drawn targets deregistered since (no longer in the pool) are read by id.
 *
 * <p>The supervision indicators ({@link Indicators}: completion, publication and its timeliness, results by
 * category, joint share) are counted from the same compact task records, which carry the tasks' result status,
 * publication deadline, publication time and item results: no read beyond coverage's. {@code completionRate} is the
 * random tasks' completion rate, {@code onTimePublicationRate} the on-time rate of the published results.
 *
 * <p>The whole pool is read for every caller (a county account's figures need the counties of every drawn target);
 * what a caller is shown is {@link StatsAccess}'s to decide.
 */
public final class StatsService {
    private static final int PAGE = 1000;

    private final Store store;
    private final CandidatePool pool;
    private final CategoryLabels categories;
    private final StatsAccess access = StatsAccess.POLICY;

    public StatsService(Store store, CandidatePool pool) {
        this(store, pool, CategoryLabels.NONE);
    }

    public StatsService(Store store, CandidatePool pool, CategoryLabels categories) {
        this.store = store;
        this.pool = pool;
        this.categories = categories;
    }

    /** A task as the statistics read it. */
    public record TaskRow(String taskId, String kind, String drawId, String targetId, List<String> items,
                          List<String> departments, String status, String publicationDue, ResultRow result) {
        public TaskRow {
            items = items == null ? List.of() : List.copyOf(items);
            departments = departments == null ? List.of() : List.copyOf(departments);
        }
    }

    /** Of a task's result, what the statistics read: when it was published and each item's category. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResultRow(String publishedAt, List<ItemResultRow> items) {
        public ResultRow {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** One item's result: the item and its category code. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ItemResultRow(String itemId, String result) { }

    /** An item as coverage reads it. */
    public record ItemRow(String itemId, String name, String department, String status) { }

    /** An organisation as coverage reads it. */
    public record OrgRow(String orgId, String name, String kind) { }

    /** The figures of the whole (or of a county account's county). */
    public record Overall(long inScope, long drawn, long required,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String ratio, boolean meetsFloor) { }

    public record ItemLine(String itemId, String name, String department, String status, long inScope, long drawn,
                           long required, @JsonInclude(JsonInclude.Include.ALWAYS) String ratio,
                           boolean meetsFloor) { }

    public record DepartmentLine(String department, String name, long inScope, long drawn, long required,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String ratio, boolean meetsFloor) { }

    public record CountyLine(String county, String name, long inScope, long drawn, long required,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String ratio, boolean meetsFloor) { }

    public record ProblemDriven(long tasks) { }

    public record TaskCounts(long total, long assigned, long unassigned) { }

    /** An item's indicators. */
    public record ItemIndicators(String itemId, String name, Indicators.Completion completion,
                                 Indicators.Publication publication, List<Indicators.CategoryCount> categories,
                                 Indicators.Joint joint) { }

    /** A department's indicators. */
    public record DepartmentIndicators(String department, String name, Indicators.Completion completion,
                                       Indicators.Publication publication,
                                       List<Indicators.CategoryCount> categories, Indicators.Joint joint) { }

    /** A county's indicators. */
    public record CountyIndicators(String county, String name, Indicators.Completion completion,
                                   Indicators.Publication publication, List<Indicators.CategoryCount> categories,
                                   Indicators.Joint joint) { }

    /** The supervision indicators overall and by item, department and county (the lines coverage has). */
    public record IndicatorLines(Indicators.Figures overall, List<ItemIndicators> byItem,
                                 List<DepartmentIndicators> byDepartment, List<CountyIndicators> byCounty) { }

    /** What the call read: index queries, items read, and the read capacity DynamoDB reported for them. */
    public record Read(int queries, long indexItems, double readUnits) {
        Read plus(int q, long items, double units) {
            return new Read(queries + q, indexItems + items, readUnits + units);
        }
    }

    /** {@code GET /stats?year=} answers this. */
    public record Stats(int year, String floor, @JsonInclude(JsonInclude.Include.ALWAYS) String county,
                        Overall overall, List<ItemLine> byItem, List<DepartmentLine> byDepartment,
                        List<CountyLine> byCounty, ProblemDriven problemDriven, TaskCounts tasks,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String completionRate,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String onTimePublicationRate,
                        IndicatorLines indicators, Read read) { }

    public Stats coverage(Principal reader, int year) {
        return coverage(reader, year, categories.labels());
    }

    private Stats coverage(Principal reader, int year, Map<String, String> labels) {
        Optional<String> onlyCounty = access.county(reader);
        Read[] read = {new Read(0, 0, 0)};

        Map<String, OrgRow> orgs = new LinkedHashMap<>();
        read[0] = readAll(Org.KIND, ListIndex.byKind(Org.KIND), OrgRow.class, read[0], o -> orgs.put(o.orgId(), o));
        Set<String> counties = new TreeSet<>();
        orgs.values().stream().filter(o -> "county".equals(o.kind())).forEach(o -> counties.add(o.orgId()));

        List<TaskRow> yearTasks = new ArrayList<>();
        read[0] = readAll(Task.KIND, TaskService.yearRange(year), TaskRow.class, read[0], yearTasks::add);
        Set<String> voided = DrawJob.voidedAmong(store, yearTasks.stream().map(TaskRow::drawId).toList());
        List<TaskRow> tasks = yearTasks.stream().filter(t -> t.drawId() == null || !voided.contains(t.drawId())).toList();
        Map<String, Set<String>> covered = new HashMap<>();
        for (TaskRow t : tasks) {
            if (Task.RANDOM.equals(t.kind())) {
                covered.computeIfAbsent(t.targetId(), k -> new HashSet<>()).addAll(t.items());
            }
        }

        Map<String, Coverage.Target> targets = new HashMap<>();
        CandidatePool.Read poolRead = pool.read(counties, page -> {
            for (Candidate c : page) {
                targets.put(c.targetId(), new Coverage.Target(c.targetId(), c.county(), c.items(), true));
            }
        });
        read[0] = read[0].plus(poolRead.queries(), poolRead.indexItems(), poolRead.readUnits());
        Set<String> gone = new TreeSet<>();
        tasks.forEach(t -> {
            if (!targets.containsKey(t.targetId())) {
                gone.add(t.targetId());
            }
        });
        store.getAll(Target.KIND, gone).values().forEach(t -> targets.put(t.targetId(),
                new Coverage.Target(t.targetId(), t.county(), t.items(), false)));

        Map<String, ItemRow> items = new LinkedHashMap<>();
        Set<String> coveredItems = new HashSet<>();
        covered.values().forEach(coveredItems::addAll);
        read[0] = readAll(Item.KIND, ListIndex.byKind(Item.KIND), ItemRow.class, read[0], i -> {
            if ("active".equals(i.status()) || coveredItems.contains(i.itemId())) {
                items.put(i.itemId(), i);
            }
        });
        Map<String, String> itemDepartments = new HashMap<>();
        items.values().forEach(i -> itemDepartments.put(i.itemId(), i.department()));

        List<Coverage.Target> counted = targets.values().stream()
                .filter(t -> onlyCounty.isEmpty() || onlyCounty.get().equals(t.county())).toList();
        Coverage.Result result = Coverage.count(counted, covered, itemDepartments,
                onlyCounty.map(c -> (Set<String>) Set.of(c)).orElse(counties));

        long total = 0;
        long assigned = 0;
        long unassigned = 0;
        long problems = 0;
        for (TaskRow t : tasks) {
            Coverage.Target target = targets.get(t.targetId());
            if (onlyCounty.isPresent() && (target == null || !onlyCounty.get().equals(target.county()))) {
                continue;
            }
            total++;
            if (Task.PROBLEM.equals(t.kind())) {
                problems++;
            }
            if (Task.UNASSIGNED.equals(t.status())) {
                unassigned++;
            } else if (Task.ASSIGNED.equals(t.status())) {
                assigned++;
            }
        }

        Indicators.Result figures = indicators(tasks, targets, itemDepartments, onlyCounty, counties, labels);

        Coverage.Figures all = result.overall();
        List<ItemLine> byItem = new ArrayList<>();
        List<DepartmentLine> byDepartment = new ArrayList<>();
        if (onlyCounty.isEmpty()) {
            items.values().stream().sorted((a, b) -> a.itemId().compareTo(b.itemId())).forEach(i -> {
                Coverage.Figures f = result.byItem().get(i.itemId());
                byItem.add(new ItemLine(i.itemId(), i.name(), i.department(), i.status(), f.inScope(), f.drawn(),
                        f.required(), f.ratio(), f.meetsFloor()));
            });
            result.byDepartment().forEach((d, f) -> byDepartment.add(new DepartmentLine(d, name(orgs, d),
                    f.inScope(), f.drawn(), f.required(), f.ratio(), f.meetsFloor())));
        }
        List<CountyLine> byCounty = new ArrayList<>();
        result.byCounty().forEach((c, f) -> byCounty.add(new CountyLine(c, name(orgs, c), f.inScope(), f.drawn(),
                f.required(), f.ratio(), f.meetsFloor())));
        Indicators.Figures overall = figures.overall();
        return new Stats(year, PlanRules.ANNUAL_FLOOR.toPlainString(), onlyCounty.orElse(null),
                new Overall(all.inScope(), all.drawn(), all.required(), all.ratio(), all.meetsFloor()), byItem,
                byDepartment, byCounty, new ProblemDriven(problems), new TaskCounts(total, assigned, unassigned),
                overall.completion().random().rate(), overall.publication().onTimeRate(),
                lines(figures, items, orgs, onlyCounty.isPresent()), read[0]);
    }

    /** The indicators of the live tasks the reader sees (a county account: its county's targets' tasks). */
    private Indicators.Result indicators(List<TaskRow> tasks, Map<String, Coverage.Target> targets,
                                         Map<String, String> itemDepartments, Optional<String> onlyCounty,
                                         Set<String> counties, Map<String, String> labels) {
        List<Indicators.TaskFacts> facts = new ArrayList<>();
        for (TaskRow t : tasks) {
            Coverage.Target target = targets.get(t.targetId());
            String county = target == null ? null : target.county();
            if (onlyCounty.isPresent() && !onlyCounty.get().equals(county)) {
                continue;
            }
            List<Indicators.ItemResult> results = t.result() == null ? List.of() : t.result().items().stream()
                    .map(r -> new Indicators.ItemResult(r.itemId(), r.result())).toList();
            facts.add(new Indicators.TaskFacts(t.taskId(), t.kind(), t.drawId(), county, t.items(), t.departments(),
                    t.status(), t.publicationDue(), t.result() == null ? null : t.result().publishedAt(), results));
        }
        LocalDate today = Indicators.localDate(store.now());
        // the voided draws' tasks are left out already
        return Indicators.count(facts, Set.of(), onlyCounty.isPresent() ? Map.of() : itemDepartments,
                onlyCounty.map(c -> (Set<String>) Set.of(c)).orElse(counties), labels, today);
    }

    private static IndicatorLines lines(Indicators.Result r, Map<String, ItemRow> items, Map<String, OrgRow> orgs,
                                        boolean oneCounty) {
        List<ItemIndicators> byItem = new ArrayList<>();
        List<DepartmentIndicators> byDepartment = new ArrayList<>();
        if (!oneCounty) {
            r.byItem().forEach((id, f) -> byItem.add(new ItemIndicators(id, items.get(id).name(), f.completion(),
                    f.publication(), f.categories(), f.joint())));
            r.byDepartment().forEach((d, f) -> byDepartment.add(new DepartmentIndicators(d, name(orgs, d),
                    f.completion(), f.publication(), f.categories(), f.joint())));
        }
        List<CountyIndicators> byCounty = new ArrayList<>();
        r.byCounty().forEach((c, f) -> byCounty.add(new CountyIndicators(c, name(orgs, c), f.completion(),
                f.publication(), f.categories(), f.joint())));
        return new IndicatorLines(r.overall(), byItem, byDepartment, byCounty);
    }

    /**
     * {@code GET /stats/export?year=}: the same figures as {@link #coverage} (and the same access: a county account's
     * workbook holds its county alone) as the year-end report's XLSX workbook ({@link StatsWorkbook}).
     */
    public byte[] export(Principal reader, int year) {
        Map<String, String> labels = categories.labels();
        return StatsWorkbook.write(coverage(reader, year, labels), labels);
    }

    private static String name(Map<String, OrgRow> orgs, String id) {
        OrgRow o = orgs.get(id);
        return o == null ? null : o.name();
    }

    /** Every compact record of a key range, page by page; answers the read so far plus this one. */
    private <R extends Record> Read readAll(EntityKind<?> kind, ListIndex index, Class<R> type, Read so,
                                            Consumer<R> each) {
        Read read = so;
        String next = null;
        do {
            IndexPage<R> page = store.listProjected(kind, index, type, PAGE, next);
            page.items().forEach(each);
            read = read.plus(1, page.items().size(), page.readUnits());
            next = page.next();
        } while (next != null);
        return read;
    }
}
