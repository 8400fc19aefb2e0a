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
 * <p>Drawn: the distinct targets of the year's random tasks of live draws, whatever their status now (a target drawn
 * and deregistered since still was drawn). A drawn target counts for an item when it falls under the item and one of
 * its tasks of the year covers the item; for a department when it counts for one of the department's items; for a
 * county when it is filed under the county. In scope: the active targets and the drawn ones, so a target drawn and
 * deregistered since counts, wherever it counts as drawn, in scope as well: at every line drawn ≤ in scope and the
 * ratio is at most 1, and a floor is never met through targets that are no longer in the roster's scope.
 *
 * <p>A ratio is drawn ÷ in scope as a decimal string with {@value #SCALE} places, rounded down ({@code 2 ÷ 3} is
 * {@code "0.6666"}), so that it reads at least {@code "0.0300"} exactly when the floor is met; it is null when
 * nothing is in scope. {@code required} is ceil(3% × in scope), and the floor is met when drawn reaches it.
 */
public final class Coverage {
    /** Decimal places of a ratio. */
    public static final int SCALE = 4;

    /** A target as coverage counts it: its id, county, items, and whether it is active (in scope even undrawn). */
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
            // here the target is active or drawn: in scope overall and, where it is filed, for its county
            inScope++;
            drawn += isDrawn ? 1 : 0;
            if (t.county() != null) {
                add(byCounty.computeIfAbsent(t.county(), c -> new long[2]), true, isDrawn);
            }
            // {in scope, drawn} per department: in scope through any of its items the target is in scope for
            Map<String, boolean[]> inDepartment = new HashMap<>();
            for (String item : new HashSet<>(t.items())) {
                String department = itemDepartments.get(item);
                if (department == null) {
                    continue;
                }
                boolean drawnForItem = isDrawn && coveredItems.contains(item);
                boolean inScopeForItem = t.active() || drawnForItem;
                add(items.get(item), inScopeForItem, drawnForItem);
                boolean[] d = inDepartment.computeIfAbsent(department, k -> new boolean[2]);
                d[0] |= inScopeForItem;
                d[1] |= drawnForItem;
            }
            inDepartment.forEach((department, d) -> add(departments.get(department), d[0], d[1]));
        }
        return new Result(Figures.of(inScope, drawn), figures(items), figures(departments), figures(byCounty));
    }

    private static void add(long[] counts, boolean inScope, boolean drawn) {
        counts[0] += inScope ? 1 : 0;
        counts[1] += drawn ? 1 : 0;
    }

    private static Map<String, Figures> figures(Map<String, long[]> counts) {
        Map<String, Figures> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, Figures.of(c[0], c[1])));
        return out;
    }
}
