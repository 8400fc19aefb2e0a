package spotcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spotcheck.stats.Coverage.Figures;
import spotcheck.stats.Coverage.Target;

/** The coverage arithmetic: exact counts and ratios, rounded down to four places. */
class CoverageTest {

    @Test
    void ratiosAreRoundedDownToFourPlaces() {
        assertThat(Coverage.ratio(2, 3)).isEqualTo("0.6666");
        assertThat(Coverage.ratio(1, 3)).isEqualTo("0.3333");
        assertThat(Coverage.ratio(3, 100)).isEqualTo("0.0300");
        assertThat(Coverage.ratio(0, 7)).isEqualTo("0.0000");
        assertThat(Coverage.ratio(7, 7)).isEqualTo("1.0000");
        assertThat(Coverage.ratio(0, 0)).isNull();
        // 29 of 967 is 0.029989…: below the floor, and it reads so (half-up would show 0.0300)
        assertThat(Coverage.ratio(29, 967)).isEqualTo("0.0299");
    }

    @Test
    void theFloorIsMetWhenDrawnReachesThreePercentRoundedUp() {
        assertThat(Figures.of(967, 29)).isEqualTo(new Figures(967, 29, 30, "0.0299", false));
        assertThat(Figures.of(967, 30)).isEqualTo(new Figures(967, 30, 30, "0.0310", true));
        assertThat(Figures.of(300, 9)).isEqualTo(new Figures(300, 9, 9, "0.0300", true));
        assertThat(Figures.of(300, 8)).isEqualTo(new Figures(300, 8, 9, "0.0266", false));
        assertThat(Figures.of(1, 0)).isEqualTo(new Figures(1, 0, 1, "0.0000", false));
        assertThat(Figures.of(0, 0)).isEqualTo(new Figures(0, 0, 0, null, true));
    }

    @Test
    void countsByItemDepartmentAndCounty() {
        List<Target> targets = List.of(
                new Target("T1", "dongyuan", List.of("I1", "I2"), true),
                new Target("T2", "dongyuan", List.of("I1"), true),
                new Target("T3", "heping", List.of("I2", "I3"), true),
                new Target("T4", "heping", List.of("I3"), true),
                // drawn, deregistered since: drawn, and in scope wherever it counts as drawn
                new Target("T5", "heping", List.of("I3"), false),
                // deregistered and never drawn: not counted at all
                new Target("T6", "heping", List.of("I1"), false),
                // under an item not reported (retired): counts overall and for its county only
                new Target("T7", "lianping", List.of("OLD"), true));
        // T1's task covered I1 only (a plan of I1), T3's covered I2 and I3, T5's I3
        Map<String, Set<String>> covered = Map.of("T1", Set.of("I1"), "T3", Set.of("I2", "I3"), "T5", Set.of("I3"));
        Map<String, String> departments = Map.of("I1", "D1", "I2", "D1", "I3", "D2", "I4", "D3");
        Coverage.Result r = Coverage.count(targets, covered, departments, List.of("dongyuan", "heping", "zijin"));

        // T1, T2, T3, T4, T7 active and T5 drawn: 6 in scope, T1, T3, T5 drawn
        assertThat(r.overall()).isEqualTo(new Figures(6, 3, 1, "0.5000", true));
        assertThat(r.byItem()).containsExactly(
                Map.entry("I1", new Figures(2, 1, 1, "0.5000", true)),
                // T1 falls under I2 but its task did not cover I2
                Map.entry("I2", new Figures(2, 1, 1, "0.5000", true)),
                // T3, T4 and T5 (drawn for I3) in scope, T3 and T5 drawn
                Map.entry("I3", new Figures(3, 2, 1, "0.6666", true)),
                Map.entry("I4", new Figures(0, 0, 0, null, true)));
        assertThat(r.byDepartment()).containsExactly(
                // T1 and T3 drawn for a D1 item; T2 in scope, not drawn
                Map.entry("D1", new Figures(3, 2, 1, "0.6666", true)),
                Map.entry("D2", new Figures(3, 2, 1, "0.6666", true)),
                Map.entry("D3", new Figures(0, 0, 0, null, true)));
        assertThat(r.byCounty()).containsExactly(
                Map.entry("dongyuan", new Figures(2, 1, 1, "0.5000", true)),
                Map.entry("heping", new Figures(3, 2, 1, "0.6666", true)),
                Map.entry("lianping", new Figures(1, 0, 1, "0.0000", false)),
                Map.entry("zijin", new Figures(0, 0, 0, null, true)));
    }

