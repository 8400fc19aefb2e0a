package spotcheck.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The supervision indicators (督查考核) of a year's tasks, overall and by item, department and county (pure): task
 * completion, the publication rate and its timeliness, results by category, and the share of joint checks. Ratios are
 * {@link Coverage#ratio}'s: 4 places rounded down, null (written as null) when the denominator is 0.
 *
 * <ul>
 * <li>Live tasks: the year's tasks except those of voided draws. A task is <em>completed</em> once it has a result
 * (status entered, returned, reviewed, published or exempt). Completion is counted apart for random and problem-driven
 * tasks: completed ÷ tasks.</li>
 * <li>Publication, over the completed tasks of both kinds: {@code toPublish} = completed − exempt (an exempt result is
 * never public, counted and shown apart); the rate is published ÷ toPublish. A published result is on time when the
 * Asia/Shanghai date of its {@code publishedAt} is on or before its {@code publicationDue} (a result with no deadline
 * or no publication time cannot be shown late and counts as on time); the on-time rate is onTime ÷ published.
 * {@code overdueUnpublished}: results not yet published nor exempt whose {@code publicationDue} is before today.</li>
 * <li>Categories: per result category code, the number of item results of completed tasks (with its label where the
 * configured list has one: the configured categories first in their order, then unknown codes in code order); only
 * categories with results are listed.</li>
 * <li>Joint share: random tasks of joint plans (more than one department or agency) ÷ random tasks.</li>
 * </ul>
 *
 * <p>Lines: a task counts for each reported item it covers (an item of {@code itemDepartments}), for the departments
 * of those items, and for its target's county; an item result counts for its own item and that item's department
 * only. So the county lines (every task's target filed under a county) add up to the overall figures, and the
 * category counts of the item lines and of the department lines add up to the overall ones (every result's item
 * reported), while a task covering several items counts on several item lines.
 */
public final class Indicators {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The statuses of a task that has a result. */
    public static final Set<String> COMPLETED = Set.of("entered", "returned", "reviewed", "published", "exempt");
    private static final Set<String> AWAITING_PUBLICATION = Set.of("entered", "returned", "reviewed");
    private static final String RANDOM = "random";

    /** One item's result: the item and the code of its result category. */
    public record ItemResult(String itemId, String category) { }

    /**
     * A task as the indicators read it: its kind (random or problem), its draw (null for a problem-driven task), its
     * target's county, items and departments, status, publication deadline, when it was published (an instant) and
     * its item results.
     */
    public record TaskFacts(String taskId, String kind, String drawId, String county, List<String> items,
                            List<String> departments, String status, String publicationDue, String publishedAt,
                            List<ItemResult> results) {
        public TaskFacts {
            items = items == null ? List.of() : List.copyOf(items);
            departments = departments == null ? List.of() : List.copyOf(departments);
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** Tasks of one kind and how many have a result. */
    public record Count(long tasks, long completed, @JsonInclude(JsonInclude.Include.ALWAYS) String rate) { }

    public record Completion(Count random, Count problem) { }

    public record Publication(long completed, long exempt, long toPublish, long published,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String rate, long onTime, long late,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String onTimeRate, long overdueUnpublished) { }

    public record CategoryCount(String code, @JsonInclude(JsonInclude.Include.ALWAYS) String label, long results) { }

    public record Joint(long randomTasks, long jointTasks, @JsonInclude(JsonInclude.Include.ALWAYS) String share) { }

    /** One line of indicators. */
    public record Figures(Completion completion, Publication publication, List<CategoryCount> categories,
                          Joint joint) { }

    /** The figures overall and by item, department and county, each map in key order. */
    public record Result(Figures overall, Map<String, Figures> byItem, Map<String, Figures> byDepartment,
                         Map<String, Figures> byCounty) { }

    private Indicators() { }

    /**
     * Counts {@code tasks}, leaving out those of {@code voidedDraws}. {@code itemDepartments} maps each item to report
     * to its department; {@code counties} are reported even with no task; {@code categoryLabels} maps category codes
     * to labels in the configured order; {@code today} is the Asia/Shanghai date that decides what is overdue.
     */
    public static Result count(Collection<TaskFacts> tasks, Set<String> voidedDraws,
                               Map<String, String> itemDepartments, Collection<String> counties,
                               Map<String, String> categoryLabels, LocalDate today) {
        Tally overall = new Tally();
        Map<String, Tally> items = new TreeMap<>();
        Map<String, Tally> departments = new TreeMap<>();
        Map<String, Tally> byCounty = new TreeMap<>();
        itemDepartments.forEach((item, department) -> {
            items.put(item, new Tally());
            departments.put(department, new Tally());
        });
        counties.forEach(c -> byCounty.put(c, new Tally()));
        String todayText = today.toString();
        for (TaskFacts t : tasks) {
            if (t.drawId() != null && voidedDraws.contains(t.drawId())) {
                continue;
            }
            List<Tally> lines = new ArrayList<>();
            lines.add(overall);
            Set<String> taskDepartments = new LinkedHashSet<>();
            for (String item : new LinkedHashSet<>(t.items())) {
                String department = itemDepartments.get(item);
                if (department != null) {
                    lines.add(items.get(item));
                    taskDepartments.add(department);
                }
            }
            taskDepartments.forEach(d -> lines.add(departments.get(d)));
            Tally county = t.county() == null ? null : byCounty.computeIfAbsent(t.county(), c -> new Tally());
            if (county != null) {
                lines.add(county);
            }
            boolean completed = COMPLETED.contains(t.status());
            boolean random = RANDOM.equals(t.kind());
            boolean published = "published".equals(t.status());
            boolean onTime = published && (t.publicationDue() == null || t.publishedAt() == null
                    || !localDate(t.publishedAt()).isAfter(LocalDate.parse(t.publicationDue())));
            boolean overdue = AWAITING_PUBLICATION.contains(t.status()) && t.publicationDue() != null
                    && t.publicationDue().compareTo(todayText) < 0;
            boolean joint = random && new LinkedHashSet<>(t.departments()).size() > 1;
            for (Tally line : lines) {
                if (random) {
                    line.randomTasks++;
                    line.randomCompleted += completed ? 1 : 0;
                    line.jointTasks += joint ? 1 : 0;
                } else {
                    line.problemTasks++;
                    line.problemCompleted += completed ? 1 : 0;
                }
                line.completed += completed ? 1 : 0;
                line.exempt += "exempt".equals(t.status()) ? 1 : 0;
                line.published += published ? 1 : 0;
                line.onTime += onTime ? 1 : 0;
                line.overdue += overdue ? 1 : 0;
            }
            if (!completed) {
                continue;
            }
            for (ItemResult r : t.results()) {
                overall.add(r.category());
                if (county != null) {
                    county.add(r.category());
                }
                String department = itemDepartments.get(r.itemId());
                if (department != null) {
                    items.get(r.itemId()).add(r.category());
                    departments.get(department).add(r.category());
                }
            }
        }
        return new Result(overall.figures(categoryLabels), figures(items, categoryLabels),
                figures(departments, categoryLabels), figures(byCounty, categoryLabels));
    }

    /** The Asia/Shanghai date of an instant such as {@code 2026-05-06T16:30:00Z}. */
    static LocalDate localDate(String instant) {
        return Instant.parse(instant).atZone(ZONE).toLocalDate();
    }

    private static Map<String, Figures> figures(Map<String, Tally> tallies, Map<String, String> labels) {
        Map<String, Figures> out = new TreeMap<>();
        tallies.forEach((k, t) -> out.put(k, t.figures(labels)));
        return out;
    }

    /** The counts of one line. */
    private static final class Tally {
        long randomTasks;
        long randomCompleted;
        long problemTasks;
        long problemCompleted;
        long completed;
        long exempt;
        long published;
        long onTime;
        long overdue;
        long jointTasks;
        final Map<String, Long> categories = new TreeMap<>();

        void add(String category) {
            categories.merge(category == null ? "" : category, 1L, Long::sum);
        }

        Figures figures(Map<String, String> labels) {
            long toPublish = completed - exempt;
            List<CategoryCount> counted = new ArrayList<>();
            labels.forEach((code, label) -> {
                Long n = categories.get(code);
                if (n != null) {
                    counted.add(new CategoryCount(code, label, n));
                }
            });
            categories.forEach((code, n) -> {
                if (!labels.containsKey(code)) {
                    counted.add(new CategoryCount(code, null, n));
                }
            });
            return new Figures(
                    new Completion(new Count(randomTasks, randomCompleted, Coverage.ratio(randomCompleted, randomTasks)),
                            new Count(problemTasks, problemCompleted, Coverage.ratio(problemCompleted, problemTasks))),
                    new Publication(completed, exempt, toPublish, published, Coverage.ratio(published, toPublish),
                            onTime, published - onTime, Coverage.ratio(onTime, published), overdue),
                    List.copyOf(counted),
                    new Joint(randomTasks, jointTasks, Coverage.ratio(jointTasks, randomTasks)));
        }
    }
}
