package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Inspector assignment where the roster runs short: each reason as it reads, and the cyclic scan. */
class InspectorAssignmentTest {
    private static final Seed SEED = Seed.of(new byte[Seed.BYTES]);
    private static final List<TargetCandidate> TWO = List.of(new TargetCandidate("T1", "A"),
            new TargetCandidate("T2", "A"));

    @Test
    void withoutInspectorsEveryTargetIsUnassignedAndNothingIsDrawn() {
        DrawOutcome outcome = draw(TWO, List.of(), List.of(), 2);
        assertThat(outcome.targets()).hasSize(2).allSatisfy(t -> {
            assertThat(t.inspectors()).isEmpty();
            assertThat(t.unassigned()).isEqualTo("no inspector passed the plan's checks");
        });
        assertThat(outcome.inspectorHmacs()).isZero();
        assertThat(outcome.assignments()).isZero();
    }

    @Test
    void inspectorsExcludedFromEveryDrawnTargetLeaveThemAllUnassigned() {
        List<InspectorCandidate> inspectors = List.of(inspector("I1", "资源科", "T1", "T2", "T0"),
                inspector("I2", "资源科", "T2", "T1"));
        DrawOutcome outcome = draw(TWO, inspectors, List.of(), 2);
        assertThat(outcome.targets()).extracting(DrawRecord.Target::unassigned)
                .containsOnly("every inspector is excluded from every drawn target");
        assertThat(outcome.inspectorHmacs()).isZero();
    }

    @Test
    void aTargetTooFewMayInspectIsUnassignedWithHowManyAreExcluded() {
        List<InspectorCandidate> inspectors = List.of(inspector("I1", "资源科", "T1"), inspector("I2", "资源科", "T1"),
                inspector("I3", "资源科"));
        DrawOutcome outcome = draw(TWO, inspectors, List.of(), 2);
        assertThat(target(outcome, "T1").unassigned())
                .isEqualTo("2 inspectors are needed but only 1 may inspect this target: the other 2 are excluded from it");
        assertThat(target(outcome, "T1").inspectors()).isEmpty();
        assertThat(target(outcome, "T2").unassigned()).isNull();
        assertThat(outcome.assignments()).isEqualTo(2);

        List<InspectorCandidate> all = List.of(inspector("I1", "资源科", "T1"), inspector("I2", "资源科", "T1"),
                inspector("I3", "资源科", "T1"));
        assertThat(target(draw(TWO, all, List.of(), 2), "T1").unassigned())
                .isEqualTo("2 inspectors are needed but none may inspect this target: all 3 are excluded from it");
        List<InspectorCandidate> one = List.of(inspector("I1", "资源科", "T1"), inspector("I2", "资源科"));
        assertThat(target(draw(TWO, one, List.of(), 2), "T1").unassigned())
                .isEqualTo("2 inspectors are needed but only 1 may inspect this target: the other 1 is excluded from it");
        List<InspectorCandidate> lone = List.of(inspector("I2", "资源科"));
        assertThat(draw(TWO, lone, List.of(), 2).targets()).extracting(DrawRecord.Target::unassigned).containsOnly(
                "2 inspectors are needed but only 1 may inspect this target: the other 0 are excluded from it");
    }

    @Test
    void aJointPlanNamesTheDepartmentItCouldNotCover() {
        List<String> departments = List.of("资源科", "市公安局");
        List<InspectorCandidate> noPolice = List.of(inspector("I1", "资源科"), inspector("I2", "资源科"));
        assertThat(draw(TWO, noPolice, departments, 2).targets()).extracting(DrawRecord.Target::unassigned)
                .containsOnly("no inspector of department 市公安局 passed the plan's checks");

        List<InspectorCandidate> onePolice = List.of(inspector("I1", "资源科"), inspector("I2", "资源科"),
                inspector("P1", "市公安局", "T1"));
        DrawOutcome outcome = draw(TWO, onePolice, departments, 2);
        assertThat(target(outcome, "T1").unassigned())
                .isEqualTo("the one inspector of department 市公安局 is excluded from this target");
        assertThat(target(outcome, "T2").inspectors()).contains("P1").hasSize(2);

        List<InspectorCandidate> threePolice = List.of(inspector("I1", "资源科"), inspector("P1", "市公安局", "T1"),
                inspector("P2", "市公安局", "T1"), inspector("P3", "市公安局", "T1"));
        assertThat(target(draw(TWO, threePolice, departments, 2), "T1").unassigned())
                .isEqualTo("all 3 inspectors of department 市公安局 are excluded from this target");

        List<InspectorCandidate> busy = List.of(inspector("I1", "资源科", "T1"), inspector("P1", "市公安局"));
        assertThat(target(draw(TWO, busy, departments, 2), "T1").unassigned())
                .isEqualTo("the one inspector of department 资源科 is excluded from this target");
        // the departments each give one, the whole pool the rest
        List<InspectorCandidate> enough = List.of(inspector("I1", "资源科"), inspector("P1", "市公安局"),
                inspector("P2", "市公安局", "T2"));
        DrawOutcome three = draw(TWO, enough, departments, 3);
        assertThat(target(three, "T1").inspectors()).containsExactlyInAnyOrder("I1", "P1", "P2");
        assertThat(target(three, "T2").unassigned())
                .isEqualTo("3 inspectors are needed but only 2 may inspect this target: the other 1 is excluded from it");
    }

    @Test
    void aPhaseThatRunsOutOfDrawsScansThePoolCyclically() {
        // m = n = 100: a phase must find every inspector; 864 draws miss one now and then, and the scan takes it
        List<TargetCandidate> targets = IntStream.range(0, 300).mapToObj(i -> new TargetCandidate("T" + i, "A")).toList();
        List<InspectorCandidate> inspectors = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inspectors.add(inspector(String.format("I%03d", i), "资源科"));
        }
        DrawInput input = new DrawInput("P-scan", SEED, List.of(QuotaRule.ratio("A", "1")), 100, List.of(),
                new Candidates(targets, inspectors));
        SpecDraw.Result spec = SpecDraw.run(input);
        assertThat(spec.scansAccepting()).isPositive();
        DrawOutcome outcome = Draw.run(input);
        for (int t = 0; t < targets.size(); t++) {
            assertThat(outcome.targets().get(t).inspectors()).isEqualTo(spec.targets().get(t).inspectors());
        }
        assertThat(outcome.inspectorHmacs()).isEqualTo(spec.inspectorHmacs());
    }

    private static DrawOutcome draw(List<TargetCandidate> targets, List<InspectorCandidate> inspectors,
                                    List<String> departments, int m) {
        return Draw.run(new DrawInput("P", SEED, List.of(QuotaRule.ratio("A", "1")), m, departments,
                new Candidates(targets, inspectors)));
    }

    private static DrawRecord.Target target(DrawOutcome outcome, String id) {
        return outcome.targets().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static InspectorCandidate inspector(String id, String department, String... excluded) {
        return new InspectorCandidate(id, department, List.of(excluded));
    }
}
