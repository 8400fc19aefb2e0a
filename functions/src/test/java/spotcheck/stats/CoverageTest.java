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
                // drawn, deregistered since: drawn, not in scope
                new Target("T5", "heping", List.of("I3"), false),
                // deregistered and never drawn: not counted at all
                new Target("T6", "heping", List.of("I1"), false),
                // under an item not reported (retired): counts overall and for its county only
                new Target("T7", "lianping", List.of("OLD"), true));
        // T1's task covered I1 only (a plan of I1), T3's covered I2 and I3, T5's I3
        Map<String, Set<String>> covered = Map.of("T1", Set.of("I1"), "T3", Set.of("I2", "I3"), "T5", Set.of("I3"));
        Map<String, String> departments = Map.of("I1", "D1", "I2", "D1", "I3", "D2", "I4", "D3");
        Coverage.Result r = Coverage.count(targets, covered, departments, List.of("dongyuan", "heping", "zijin"));

        assertThat(r.overall()).isEqualTo(new Figures(5, 3, 1, "0.6000", true));
        assertThat(r.byItem()).containsExactly(
                Map.entry("I1", new Figures(2, 1, 1, "0.5000", true)),
                // T1 falls under I2 but its task did not cover I2
                Map.entry("I2", new Figures(2, 1, 1, "0.5000", true)),
                Map.entry("I3", new Figures(2, 2, 1, "1.0000", true)),
                Map.entry("I4", new Figures(0, 0, 0, null, true)));
        assertThat(r.byDepartment()).containsExactly(
                // T1 and T3 drawn for a D1 item; T2 in scope, not drawn
                Map.entry("D1", new Figures(3, 2, 1, "0.6666", true)),
                Map.entry("D2", new Figures(2, 2, 1, "1.0000", true)),
                Map.entry("D3", new Figures(0, 0, 0, null, true)));
        assertThat(r.byCounty()).containsExactly(
                Map.entry("dongyuan", new Figures(2, 1, 1, "0.5000", true)),
                Map.entry("heping", new Figures(2, 2, 1, "1.0000", true)),
                Map.entry("lianping", new Figures(1, 0, 1, "0.0000", false)),
                Map.entry("zijin", new Figures(0, 0, 0, null, true)));
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
