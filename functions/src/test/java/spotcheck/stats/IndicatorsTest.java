package spotcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import spotcheck.stats.Indicators.CategoryCount;
import spotcheck.stats.Indicators.Completion;
import spotcheck.stats.Indicators.Count;
import spotcheck.stats.Indicators.Figures;
import spotcheck.stats.Indicators.ItemResult;
import spotcheck.stats.Indicators.Joint;
import spotcheck.stats.Indicators.Publication;
import spotcheck.stats.Indicators.Result;
import spotcheck.stats.Indicators.TaskFacts;

/** The indicators' arithmetic, figure by figure, and its invariants over random years. */
class IndicatorsTest {
    static final LocalDate TODAY = LocalDate.parse("2026-06-10");
    static final Map<String, String> ITEMS = Map.of("I1", "forest", "I2", "forest", "IP", "police");
    static final Map<String, String> LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("NO_PROBLEM", "未发现问题");
        l.put("CORRECTED", "发现问题已责令改正");
        l.put("PENDING_FOLLOW_UP", "发现问题待后续处理");
        return l;
    }

    static TaskFacts task(String id, String kind, String drawId, String county, List<String> items,
                          List<String> departments, String status, String due, String publishedAt,
                          ItemResult... results) {
        return new TaskFacts(id, kind, drawId, county, items, departments, status, due, publishedAt,
                List.of(results));
    }

    static TaskFacts random(String id, String county, String status, String due, String publishedAt,
                            ItemResult... results) {
        return task(id, "random", "DRW-1", county, List.of("I1"), List.of("forest"), status, due, publishedAt,
                results);
    }

    static ItemResult r(String item, String category) {
        return new ItemResult(item, category);
    }

    static Result count(List<TaskFacts> tasks) {
        return Indicators.count(tasks, Set.of("DRW-VOID"), ITEMS, List.of("dongyuan", "heping"), LABELS, TODAY);
    }

    @Test
    void eachFigureOfAYear() {
        List<TaskFacts> tasks = List.of(
                // random, forest: 3 assigned or unassigned, 7 with results
                random("T1", "dongyuan", "assigned", null, null),
                random("T2", "dongyuan", "unassigned", null, null),
                random("T3", "heping", "assigned", null, null),
                random("T4", "dongyuan", "entered", "2026-06-09", null, r("I1", "PENDING_FOLLOW_UP")),
                random("T5", "dongyuan", "returned", "2026-06-10", null, r("I1", "NO_PROBLEM")),
                random("T6", "heping", "reviewed", "2026-06-30", null, r("I1", "NO_PROBLEM")),
                // T7 published at 23:59:59 of its due day in Shanghai; T8 at 00:00 of the day after its due day (16:00Z)
                random("T7", "dongyuan", "published", "2026-05-15", "2026-05-15T15:59:59Z", r("I1", "NO_PROBLEM")),
                random("T8", "heping", "published", "2026-05-14", "2026-05-14T16:00:00Z", r("I1", "CORRECTED")),
                random("T9", "heping", "exempt", "2026-05-01", null, r("I1", "PENDING_FOLLOW_UP")),
                // a joint task over a forest and a police item, published early
                task("TJ", "random", "DRW-2", "heping", List.of("I2", "IP"), List.of("forest", "police"),
                        "published", "2026-06-01", "2026-05-20T02:00:00Z", r("I2", "NO_PROBLEM"),
                        r("IP", "CORRECTED")),
                // problem-driven: one with a result under a code the list does not name, one without
                task("P1", "problem", null, "dongyuan", List.of("I1"), List.of("forest"), "entered", "2026-07-01",
                        null, r("I1", "CLOSED")),
                task("P2", "problem", null, "heping", List.of("I1"), List.of("forest"), "assigned", null, null),
                // a voided draw's task counts for nothing
                task("V1", "random", "DRW-VOID", "dongyuan", List.of("I1"), List.of("forest"), "published",
                        "2026-05-01", "2026-05-30T00:00:00Z", r("I1", "NO_PROBLEM")));
        Result result = count(tasks);

        Figures all = result.overall();
        // random: 10 tasks, 7 with a result; problem: 2, 1
        assertThat(all.completion()).isEqualTo(new Completion(new Count(10, 7, "0.7000"), new Count(2, 1, "0.5000")));
        // completed 8 (T4–T9, TJ, P1), 1 exempt → 7 to publish, 3 published (T7, T8, TJ): 3 ÷ 7 = 0.42857… → 0.4285;
        // on time T7 (its due day, 23:59:59 in Shanghai) and TJ, T8 late (00:00 the next day in Shanghai);
        // overdue: T4 (due yesterday); T5 is due today, T6 and P1 later, the exempt T9 never
        assertThat(all.publication()).isEqualTo(new Publication(8, 1, 7, 3, "0.4285", 2, 1, "0.6666", 1));
        assertThat(all.categories()).containsExactly(
                new CategoryCount("NO_PROBLEM", "未发现问题", 4),
                new CategoryCount("CORRECTED", "发现问题已责令改正", 2),
                new CategoryCount("PENDING_FOLLOW_UP", "发现问题待后续处理", 2),
                new CategoryCount("CLOSED", null, 1));
        // 1 joint of 10 random tasks
        assertThat(all.joint()).isEqualTo(new Joint(10, 1, "0.1000"));

        assertThat(result.byItem().keySet()).containsExactly("I1", "I2", "IP");
        Figures i1 = result.byItem().get("I1");
        assertThat(i1.completion()).isEqualTo(new Completion(new Count(9, 6, "0.6666"), new Count(2, 1, "0.5000")));
        assertThat(i1.publication()).isEqualTo(new Publication(7, 1, 6, 2, "0.3333", 1, 1, "0.5000", 1));
        assertThat(i1.joint()).isEqualTo(new Joint(9, 0, "0.0000"));
        Figures ip = result.byItem().get("IP");
        assertThat(ip.completion()).isEqualTo(new Completion(new Count(1, 1, "1.0000"), new Count(0, 0, null)));
        assertThat(ip.publication()).isEqualTo(new Publication(1, 0, 1, 1, "1.0000", 1, 0, "1.0000", 0));
        // the joint task's results count each for its own item
        assertThat(ip.categories()).containsExactly(new CategoryCount("CORRECTED", "发现问题已责令改正", 1));
        assertThat(result.byItem().get("I2").categories()).containsExactly(
                new CategoryCount("NO_PROBLEM", "未发现问题", 1));
        assertThat(ip.joint()).isEqualTo(new Joint(1, 1, "1.0000"));

        assertThat(result.byDepartment().keySet()).containsExactly("forest", "police");
        assertThat(result.byDepartment().get("forest").completion())
                .isEqualTo(new Completion(new Count(10, 7, "0.7000"), new Count(2, 1, "0.5000")));
        assertThat(result.byDepartment().get("forest").categories()).containsExactly(
                new CategoryCount("NO_PROBLEM", "未发现问题", 4),
                new CategoryCount("CORRECTED", "发现问题已责令改正", 1),
                new CategoryCount("PENDING_FOLLOW_UP", "发现问题待后续处理", 2),
                new CategoryCount("CLOSED", null, 1));
        assertThat(result.byDepartment().get("police").joint()).isEqualTo(new Joint(1, 1, "1.0000"));

        Figures dongyuan = result.byCounty().get("dongyuan");
        // T1 T2 T4 T5 T7 random, P1 problem
        assertThat(dongyuan.completion())
                .isEqualTo(new Completion(new Count(5, 3, "0.6000"), new Count(1, 1, "1.0000")));
        assertThat(dongyuan.publication()).isEqualTo(new Publication(4, 0, 4, 1, "0.2500", 1, 0, "1.0000", 1));
        Figures heping = result.byCounty().get("heping");
        assertThat(heping.completion())
                .isEqualTo(new Completion(new Count(5, 4, "0.8000"), new Count(1, 0, "0.0000")));
        assertThat(heping.publication()).isEqualTo(new Publication(4, 1, 3, 2, "0.6666", 1, 1, "0.5000", 0));
        assertThat(heping.joint()).isEqualTo(new Joint(5, 1, "0.2000"));
    }

    @Test
    void ratiosAreRoundedDown() {
        // 2 of 3 completed: 0.6666…, not 0.6667; 1 of 3 published: 0.3333
        List<TaskFacts> tasks = List.of(
                random("A", "dongyuan", "published", "2026-06-01", "2026-05-01T00:00:00Z", r("I1", "NO_PROBLEM")),
                random("B", "dongyuan", "reviewed", "2026-06-20", null, r("I1", "NO_PROBLEM")),
                random("C", "dongyuan", "assigned", null, null));
        Figures f = count(tasks).overall();
        assertThat(f.completion().random()).isEqualTo(new Count(3, 2, "0.6666"));
        assertThat(f.publication().rate()).isEqualTo("0.5000");
        List<TaskFacts> thirds = new ArrayList<>(tasks);
        thirds.add(random("D", "dongyuan", "entered", "2026-06-20", null, r("I1", "NO_PROBLEM")));
        assertThat(count(thirds).overall().publication().rate()).isEqualTo("0.3333");
        // 1 of 7: 0.142857… → 0.1428
        List<TaskFacts> sevenths = new ArrayList<>();
        sevenths.add(task("J", "random", "DRW-2", "heping", List.of("I1"), List.of("forest", "police"), "assigned",
                null, null));
        for (int i = 0; i < 6; i++) {
            sevenths.add(random("S" + i, "heping", "assigned", null, null));
        }
        assertThat(count(sevenths).overall().joint()).isEqualTo(new Joint(7, 1, "0.1428"));
    }

    @Test
    void zeroDenominatorsAreNull() {
        Result none = count(List.of());
        assertThat(none.overall()).isEqualTo(new Figures(
                new Completion(new Count(0, 0, null), new Count(0, 0, null)),
                new Publication(0, 0, 0, 0, null, 0, 0, null, 0), List.of(), new Joint(0, 0, null)));
        // every line is reported, empty
        assertThat(none.byCounty().keySet()).containsExactly("dongyuan", "heping");
        assertThat(none.byItem().get("I1")).isEqualTo(none.overall());
        // only exempt results: nothing to publish, no rate; only problem-driven tasks: no random rate, no joint share
        Result exempt = count(List.of(task("P", "problem", null, "heping", List.of("I1"), List.of("forest"),
                "exempt", "2026-05-01", null, r("I1", "PENDING_FOLLOW_UP"))));
        assertThat(exempt.overall().publication()).isEqualTo(new Publication(1, 1, 0, 0, null, 0, 0, null, 0));
        assertThat(exempt.overall().completion()).isEqualTo(
                new Completion(new Count(0, 0, null), new Count(1, 1, "1.0000")));
        assertThat(exempt.overall().joint()).isEqualTo(new Joint(0, 0, null));
    }

    @Test
    void voidedDrawsTasksCountForNothing() {
        TaskFacts voided = task("V", "random", "DRW-VOID", "dongyuan", List.of("I1"), List.of("forest", "police"),
                "published", "2026-05-01", "2026-06-01T00:00:00Z", r("I1", "NO_PROBLEM"));
        assertThat(count(List.of(voided))).isEqualTo(count(List.of()));
    }

    @Test
    void exemptResultsAreCompletedCountedApartAndNeverOverdue() {
        Result r = count(List.of(
                random("E", "dongyuan", "exempt", "2026-01-05", null, r("I1", "PENDING_FOLLOW_UP")),
                random("P", "dongyuan", "published", "2026-06-01", "2026-05-30T00:00:00Z", r("I1", "NO_PROBLEM"))));
        assertThat(r.overall().completion().random()).isEqualTo(new Count(2, 2, "1.0000"));
        // 1 published of the 1 that is to be published, and the exempt one shown
        assertThat(r.overall().publication()).isEqualTo(new Publication(2, 1, 1, 1, "1.0000", 1, 0, "1.0000", 0));
        // its result's category is counted all the same
        assertThat(r.overall().categories()).extracting(CategoryCount::code).containsExactly("NO_PROBLEM",
                "PENDING_FOLLOW_UP");
    }

    @Test
    void onTimeIsDecidedByTheShanghaiDateOnTheBoundaryDay() {
        String due = "2026-05-15";
        // 2026-05-15 00:00 in Shanghai is 2026-05-14T16:00Z: a UTC date of the 14th that is the 15th in Shanghai
        assertThat(onTime(due, "2026-05-14T16:00:00Z")).isTrue();
        assertThat(onTime(due, "2026-05-15T15:59:59.999Z")).isTrue();
        // 2026-05-16 00:00 in Shanghai: one day late, though its UTC date is still the 15th
        assertThat(onTime(due, "2026-05-15T16:00:00Z")).isFalse();
        assertThat(onTime(due, "2026-05-01T00:00:00Z")).isTrue();
        // overdue unpublished: due before today only
        assertThat(overdue("2026-06-09")).isEqualTo(1);
        assertThat(overdue("2026-06-10")).isZero();
        assertThat(overdue("2026-06-11")).isZero();
    }

    private static boolean onTime(String due, String publishedAt) {
        Publication p = count(List.of(random("T", "dongyuan", "published", due, publishedAt,
                r("I1", "NO_PROBLEM")))).overall().publication();
        assertThat(p.onTime() + p.late()).isEqualTo(1);
        return p.onTime() == 1;
    }

    private static long overdue(String due) {
        long reviewed = count(List.of(random("T", "dongyuan", "reviewed", due, null, r("I1", "NO_PROBLEM"))))
                .overall().publication().overdueUnpublished();
        long entered = count(List.of(random("T", "dongyuan", "entered", due, null, r("I1", "NO_PROBLEM"))))
                .overall().publication().overdueUnpublished();
        assertThat(entered).isEqualTo(reviewed);
        return reviewed;
    }

    /**
     * Over random years: no rate exceeds 1 (or falls below 0) on any line; the county lines add up to the overall
     * figures (every task's target filed under a county); the category counts of the item lines and of the department
     * lines add up to the overall ones.
     */
    @Test
    void noRateExceedsOneAndTheBreakdownsAddUp() {
        List<String> statuses = List.of("assigned", "unassigned", "entered", "returned", "reviewed", "published",
                "exempt");
        List<String> codes = List.of("NO_PROBLEM", "CORRECTED", "PENDING_FOLLOW_UP", "CLOSED");
        List<String> counties = List.of("c1", "c2", "c3");
        List<String> items = List.of("I1", "I2", "IP");
        for (long seed = 0; seed < 500; seed++) {
            Random rnd = new Random(seed);
            List<TaskFacts> tasks = new ArrayList<>();
            int n = rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                Set<String> covered = new HashSet<>();
                int k = 1 + rnd.nextInt(3);
                for (int j = 0; j < k; j++) {
                    covered.add(items.get(rnd.nextInt(items.size())));
                }
                List<String> departments = rnd.nextBoolean() ? List.of("forest") : List.of("forest", "police");
                String status = statuses.get(rnd.nextInt(statuses.size()));
                LocalDate due = TODAY.plusDays(rnd.nextInt(21) - 10);
                String publishedAt = "published".equals(status)
                        ? due.atStartOfDay(Indicators.ZONE).plusHours(rnd.nextInt(49) - 24).toInstant().toString()
                        : null;
                List<ItemResult> results = new ArrayList<>();
                if (Indicators.COMPLETED.contains(status)) {
                    covered.forEach(item -> results.add(r(item, codes.get(rnd.nextInt(codes.size())))));
                }
                String drawId = rnd.nextInt(10) == 0 ? "DRW-VOID" : "DRW-" + rnd.nextInt(3);
                boolean problem = rnd.nextInt(4) == 0;
                tasks.add(new TaskFacts("T" + i, problem ? "problem" : "random", problem ? null : drawId,
                        counties.get(rnd.nextInt(counties.size())), List.copyOf(covered), departments, status,
                        Indicators.COMPLETED.contains(status) ? due.toString() : null, publishedAt, results));
            }
            Result r = Indicators.count(tasks, Set.of("DRW-VOID"), ITEMS, counties, LABELS, TODAY);
            List<Figures> lines = new ArrayList<>();
            lines.add(r.overall());
            lines.addAll(r.byItem().values());
            lines.addAll(r.byDepartment().values());
            lines.addAll(r.byCounty().values());
            for (Figures f : lines) {
                for (String rate : rates(f)) {
                    if (rate != null) {
                        assertThat(new BigDecimal(rate)).as("seed " + seed).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                    }
                }
            }
            List<Figures> byCounty = List.copyOf(r.byCounty().values());
            for (ToLongFunction<Figures> figure : List.<ToLongFunction<Figures>>of(
                    f -> f.completion().random().tasks(), f -> f.completion().random().completed(),
                    f -> f.completion().problem().tasks(), f -> f.completion().problem().completed(),
                    f -> f.publication().completed(), f -> f.publication().exempt(),
                    f -> f.publication().toPublish(), f -> f.publication().published(),
                    f -> f.publication().onTime(), f -> f.publication().late(),
                    f -> f.publication().overdueUnpublished(), f -> f.joint().randomTasks(),
                    f -> f.joint().jointTasks())) {
                assertThat(byCounty.stream().mapToLong(figure).sum()).as("seed " + seed)
                        .isEqualTo(figure.applyAsLong(r.overall()));
            }
            Map<String, Long> overall = categories(List.of(r.overall()));
            assertThat(categories(byCounty)).as("seed " + seed).isEqualTo(overall);
            assertThat(categories(List.copyOf(r.byItem().values()))).as("seed " + seed).isEqualTo(overall);
            assertThat(categories(List.copyOf(r.byDepartment().values()))).as("seed " + seed).isEqualTo(overall);
        }
    }

    private static List<String> rates(Figures f) {
        List<Function<Figures, String>> rates = List.of(f1 -> f1.completion().random().rate(),
                f1 -> f1.completion().problem().rate(), f1 -> f1.publication().rate(),
                f1 -> f1.publication().onTimeRate(), f1 -> f1.joint().share());
        List<String> out = new ArrayList<>();
        rates.forEach(g -> out.add(g.apply(f)));
        return out;
    }

    private static Map<String, Long> categories(List<Figures> lines) {
        Map<String, Long> sum = new java.util.TreeMap<>();
        lines.forEach(f -> f.categories().forEach(c -> sum.merge(c.code(), c.results(), Long::sum)));
        return sum;
    }
}
