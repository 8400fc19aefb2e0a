package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;

/** Quotas in exact decimal arithmetic, and the inputs a draw refuses, each with its message. */
class QuotaAndInputRulesTest {
    private static final Seed SEED = Seed.of(new byte[Seed.BYTES]);
    private static final List<QuotaRule> ONE_RULE = List.of(QuotaRule.ratio("A", "0.5"));

    @Test
    void quotasAreCeilingsInExactDecimalWhereFloatingPointWouldRoundUpOneTooMany() {
        // in double, 0.07 × 100 = 7.000000000000001 and 0.55 × 100 = 55.00000000000001: ceil gives 8 and 56
        assertThat(Math.ceil(0.07 * 100)).isEqualTo(8);
        assertThat(Math.ceil(0.55 * 100)).isEqualTo(56);
        assertThat(QuotaRule.ratio("A", "0.55").quota(100)).isEqualTo(55);
        assertThat(QuotaRule.ratio("A", "0.3").quota(10)).isEqualTo(3);
        assertThat(QuotaRule.ratio("A", "0.07").quota(100)).isEqualTo(7);
        assertThat(QuotaRule.ratio("A", "0.7").quota(10)).isEqualTo(7);
        assertThat(QuotaRule.ratio("A", "0.1").quota(7)).isEqualTo(1);
        assertThat(QuotaRule.ratio("A", "0.1").quota(10)).isEqualTo(1);
        assertThat(QuotaRule.ratio("A", "0.1").quota(11)).isEqualTo(2);
        assertThat(QuotaRule.ratio("A", "0.333").quota(3)).isEqualTo(1);
        assertThat(QuotaRule.ratio("A", "0.0001").quota(1)).isEqualTo(1);
        assertThat(QuotaRule.ratio("A", "0.05").quota(0)).isZero();
        assertThat(QuotaRule.ratio("A", "1").quota(479)).isEqualTo(479);
        assertThat(QuotaRule.ratio("A", "1.0").quota(3)).isEqualTo(3);
        assertThat(QuotaRule.count("A", 150).quota(1500)).isEqualTo(150);
        assertThat(QuotaRule.count("A", 150).quota(149)).isEqualTo(149);
        assertThat(QuotaRule.count("A", 1).quota(0)).isZero();
    }

    @Test
    void everyRatioOfHundredthsGivesTheExactCeiling() {
        for (int hundredths = 1; hundredths <= 100; hundredths++) {
            QuotaRule rule = QuotaRule.ratio("A", new BigDecimal(hundredths).movePointLeft(2).toPlainString());
            for (int n = 0; n <= 300; n++) {
                assertThat(rule.quota(n)).as(rule.ratioText() + " of " + n).isEqualTo((n * hundredths + 99) / 100);
            }
        }
    }

    @Test
    void aRatioIsPlainDecimalTextAboveZeroAndAtMostOne() {
        assertThat(QuotaRule.ratio("A", "0.30").ratioText()).isEqualTo("0.30");
        assertThat(QuotaRule.ratio("A", "1").ratioText()).isEqualTo("1");
        assertThat(QuotaRule.count("A", 3).ratioText()).isNull();
        assertThat(new QuotaRule("A", BigDecimal.ONE, null).quota(5)).isEqualTo(5);
        for (String bad : new String[] {"abc", "-0.1", "1e-1", ".5", "0.", "0,5", "", " 0.5"}) {
            assertInvalid(() -> QuotaRule.ratio("A", bad), "strata",
                    "the ratio of stratum A must be a plain decimal such as 0.05");
        }
        assertInvalid(() -> QuotaRule.ratio("A", null), "strata", "the ratio of stratum A must be a plain decimal such as 0.05");
        assertInvalid(() -> QuotaRule.ratio("A", "0"), "strata", "the ratio of stratum A must be more than 0 and at most 1 (got 0)");
        assertInvalid(() -> QuotaRule.ratio("A", "0.000"), "strata",
                "the ratio of stratum A must be more than 0 and at most 1 (got 0.000)");
        assertInvalid(() -> QuotaRule.ratio("A", "1.0001"), "strata",
                "the ratio of stratum A must be more than 0 and at most 1 (got 1.0001)");
        assertInvalid(() -> new QuotaRule("A", new BigDecimal("-1"), null), "strata",
                "the ratio of stratum A must be more than 0 and at most 1 (got -1)");
        assertInvalid(() -> QuotaRule.count("A", 0), "strata", "the count of stratum A must be at least 1 (got 0)");
        assertInvalid(() -> new QuotaRule("A", BigDecimal.ONE, 3), "strata", "stratum A needs either a ratio or a count");
        assertInvalid(() -> new QuotaRule("A", null, null), "strata", "stratum A needs either a ratio or a count");
        assertInvalid(() -> QuotaRule.count("", 3), "strata", "a quota rule names its stratum");
    }

