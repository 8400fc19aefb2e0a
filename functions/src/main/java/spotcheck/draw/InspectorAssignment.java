package spotcheck.draw;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inspector assignment (specification, "Inspector assignment"): per drawn target in draw order,
 * phases that draw pool indexes from HMAC-SHA256(seed, "inspector|planId|target|scope|j") under a
 * load cap C, then without it, then a cyclic scan. A phase costs the draws it makes, not the size of
 * the roster: who is excluded from a target comes from an index of the drawn targets, and a phase
 * that nobody acceptable is left for stops, as its remaining draws could change nothing.
 */
public final class InspectorAssignment {
    private static final String ALL = "*";
    private static final int[] NONE = {};

    private final Hmac hmac;
    private final String planId;
    private final int m;
    private final List<String> departments;
    private final String[] ids;
    private final int[] department;
    /** pools[0] is the whole pool, pools[1 + d] department d's; each in id order. */
    private final int[][] pools;
    private final Map<String, int[]> excluders;
    /** P, the inspectors not excluded from every drawn target. */
    private final int usable;
    /** C = ceil(m × K / P) + 1, the load under the cap; 0 when P is. */
    private final int cap;
    private final int[] load;
    /** Per pool, how many of its inspectors hold C or more assignments. */
    private final int[] atCap;
    private final boolean[] excluded;
    private final boolean[] chosen;

