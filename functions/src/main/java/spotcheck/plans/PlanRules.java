package spotcheck.plans;

import static spotcheck.validation.Text.blankToNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import spotcheck.roster.ItemRules;
import spotcheck.roster.TargetRules;
import spotcheck.validation.Checks;

/**
 * What makes a plan valid (pure; what it refers to is looked up through {@link Lookups}). Every problem is
 * recorded under the field the client sent, so one 422 lists them all.
 */
public final class PlanRules {
    /** 不定向 (random over the roster of the plan's items) and 定向 (targeted: filtered by the scope). */
    public static final Set<String> TYPES = Set.of("random", "targeted");
    /** Part of the bureau's annual plan, or a department's own plan. */
    public static final Set<String> LEVELS = Set.of("annual", "department");
    /** The stratum of a plan that does not stratify by risk class. */
    public static final String ALL = "ALL";
    /** 行政处罚法 art. 42: at least two law-enforcement officers. */
    public static final int MIN_INSPECTORS = 2;
    public static final int MAX_INSPECTORS = 20;
    public static final long MAX_COUNT = 1_000_000;
    /** At least 3% of the supervised targets are to be drawn over a year. */
    public static final BigDecimal ANNUAL_FLOOR = new BigDecimal("0.03");
    private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,6}(\\.[0-9]{1,12})?$");

    private PlanRules() { }

    /** What the plan refers to, each by id (or by name, as staff write them), resolved to ids. */
    public interface Lookups {
        /** The id of an active county. */
        Optional<String> county(String ref);

        /** The id of an active organisation that may run a plan: the bureau, a department, an agency. */
        Optional<String> department(String ref);

        /** An active inspection item: its id and its department. */
        Optional<ItemRef> item(String ref);
    }

    /** An item as a plan refers to it. */
    public record ItemRef(String itemId, String department) { }

    /** What a client says about a plan; {@code quota} values as sent (a decimal string or a whole number). */
    public record PlanFields(Integer year, String name, String level, String type, String leadDepartment,
                             List<String> departments, Boolean joint, List<String> items, PlanScope scope,
                             Map<String, Object> quota, Integer inspectorsPerTarget, String startDate,
                             String endDate, Boolean excludeDrawnThisYear, List<String> redrawClasses) { }

    /**
     * Checks every field, recording each problem; answers the plan as it will be stored (a draft without id,
     * version or times) when there is none.
     */
    public static Optional<Plan> check(Checks checks, PlanFields in, Lookups refs) {
        String name = blankToNull(in.name()) == null ? null : in.name().trim().replaceAll("\\s+", " ");
        checks.text("name", name, 200)
                .optionalOneOf("level", blankToNull(in.level()), LEVELS)
                .oneOf("type", blankToNull(in.type()), TYPES);
        Integer year = in.year();
        if (year == null) {
            checks.problem("year", "year is required");
        } else if (year < 2000 || year > 2100) {
            checks.problem("year", "year " + year + " is not a year from 2000 to 2100");
        }
        List<String> departments = departments(checks, in, refs);
        boolean joint = joint(checks, in.joint(), departments);
        List<String> items = items(checks, in.items(), departments, refs);
        String type = blankToNull(in.type());
        PlanScope scope = scope(checks, type, in.scope() == null ? PlanScope.EVERYTHING : in.scope(), refs);
        Map<String, QuotaRule> quota = quota(checks, in.quota(), scope);
        inspectors(checks, in.inspectorsPerTarget(), joint ? departments.size() : 0);
        period(checks, in.startDate(), in.endDate(), year);
        boolean exclude = in.excludeDrawnThisYear() == null || in.excludeDrawnThisYear();
        List<String> redraw = classes(checks, "redrawClasses", in.redrawClasses());
        if (!redraw.isEmpty() && !exclude) {
            checks.problem("redrawClasses", "redrawClasses name the risk classes that may be drawn again although"
                    + " drawn this year, which only matters when excludeDrawnThisYear is true");
        }
        if (!checks.ok()) {
            return Optional.empty();
        }
        String level = blankToNull(in.level()) == null ? "annual" : in.level().trim();
        return Optional.of(new Plan(null, year, name, level, type, departments.get(0), departments, joint, items,
                scope, quota, in.inspectorsPerTarget(), in.startDate(), in.endDate(), exclude, redraw,
                PlanStates.DRAFT, null, 0, null, null));
    }

    /** The lead first, then each cooperating department once. */
    private static List<String> departments(Checks checks, PlanFields in, Lookups refs) {
        Set<String> found = new LinkedHashSet<>();
        String lead = blankToNull(in.leadDepartment());
        Optional<String> leadId = lead == null ? Optional.empty() : refs.department(lead);
        if (lead == null) {
            checks.problem("leadDepartment", "leadDepartment is required");
        } else if (leadId.isEmpty()) {
            checks.problem("leadDepartment", "'" + lead + "' is not an active department, bureau or agency");
        } else {
            found.add(leadId.get());
        }
        List<String> given = in.departments() == null ? List.of() : in.departments();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String d = blankToNull(given.get(i));
            String field = "departments[" + i + "]";
            Optional<String> id = d == null ? Optional.empty() : refs.department(d);
            if (d == null) {
                checks.problem(field, "a department id is expected");
            } else if (id.isEmpty()) {
                checks.problem(field, "'" + d + "' is not an active department, bureau or agency");
            } else if (!seen.add(id.get())) {
                checks.problem(field, "'" + d + "' is listed twice");
            } else {
                found.add(id.get());
            }
        }
        return List.copyOf(found);
    }

    /** Several departments make a joint plan (部门联合抽查), and a joint plan needs several. */
    private static boolean joint(Checks checks, Boolean given, List<String> departments) {
        boolean several = departments.size() >= 2;
        if (Boolean.TRUE.equals(given) && !several && !departments.isEmpty()) {
            checks.problem("departments", "A joint plan (部门联合抽查) needs a second department or agency besides"
                    + " the lead '" + departments.get(0) + "'");
        } else if (Boolean.FALSE.equals(given) && several) {
            checks.problem("joint", "A plan of several departments is a joint plan (部门联合抽查): joint must be"
                    + " true, or leave the cooperating departments out");
        }
        return given == null ? several : given;
    }

    /** Each an active item of one of the plan's departments, at least one. */
    private static List<String> items(Checks checks, List<String> given, List<String> departments, Lookups refs) {
        if (given == null || given.isEmpty()) {
            checks.problem("items", "A plan needs at least one inspection item");
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String ref = blankToNull(given.get(i));
            String field = "items[" + i + "]";
            Optional<ItemRef> item = ref == null ? Optional.empty() : refs.item(ref);
            if (ref == null) {
                checks.problem(field, "an item id is expected");
            } else if (item.isEmpty()) {
                checks.problem(field, "'" + ref + "' is not an active inspection item");
            } else if (found.contains(item.get().itemId())) {
                checks.problem(field, "'" + ref + "' is listed twice");
            } else if (!departments.isEmpty() && !departments.contains(item.get().department())) {
                checks.problem(field, "'" + ref + "' is an item of '" + item.get().department() + "', which is"
                        + " not a department of the plan: add it to departments, or leave the item out");
            } else {
                found.add(item.get().itemId());
            }
        }
        return List.copyOf(found);
    }

    private static PlanScope scope(Checks checks, String type, PlanScope given, Lookups refs) {
        List<String> counties = new ArrayList<>();
        for (int i = 0; i < given.counties().size(); i++) {
            String c = blankToNull(given.counties().get(i));
            String field = "scope.counties[" + i + "]";
            Optional<String> id = c == null ? Optional.empty() : refs.county(c);
            if (id.isEmpty()) {
                checks.problem(field, "'" + given.counties().get(i) + "' is not an active county");
            } else if (counties.contains(id.get())) {
                checks.problem(field, "'" + c + "' is listed twice");
            } else {
                counties.add(id.get());
            }
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < given.targetTypes().size(); i++) {
            String t = given.targetTypes().get(i);
            String field = "scope.targetTypes[" + i + "]";
            if (t == null || !ItemRules.TARGET_TYPES.contains(t)) {
                checks.problem(field, "'" + t + "' is not a target type; use one of "
                        + String.join(", ", new TreeSet<>(ItemRules.TARGET_TYPES)));
            } else if (types.contains(t)) {
                checks.problem(field, "'" + t + "' is listed twice");
            } else {
                types.add(t);
            }
        }
        List<String> classes = classes(checks, "scope.riskClasses", given.riskClasses());
        boolean anyGiven = !given.counties().isEmpty() || !given.targetTypes().isEmpty()
                || !given.riskClasses().isEmpty();
        if ("random".equals(type) && anyGiven) {
            checks.problem("scope", "A random (不定向) plan draws from the whole roster of its items: leave scope"
                    + " empty, or make the plan targeted (定向)");
        } else if ("targeted".equals(type) && !anyGiven) {
            checks.problem("scope", "A targeted (定向) plan filters by at least one of scope.counties,"
                    + " scope.targetTypes and scope.riskClasses");
        }
        return new PlanScope(counties, types, classes);
    }

    /** Distinct risk classes, sorted. */
    private static List<String> classes(Checks checks, String field, List<String> given) {
        Set<String> found = new TreeSet<>();
        List<String> list = given == null ? List.of() : given;
        for (int i = 0; i < list.size(); i++) {
            String c = list.get(i);
            if (c == null || !TargetRules.RISK_CLASSES.contains(c)) {
                checks.problem(field + "[" + i + "]", "'" + c + "' is not a risk class; use A, B, C or D");
            } else if (!found.add(c)) {
                checks.problem(field + "[" + i + "]", "'" + c + "' is listed twice");
            }
        }
        return List.copyOf(found);
    }

    /**
     * A rule for ALL, or one for each risk class the plan draws from (its scope's, or all four): a ratio as
     * a decimal string in (0, 1], or a count as a whole number.
     */
    static Map<String, QuotaRule> quota(Checks checks, Map<String, Object> given, PlanScope scope) {
        Map<String, QuotaRule> rules = new LinkedHashMap<>();
        if (given == null || given.isEmpty()) {
            checks.problem("quota", "quota is required: a ratio or a count for ALL, or for each risk class A, B, C, D");
            return rules;
        }
        Set<String> drawnClasses = scope.riskClasses().isEmpty() ? TargetRules.RISK_CLASSES
                : Set.copyOf(scope.riskClasses());
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String stratum = e.getKey();
            String field = "quota." + stratum;
            if (!ALL.equals(stratum) && !TargetRules.RISK_CLASSES.contains(stratum)) {
                checks.problem(field, "'" + stratum + "' is not a stratum; use ALL, or the risk classes A, B, C, D");
            } else if (!ALL.equals(stratum) && !drawnClasses.contains(stratum)) {
                checks.problem(field, "risk class " + stratum + " is outside the plan's scope.riskClasses");
            } else {
                rule(checks, field, e.getValue()).ifPresent(r -> rules.put(stratum, r));
            }
        }
        if (given.containsKey(ALL) && given.size() > 1) {
            checks.problem("quota", "ALL is the one stratum of a plan that does not stratify: it cannot be combined"
                    + " with risk classes");
        } else if (!given.containsKey(ALL)) {
            for (String c : new TreeSet<>(drawnClasses)) {
                if (!given.containsKey(c)) {
                    checks.problem("quota", "quota has no rule for risk class " + c + ", which the plan draws from:"
                            + " give it a ratio or a count, or use ALL, or leave it out of scope.riskClasses");
                }
            }
        }
        return rules;
    }

    private static Optional<QuotaRule> rule(Checks checks, String field, Object value) {
        if (value instanceof String s) {
            String text = s.trim();
            if (!DECIMAL.matcher(text).matches()) {
                checks.problem(field, "'" + s + "' is not a decimal ratio such as \"0.05\"");
                return Optional.empty();
            }
            BigDecimal r = new BigDecimal(text);
            if (r.signum() <= 0 || r.compareTo(BigDecimal.ONE) > 0) {
                checks.problem(field, "the ratio " + text + " is outside (0, 1]");
                return Optional.empty();
            }
            return Optional.of(new QuotaRule(r, null));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger k = new BigInteger(value.toString());
            if (k.signum() <= 0 || k.compareTo(BigInteger.valueOf(MAX_COUNT)) > 0) {
                checks.problem(field, "the count " + k + " is not a whole number from 1 to " + MAX_COUNT);
                return Optional.empty();
            }
            return Optional.of(QuotaRule.count(k.longValue()));
        }
        checks.problem(field, "a ratio is a decimal string such as \"0.05\" (written as a string, so no digit is"
                + " lost), a count a whole number such as 5");
        return Optional.empty();
    }

    private static void inspectors(Checks checks, Integer given, int jointDepartments) {
        if (given == null) {
            checks.problem("inspectorsPerTarget", "inspectorsPerTarget is required (at least " + MIN_INSPECTORS + ")");
        } else if (given < MIN_INSPECTORS) {
            checks.problem("inspectorsPerTarget", "Each drawn target needs at least " + MIN_INSPECTORS
                    + " inspectors (行政处罚法 art. 42), not " + given);
        } else if (given > MAX_INSPECTORS) {
            checks.problem("inspectorsPerTarget", "inspectorsPerTarget is at most " + MAX_INSPECTORS);
        } else if (given < jointDepartments) {
            checks.problem("inspectorsPerTarget", "A joint plan sends an inspector of each of its "
                    + jointDepartments + " departments: inspectorsPerTarget must be at least " + jointDepartments);
        }
    }

    private static void period(Checks checks, String start, String end, Integer year) {
        LocalDate from = checks.date("startDate", start);
        LocalDate to = checks.date("endDate", end);
        if (year != null && from != null && from.getYear() != year) {
            checks.problem("startDate", "startDate " + from + " is outside the plan's year " + year);
        }
        if (year != null && to != null && to.getYear() != year) {
            checks.problem("endDate", "endDate " + to + " is outside the plan's year " + year);
        }
        if (from != null && to != null && to.isBefore(from)) {
            checks.problem("endDate", "endDate " + to + " is before startDate " + from);
        }
    }

    /**
     * The strata of a plan's estimate: per quota stratum, its candidates (n_s, from {@code counts} by stratum)
     * and how many it draws (k_s), in stratum order.
     */
    public static List<PlanEstimate.Stratum> strata(Map<String, QuotaRule> quota, Map<String, Long> counts) {
        List<PlanEstimate.Stratum> strata = new ArrayList<>();
        quota.forEach((stratum, rule) -> {
            long n = counts.getOrDefault(stratum, 0L);
            strata.add(new PlanEstimate.Stratum(stratum, rule.ratioText(), rule.count(), n, rule.drawn(n)));
        });
        return strata;
    }

    /** The stratum a candidate of {@code riskClass} falls in under this quota. */
    public static String stratum(Map<String, QuotaRule> quota, String riskClass) {
        return quota.containsKey(ALL) ? ALL : riskClass;
    }

    /** The fewest targets a year's plans must draw from {@code activeTargets}: ceil(n × 3%). */
    public static long annualFloor(long activeTargets) {
        return BigDecimal.valueOf(activeTargets).multiply(ANNUAL_FLOOR).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }
}