    @Test
    void theDrawRefusesInputsThatCannotBeADraw() {
        Candidates none = new Candidates(List.of(), List.of());
        assertThat(new DrawInput("P", SEED, ONE_RULE, 2, null, none).departments()).isEmpty();
        assertThat(new DrawInput("P", SEED, ONE_RULE, 100, List.of(), none).inspectorsPerTarget()).isEqualTo(100);
        assertInvalid(() -> new DrawInput(" \t", SEED, ONE_RULE, 2, List.of(), none), "planId", "the draw needs a plan id");
        assertInvalid(() -> new DrawInput("", SEED, ONE_RULE, 2, List.of(), none), "planId", "the draw needs a plan id");
        assertInvalid(() -> new DrawInput("P", null, ONE_RULE, 2, List.of(), none), "seed", "the draw needs a seed");
        assertInvalid(() -> new DrawInput("P", SEED, List.of(), 2, List.of(), none), "strata",
                "the draw needs a quota rule for each stratum");
        assertInvalid(() -> new DrawInput("P", SEED, null, 2, List.of(), none), "strata",
                "the draw needs a quota rule for each stratum");
        assertInvalid(() -> new DrawInput("P", SEED, List.of(QuotaRule.count("A", 1), QuotaRule.ratio("A", "1")), 2,
                List.of(), none), "strata", "stratum A has two quota rules");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 1, List.of(), none), "inspectorsPerTarget",
                "each target needs from 2 to 100 inspectors (got 1)");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 101, List.of(), none), "inspectorsPerTarget",
                "each target needs from 2 to 100 inspectors (got 101)");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of(), null), "candidates",
                "the draw needs its candidates");
    }

    @Test
    void aJointPlanNamesTwoOrMoreDepartmentsOnceEachAndAtLeastAsManyInspectorsPerTarget() {
        Candidates none = new Candidates(List.of(), List.of());
        DrawInput joint = new DrawInput("P", SEED, ONE_RULE, 3, List.of("资源科", "\uD835\uDD38科", "\uFF21科"), none);
        // code-point order: U+FF21 before U+1D538, which UTF-16 order would put first
        assertThat(joint.departments()).containsExactly("资源科", "\uFF21科", "\uD835\uDD38科");
        assertThat(joint.joint()).isTrue();
        assertThat(new DrawInput("P", SEED, ONE_RULE, 2, List.of(), none).joint()).isFalse();
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of("资源科", "市公安局", "林政科"), none),
                "inspectorsPerTarget", "a joint plan of 3 departments needs at least 3 inspectors per target (got 2)");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of("资源科"), none), "departments",
                "a joint plan names at least two departments");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of("资源科", "资源科"), none), "departments",
                "department 资源科 is named twice");
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, Arrays.asList("资源科", null), none), "departments",
                "a department's name must be text");
        Candidates outsider = new Candidates(List.of(), List.of(new InspectorCandidate("I1", "林政科", List.of())));
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of("资源科", "市公安局"), outsider), "inspectors",
                "inspector I1 is of department 林政科, which is not one of the joint plan's");
        Candidates twice = new Candidates(List.of(), List.of(new InspectorCandidate("I1", "资源科", List.of()),
                new InspectorCandidate("I1", "资源科", List.of())));
        assertInvalid(() -> new DrawInput("P", SEED, ONE_RULE, 2, List.of(), twice), "inspectors",
                "inspector I1 is listed twice");
    }

    @Test
    void candidatesAreTextWithoutControlCharactersOrBrokenSurrogates() {
        assertThat(new TargetCandidate("\uD83D\uDE00", "A").id()).isEqualTo("\uD83D\uDE00");
        for (String bad : new String[] {"", "a\tb", "a\nb", "\u0000", "\u001f", "a\u007f", "\uD83D", "\uDE00x", "x\uD83D"}) {
            assertInvalid(() -> new TargetCandidate(bad, "A"), "targets.id",
                    "a target's id must be text without control characters");
            assertInvalid(() -> new InspectorCandidate(bad, "D", List.of()), "inspectors.id",
                    "an inspector's id must be text without control characters");
        }
        assertInvalid(() -> new TargetCandidate(null, "A"), "targets.id", "a target's id must be text without control characters");
        assertInvalid(() -> new TargetCandidate("T1", "A\n"), "targets.stratum", "target T1 needs a stratum");
        assertInvalid(() -> new InspectorCandidate("I1", "", List.of()), "inspectors.department",
                "inspector I1 needs a department");
        assertThat(new InspectorCandidate("I1", "D", null).excluded()).isEmpty();
        assertInvalid(() -> new InspectorCandidate("I1", "D", Arrays.asList("T1", null)), "inspectors.excluded",
                "inspector I1 has an empty entry among the excluded targets");
        List<String> excluded = new ArrayList<>(List.of("T1"));
        InspectorCandidate copy = new InspectorCandidate("I1", "D", excluded);
        excluded.add("T2");
        assertThat(copy.excluded()).containsExactly("T1");

        Candidates empty = new Candidates(null, null);
        assertThat(empty.targets()).isEmpty();
        assertThat(empty.inspectors()).isEmpty();
        assertInvalid(() -> new Candidates(Arrays.asList(new TargetCandidate("T1", "A"), null), List.of()), "targets",
                "targets has an empty entry");
        assertInvalid(() -> new Candidates(List.of(), Arrays.asList((InspectorCandidate) null)), "inspectors",
                "inspectors has an empty entry");
    }

    @Test
    void everyTargetIsInAStratumWithARuleAndListedOnce() {
        Candidates unruled = new Candidates(List.of(new TargetCandidate("T1", "A"), new TargetCandidate("T2", "Z")),
                List.of());
        assertInvalid(() -> Draw.run(new DrawInput("P", SEED, ONE_RULE, 2, List.of(), unruled)), "targets",
                "target T2 is in stratum Z, which has no quota rule");
        Candidates twice = new Candidates(List.of(new TargetCandidate("T2", "A"), new TargetCandidate("T1", "A"),
                new TargetCandidate("T2", "A")), List.of());
        assertInvalid(() -> Draw.run(new DrawInput("P", SEED, ONE_RULE, 2, List.of(), twice)), "targets",
                "target T2 is listed twice");
    }

    @Test
    void aStratumWithoutCandidatesDrawsNothingAndStillShowsInTheRecord() {
        List<QuotaRule> rules = List.of(QuotaRule.ratio("A", "0.5"), QuotaRule.count("B", 4));
        Candidates candidates = new Candidates(List.of(new TargetCandidate("T1", "A"), new TargetCandidate("T2", "A"),
                new TargetCandidate("T3", "A")), List.of());
        DrawOutcome outcome = Draw.run(new DrawInput("P", SEED, rules, 2, List.of(), candidates));
        assertThat(outcome.strata()).containsExactly(new DrawRecord.Stratum("A", "0.5", null, 3, 2),
                new DrawRecord.Stratum("B", null, 4, 0, 0));
        assertThat(outcome.targets()).hasSize(2);
        assertThat(outcome.targetHmacs()).isEqualTo(3);
    }

    static void assertInvalid(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.details()).containsExactly(new DomainException.Detail(field, message));
        });
    }
}
