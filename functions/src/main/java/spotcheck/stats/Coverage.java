package spotcheck.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import spotcheck.plans.PlanRules;

/**
 * The arithmetic of a year's coverage against the annual floor (pure): how many targets are in scope and how many
 * were drawn, overall, per item, per department and per county.
 *
 * <p>In scope: the active targets. Drawn: the distinct targets of the year's random tasks of live draws, whatever
 * their status now (a target drawn and deregistered since still was drawn). A drawn target counts for an item when
 * it falls under the item and one of its tasks of the year covers the item; for a department when it counts for one
 * of the department's items; for a county when it is filed under the county.
 *
 * <p>A ratio is drawn ÷ in scope as a decimal string with {@value #SCALE} places, rounded down ({@code 2 ÷ 3} is
 * {@code "0.6666"}), so that it reads at least {@code "0.0300"} exactly when the floor is met; it is null when
 * nothing is in scope. {@code required} is ceil(3% × in scope), and the floor is met when drawn reaches it.
 */
public final class Coverage {
    /** Decimal places of a ratio. */
    public static final int SCALE = 4;

    /** A target as coverage counts it: its id, county, items, and whether it is active (in scope). */
    public record Target(String targetId, String county, List<String> items, boolean active) {
        public Target {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** One line of figures. */
    public record Figures(long inScope, long drawn, long required, String ratio, boolean meetsFloor) {
        static Figures of(long inScope, long drawn) {
            long required = PlanRules.annualFloor(inScope);
            return new Figures(inScope, drawn, required, Coverage.ratio(drawn, inScope), drawn >= required);
        }
    }

    /** The figures overall and by item, department and county, each map in key order. */
    public record Result(Figures overall, Map<String, Figures> byItem, Map<String, Figures> byDepartment,
                         Map<String, Figures> byCounty) { }

    private Coverage() { }

    /** drawn ÷ inScope to {@value #SCALE} places, rounded down; null when inScope is 0. */
    public static String ratio(long drawn, long inScope) {
        if (inScope == 0) {
            return null;
        }
        return BigDecimal.valueOf(drawn).divide(BigDecimal.valueOf(inScope), SCALE, RoundingMode.DOWN)
                .toPlainString();
    }

    /**
     * Counts {@code targets} (the active ones, and the drawn ones however they stand now; each once) against
     * {@code covered}: drawn target id → the items its tasks of the year cover. {@code itemDepartments} maps each
     * item to report to its department; items outside it are not reported, nor counted for a department.
     * {@code counties} are reported even when they have no target.
     */
    public static Result count(Collection<Target> targets, Map<String, Set<String>> covered,
                               Map<String, String> itemDepartments, Collection<String> counties) {
        long inScope = 0;
        long drawn = 0;
        Map<String, long[]> items = new TreeMap<>();
        Map<String, long[]> departments = new TreeMap<>();
        Map<String, long[]> byCounty = new TreeMap<>();
        itemDepartments.forEach((item, department) -> {
            items.put(item, new long[2]);
            departments.put(department, new long[2]);
        });
        counties.forEach(c -> byCounty.put(c, new long[2]));
        Set<String> seen = new HashSet<>();
        for (Target t : targets) {
            if (!seen.add(t.targetId())) {
                throw new IllegalArgumentException("target " + t.targetId() + " given twice");
            }
            Set<String> coveredItems = covered.get(t.targetId());
            boolean isDrawn = coveredItems != null;
            if (!t.active() && !isDrawn) {
                continue;
            }
            inScope += t.active() ? 1 : 0;
            drawn += isDrawn ? 1 : 0;
            if (t.county() != null) {
                add(byCounty.computeIfAbsent(t.county(), c -> new long[2]), t.active(), isDrawn);
            }
            Map<String, boolean[]> inDepartment = new HashMap<>();
            for (String item : new HashSet<>(t.items())) {
                String department = itemDepartments.get(item);
                if (department == null) {
                    continue;
                }
                boolean drawnForItem = isDrawn && coveredItems.contains(item);
                add(items.get(item), t.active(), drawnForItem);
                boolean[] d = inDepartment.computeIfAbsent(department, k -> new boolean[1]);
                d[0] |= drawnForItem;
            }
            inDepartment.forEach((department, d) -> add(departments.get(department), t.active(), d[0]));
        }
        return new Result(Figures.of(inScope, drawn), figures(items), figures(departments), figures(byCounty));
    }

    private static void add(long[] counts, boolean active, boolean drawn) {
        counts[0] += active ? 1 : 0;
        counts[1] += drawn ? 1 : 0;
    }

    private static Map<String, Figures> figures(Map<String, long[]> counts) {
        Map<String, Figures> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, Figures.of(c[0], c[1])));
        return out;
    }
}
