package spotcheck.draw;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import spotcheck.core.DomainException;

/**
 * Everything a draw depends on, as its record states it: the plan, the seed, a quota rule per
 * stratum, m inspectors per target, the departments of a joint plan (empty otherwise) and the
 * candidates. Checked on construction, the targets' uniqueness when they are ranked.
 */
public record DrawInput(String planId, Seed seed, List<QuotaRule> quotas, int inspectorsPerTarget,
                        List<String> departments, Candidates candidates) {
    /** More than any plan asks for; keeps a mistyped m from asking for a million phases. */
    public static final int MAX_INSPECTORS_PER_TARGET = 100;

    public DrawInput {
        if (!isText(planId)) {
            throw DomainException.invalid("planId", "the draw needs a plan id");
        }
        if (seed == null) {
            throw DomainException.invalid("seed", "the draw needs a seed");
        }
        if (quotas == null || quotas.isEmpty()) {
            throw DomainException.invalid("strata", "the draw needs a quota rule for each stratum");
        }
        quotas = List.copyOf(quotas);
        Set<String> strata = new HashSet<>();
        for (QuotaRule rule : quotas) {
            if (!strata.add(rule.stratum())) {
                throw DomainException.invalid("strata", "stratum " + rule.stratum() + " has two quota rules");
            }
        }
        if (inspectorsPerTarget < 2 || inspectorsPerTarget > MAX_INSPECTORS_PER_TARGET) {
            throw DomainException.invalid("inspectorsPerTarget", "each target needs from 2 to "
                    + MAX_INSPECTORS_PER_TARGET + " inspectors (got " + inspectorsPerTarget + ")");
        }
        departments = sortedDepartments(departments, inspectorsPerTarget);
        if (candidates == null) {
            throw DomainException.invalid("candidates", "the draw needs its candidates");
        }
        checkInspectors(candidates.inspectors(), departments);
    }

    /** A plan of several departments: each drawn target gets an inspector of every one of them. */
    public boolean joint() {
        return !departments.isEmpty();
    }

    /**
     * Whether {@code s} may be an id, a stratum or a name in a draw: non-empty, valid UTF-16 (so its
     * UTF-8 is exact) and free of control characters, which the candidate list's lines cannot hold.
     */
    static boolean isText(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> sortedDepartments(List<String> departments, int m) {
        if (departments == null || departments.isEmpty()) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(departments);
        for (String d : sorted) {
            if (!isText(d)) {
                throw DomainException.invalid("departments", "a department's name must be text");
            }
        }
        sorted.sort(CodePoints.ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw DomainException.invalid("departments", "department " + sorted.get(i) + " is named twice");
            }
        }
        if (sorted.size() < 2) {
            throw DomainException.invalid("departments", "a joint plan names at least two departments");
        }
        if (m < sorted.size()) {
            throw DomainException.invalid("inspectorsPerTarget", "a joint plan of " + sorted.size()
                    + " departments needs at least " + sorted.size() + " inspectors per target (got " + m + ")");
        }
        return List.copyOf(sorted);
    }

    private static void checkInspectors(List<InspectorCandidate> inspectors, List<String> departments) {
        Set<String> ids = new HashSet<>();
        Set<String> joint = Set.copyOf(departments);
        for (InspectorCandidate x : inspectors) {
            if (!ids.add(x.id())) {
                throw DomainException.invalid("inspectors", "inspector " + x.id() + " is listed twice");
            }
            if (!joint.isEmpty() && !joint.contains(x.department())) {
                throw DomainException.invalid("inspectors", "inspector " + x.id() + " is of department "
                        + x.department() + ", which is not one of the joint plan's");
            }
        }
    }
}