    private InspectorAssignment(DrawInput input, List<Ranked> drawn) {
        hmac = new Hmac(input.seed());
        planId = input.planId();
        m = input.inspectorsPerTarget();
        departments = input.departments();
        List<InspectorCandidate> byId = new ArrayList<>(input.candidates().inspectors());
        byId.sort((a, b) -> CodePoints.compare(a.id(), b.id()));
        int n = byId.size();
        ids = new String[n];
        department = new int[n];
        List<List<Integer>> members = new ArrayList<>();
        for (int d = 0; d < departments.size(); d++) {
            members.add(new ArrayList<>());
        }
        for (int x = 0; x < n; x++) {
            ids[x] = byId.get(x).id();
            department[x] = departments.indexOf(byId.get(x).department());
            if (department[x] >= 0) {
                members.get(department[x]).add(x);
            }
        }
        pools = new int[1 + departments.size()][];
        pools[0] = new int[n];
        Arrays.setAll(pools[0], x -> x);
        for (int d = 0; d < departments.size(); d++) {
            pools[1 + d] = members.get(d).stream().mapToInt(Integer::intValue).toArray();
        }

        Map<String, List<Integer>> index = new HashMap<>();
        for (Ranked r : drawn) {
            index.put(r.target.id(), new ArrayList<>(1));
        }
        int[] excludedFrom = new int[n];
        for (int x = 0; x < n; x++) {
            for (String target : byId.get(x).excluded()) {
                List<Integer> who = index.get(target);
                // an inspector naming a target twice is excluded from it once
                if (who != null && (who.isEmpty() || who.get(who.size() - 1) != x)) {
                    who.add(x);
                    excludedFrom[x]++;
                }
            }
        }
        excluders = new HashMap<>();
        index.forEach((target, who) -> excluders.put(target, who.stream().mapToInt(Integer::intValue).toArray()));
        int k = drawn.size();
        usable = (int) Arrays.stream(excludedFrom).filter(count -> count < k).count();
        cap = usable == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ceilDiv((long) m * k, usable) + 1);
        load = new int[n];
        atCap = new int[pools.length];
        excluded = new boolean[n];
        chosen = new boolean[n];
    }

    /** The whole draw: {@code selection}'s targets, each with its inspectors or the reason it has none. */
    public static DrawOutcome assign(DrawInput input, Selection selection) {
        InspectorAssignment assignment = new InspectorAssignment(input, selection.drawn());
        List<DrawRecord.Target> targets = new ArrayList<>(selection.drawnCount());
        for (Ranked r : selection.drawn()) {
            targets.add(assignment.assign(r));
        }
        return new DrawOutcome(selection.strata(), selection.candidatesSha256(), targets, selection.hmacs(),
                assignment.hmac.count());
    }

    private DrawRecord.Target assign(Ranked r) {
        String id = r.target.id();
        int[] excl = excluders.getOrDefault(id, NONE);
        for (int x : excl) {
            excluded[x] = true;
        }
        Chosen picked = new Chosen(m);
        String reason = choose(id, excl, picked);
        for (int x : excl) {
            excluded[x] = false;
        }
        List<String> names = new ArrayList<>(m);
        for (int i = 0; i < picked.size; i++) {
            int x = picked.xs[i];
            chosen[x] = false;
            if (reason == null) {
                names.add(ids[x]);
                if (++load[x] == cap) {
                    atCap[0]++;
                    if (department[x] >= 0) {
                        atCap[1 + department[x]]++;
                    }
                }
            }
        }
        return new DrawRecord.Target(id, r.target.stratum(), r.scoreHex(), reason == null ? names : List.of(), reason);
    }

    /** Fills {@code picked} for target {@code id}; the reason it falls short, or null. */
    private String choose(String id, int[] excl, Chosen picked) {
        if (ids.length == 0) {
            return "no inspector passed the plan's checks";
        }
        if (usable == 0) {
            return "every inspector is excluded from every drawn target";
        }
        for (int d = 0; d < departments.size(); d++) {
            if (!fill(id, departments.get(d), 1 + d, 1, excl, picked)) {
                int size = pools[1 + d].length;
                return size == 0 ? "no inspector of department " + departments.get(d) + " passed the plan's checks"
                        : (size == 1 ? "the one inspector" : "all " + size + " inspectors") + " of department "
                        + departments.get(d) + (size == 1 ? " is" : " are") + " excluded from this target";
            }
        }
        if (!fill(id, ALL, 0, m - picked.size, excl, picked)) {
            int others = ids.length - picked.size;
            return m + " inspectors are needed but " + (picked.size == 0 ? "none" : "only " + picked.size)
                    + " may inspect this target: " + (picked.size == 0 ? "all " : "the other ") + others
                    + (others == 1 ? " is" : " are") + " excluded from it";
        }
        return null;
    }

    /** A phase under the cap, then without it for the places still open; whether all {@code need} were found. */
    private boolean fill(String id, String scope, int pool, int need, int[] excl, Chosen picked) {
        byte[] prefix = ("inspector|" + planId + "|" + id + "|" + scope + "|").getBytes(StandardCharsets.UTF_8);
        int found = phase(prefix, pool, need, true, excl, picked);
        if (found < need) {
            found += phase(prefix, pool, need - found, false, excl, picked);
        }
        return found == need;
    }

    private int phase(byte[] prefix, int p, int need, boolean capped, int[] excl, Chosen picked) {
        int[] pool = pools[p];
        int n = pool.length;
        int open = n == 0 || need == 0 ? 0 : acceptable(p, capped, excl, picked);
        if (open == 0) {
            return 0;
        }
        int found = 0;
        int last = 0;
        long draws = 8L * n + 64;
        for (long j = 0; j < draws; j++) {
            last = (int) Long.remainderUnsigned(hmac.first8(prefix, j), n);
            if (accept(pool[last], capped, picked) && (++found == need || --open == 0)) {
                return found;
            }
        }
        for (int step = 1; step <= n; step++) {
            if (accept(pool[(last + step) % n], capped, picked) && (++found == need || --open == 0)) {
                return found;
            }
        }
        return found;
    }

    private boolean accept(int x, boolean capped, Chosen picked) {
        if (excluded[x] || chosen[x] || capped && load[x] >= cap) {
            return false;
        }
        chosen[x] = true;
        picked.add(x);
        return true;
    }

    /** How many of pool {@code p} are acceptable now, counted from the few who are not. */
    private int acceptable(int p, boolean capped, int[] excl, Chosen picked) {
        int blocked = capped ? atCap[p] : 0;
        for (int x : excl) {
            blocked += blocks(x, p, capped);
        }
        for (int i = 0; i < picked.size; i++) {
            blocked += blocks(picked.xs[i], p, capped);
        }
        return pools[p].length - blocked;
    }

    /** 1 when x is in pool p and not counted among those at the cap already. */
    private int blocks(int x, int p, boolean capped) {
        boolean member = p == 0 || department[x] == p - 1;
        return member && !(capped && load[x] >= cap) ? 1 : 0;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** The inspectors accepted for one target, in the order accepted. */
    private static final class Chosen {
        final int[] xs;
        int size;

        Chosen(int m) {
            xs = new int[m];
        }

        void add(int x) {
            xs[size++] = x;
        }
    }
}