    @Test
    void aCountyDoesNotMeetTheFloorThroughDeregisteredTargets() {
        // 100 active targets, none drawn; 3 drawn this year and deregistered since
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            targets.add(new Target("A" + i, "dongyuan", List.of("I1"), true));
        }
        Map<String, Set<String>> covered = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            targets.add(new Target("G" + i, "dongyuan", List.of("I1"), false));
            covered.put("G" + i, Set.of("I1"));
        }
        Coverage.Result r = Coverage.count(targets, covered, Map.of("I1", "D1"), List.of("dongyuan"));
        // 103 in scope: 3% is 3.09, so 4 are required and 3 fall short
        Figures expected = new Figures(103, 3, 4, "0.0291", false);
        assertThat(r.overall()).isEqualTo(expected);
        assertThat(r.byCounty()).containsExactly(Map.entry("dongyuan", expected));
        assertThat(r.byItem()).containsExactly(Map.entry("I1", expected));
        assertThat(r.byDepartment()).containsExactly(Map.entry("D1", expected));
    }

    @Test
    void aDeregisteredTargetIsInScopeOnlyWhereItWasDrawn() {
        // G falls under I1 and I2, its task covered I1 only; I2 is another department's
        List<Target> targets = List.of(new Target("G", "heping", List.of("I1", "I2"), false),
                new Target("A", "dongyuan", List.of("I2"), true));
        Coverage.Result r = Coverage.count(targets, Map.of("G", Set.of("I1")), Map.of("I1", "D1", "I2", "D2"),
                List.of("dongyuan", "heping"));
        assertThat(r.overall()).isEqualTo(new Figures(2, 1, 1, "0.5000", true));
        assertThat(r.byItem()).containsExactly(
                Map.entry("I1", new Figures(1, 1, 1, "1.0000", true)),
                Map.entry("I2", new Figures(1, 0, 1, "0.0000", false)));
        assertThat(r.byDepartment()).containsExactly(
                Map.entry("D1", new Figures(1, 1, 1, "1.0000", true)),
                Map.entry("D2", new Figures(1, 0, 1, "0.0000", false)));
        assertThat(r.byCounty()).containsExactly(
                Map.entry("dongyuan", new Figures(1, 0, 1, "0.0000", false)),
                Map.entry("heping", new Figures(1, 1, 1, "1.0000", true)));
    }

    /** For many random small rosters and draws: at every line drawn ≤ in scope and the ratio is at most 1. */
    @Test
    void drawnNeverExceedsInScopeAtAnyLine() {
        List<String> allItems = List.of("I1", "I2", "I3", "I4");
        List<String> allCounties = List.of("c1", "c2", "c3");
        for (long seed = 1; seed <= 2000; seed++) {
            java.util.Random rnd = new java.util.Random(seed);
            List<Target> targets = new ArrayList<>();
            Map<String, Set<String>> covered = new java.util.HashMap<>();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                List<String> items = allItems.stream().filter(x -> rnd.nextInt(3) == 0).toList();
                String county = rnd.nextInt(8) == 0 ? null : allCounties.get(rnd.nextInt(allCounties.size()));
                targets.add(new Target("T" + i, county, items, rnd.nextBoolean()));
                if (rnd.nextInt(3) == 0) {
                    // a task may cover items the target no longer falls under, and no item at all
                    covered.put("T" + i, new java.util.HashSet<>(allItems.stream()
                            .filter(x -> rnd.nextBoolean()).toList()));
                }
            }
            // some drawn ids name no target given (a task of a target read nowhere)
            if (rnd.nextInt(4) == 0) {
                covered.put("X", Set.of("I1"));
            }
            Map<String, String> departments = Map.of("I1", "D1", "I2", "D1", "I3", "D2");
            Coverage.Result r = Coverage.count(targets, covered, departments, List.of("c1", "c2"));
            List<Figures> lines = new ArrayList<>();
            lines.add(r.overall());
            lines.addAll(r.byItem().values());
            lines.addAll(r.byDepartment().values());
            lines.addAll(r.byCounty().values());
            for (Figures f : lines) {
                String context = "seed " + seed + ": " + f;
                assertThat(f.drawn()).as(context).isLessThanOrEqualTo(f.inScope());
                assertThat(f.ratio() == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(f.ratio()))
                        .as(context).isLessThanOrEqualTo(java.math.BigDecimal.ONE);
                assertThat(f.ratio() == null).as(context).isEqualTo(f.inScope() == 0);
            }
            long active = targets.stream().filter(Target::active).count();
            long drawnGone = targets.stream().filter(t -> !t.active() && covered.containsKey(t.targetId())).count();
            assertThat(r.overall().inScope()).as("seed " + seed).isEqualTo(active + drawnGone);
        }
    }

    @Test
    void aRosterOfThreeHundredWithNineDrawnMeetsTheFloorAndEightDoNot() {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            targets.add(new Target("T" + i, "dongyuan", List.of("I1"), true));
        }
        Map<String, Set<String>> nine = new java.util.HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("T" + i, Set.of("I1"));
        }
        Coverage.Result met = Coverage.count(targets, nine, Map.of("I1", "D1"), List.of());
        assertThat(met.overall()).isEqualTo(new Figures(300, 9, 9, "0.0300", true));
        nine.remove("T0");
        Coverage.Result short8 = Coverage.count(targets, nine, Map.of("I1", "D1"), List.of());
        assertThat(short8.overall()).isEqualTo(new Figures(300, 8, 9, "0.0266", false));
        assertThat(short8.byItem().get("I1")).isEqualTo(new Figures(300, 8, 9, "0.0266", false));
    }

    @Test
    void aTargetGivenTwiceIsAMistake() {
        Target t = new Target("T1", "dongyuan", List.of(), true);
        assertThatThrownBy(() -> Coverage.count(List.of(t, t), Map.of(), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
