package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of the draw over a thousand random small draws (seeded, so a failure replays): the
 * outcome is the plain reading of the specification ({@link SpecDraw}), and it keeps the
 * specification's promises whatever the roster looks like.
 */
class DrawPropertiesTest {
    private static final int DRAWS = 1000;

    @Test
    void theDrawIsTheSpecificationReadPlainly() {
        RandomDraws random = new RandomDraws(1);
        int unassigned = 0;
        int overCap = 0;
        int joint = 0;
        for (int i = 0; i < DRAWS; i++) {
            DrawInput input = random.next();
            DrawOutcome outcome = Draw.run(input);
            SpecDraw.Result spec = SpecDraw.run(input);
            String context = "draw " + i + " of seed 1";
            assertThat(outcome.targets()).as(context).hasSameSizeAs(spec.targets());
            for (int t = 0; t < spec.targets().size(); t++) {
                SpecDraw.Target expected = spec.targets().get(t);
                DrawRecord.Target actual = outcome.targets().get(t);
                assertThat(actual.id()).as(context).isEqualTo(expected.id());
                assertThat(actual.stratum()).as(context).isEqualTo(expected.stratum());
                assertThat(new BigInteger(actual.score(), 16)).as(context).isEqualTo(expected.score());
                assertThat(actual.score()).as(context).hasSize(64);
                assertThat(actual.inspectors()).as(context).isEqualTo(expected.inspectors());
                assertThat(actual.unassigned() != null).as(context).isEqualTo(expected.unassigned());
            }
            assertThat(outcome.inspectorHmacs()).as(context).isEqualTo(spec.inspectorHmacs());
            assertThat(outcome.targetHmacs()).as(context).isEqualTo(input.candidates().targets().size());
            assertThat(outcome.strata()).as(context).allSatisfy(s -> assertThat(new int[] {s.candidates(), s.drawn()})
                    .isEqualTo(spec.strata().get(s.stratum())));
            unassigned += (int) outcome.targets().stream().filter(t -> t.unassigned() != null).count();
            overCap += spec.cappedPhasesSucceeded() ? 0 : 1;
            joint += input.joint() ? 1 : 0;
        }
        // the random draws reach every path: unassigned targets, uncapped phases, joint plans
        assertThat(unassigned).isGreaterThan(500);
        assertThat(overCap).isGreaterThan(50);
        assertThat(joint).isGreaterThan(200);
    }

    @Test
    void everyTargetGetsMDistinctInspectorsNoneExcludedOrAReason() {
        RandomDraws random = new RandomDraws(2);
        for (int i = 0; i < DRAWS; i++) {
            DrawInput input = random.next();
            DrawOutcome outcome = Draw.run(input);
            Map<String, InspectorCandidate> byId = input.candidates().inspectors().stream()
                    .collect(Collectors.toMap(InspectorCandidate::id, Function.identity()));
            assertThat(outcome.targets()).extracting(DrawRecord.Target::id).doesNotHaveDuplicates();
            for (DrawRecord.Target t : outcome.targets()) {
                if (t.unassigned() == null) {
                    assertThat(t.inspectors()).hasSize(input.inspectorsPerTarget()).doesNotHaveDuplicates();
                    assertThat(t.inspectors()).allSatisfy(x -> assertThat(byId.get(x).excluded()).doesNotContain(t.id()));
                    Set<String> covered = t.inspectors().stream().map(x -> byId.get(x).department())
                            .collect(Collectors.toSet());
                    assertThat(covered).containsAll(input.departments());
                } else {
                    assertThat(t.inspectors()).isEmpty();
                    assertThat(t.unassigned()).isNotBlank();
                }
            }
        }
    }

    @Test
    void loadsStayWithinTheCapWhenEveryCappedPhaseSucceeded() {
        RandomDraws random = new RandomDraws(3);
        int checked = 0;
        int over = 0;
        for (int i = 0; i < DRAWS; i++) {
            DrawInput input = random.next();
            SpecDraw.Result spec = SpecDraw.run(input);
            Map<String, Integer> loads = new HashMap<>();
            Draw.run(input).targets().forEach(t -> t.inspectors().forEach(x -> loads.merge(x, 1, Integer::sum)));
            if (spec.cappedPhasesSucceeded()) {
                checked++;
                assertThat(loads.values()).allSatisfy(load -> assertThat((long) load).isLessThanOrEqualTo(spec.cap()));
            } else if (loads.values().stream().anyMatch(load -> load > spec.cap())) {
                over++;
            }
        }
        assertThat(checked).isGreaterThan(300);
        // the uncapped phases do take some inspectors past C: the cap is what keeps them within it
        assertThat(over).isGreaterThan(10);
    }

    @Test
    void theOutcomeDependsOnTheInputsNotOnTheOrderOfTheLists() {
        RandomDraws random = new RandomDraws(4);
        for (int i = 0; i < DRAWS; i++) {
            DrawInput input = random.next();
            DrawOutcome outcome = Draw.run(input);
            assertThat(Draw.run(input)).isEqualTo(outcome);
            assertThat(Draw.run(random.shuffled(input))).isEqualTo(outcome);
        }
    }

    @Test
    void aPublishedDrawVerifies() {
        RandomDraws random = new RandomDraws(5);
        for (int i = 0; i < 200; i++) {
            DrawInput input = random.next();
            DrawOutcome outcome = Draw.run(input);
            DrawRecord record = DrawRecord.publish("D-" + i, java.time.Instant.EPOCH, input, outcome);
            Verification.Report report = Verification.verify(record, input.candidates());
            assertThat(report.differences()).isEmpty();
            assertThat(report.targets()).isEqualTo(outcome.targets().size());
            assertThat(report.assignments()).isEqualTo(outcome.assignments());
        }
    }

    @Test
    void removingOrAddingOneCandidateChangesNoOtherScoreAndAtMostItsOwnPlace() {
        RandomDraws random = new RandomDraws(6);
        int compared = 0;
        for (int i = 0; i < 300; i++) {
            DrawInput input = random.next();
            List<TargetCandidate> targets = input.candidates().targets();
            if (targets.isEmpty()) {
                continue;
            }
            TargetCandidate gone = targets.get(i % targets.size());
            List<TargetCandidate> fewer = targets.stream().filter(t -> t != gone).toList();
            Selection all = TargetSelection.select(input);
            Selection less = TargetSelection.select(with(input, fewer));
            compareOneApart(all, less, gone);
            // adding it again, at the end of the list, gives back exactly the first selection
            List<TargetCandidate> again = new java.util.ArrayList<>(fewer);
            again.add(gone);
            compareOneApart(all, TargetSelection.select(with(input, again)), null);
            compared++;
        }
        assertThat(compared).isGreaterThan(250);
    }

    /** {@code more} has the candidate {@code gone} (or is the same list); {@code fewer} lacks it. */
    private static void compareOneApart(Selection more, Selection fewer, TargetCandidate gone) {
        Map<String, Ranked> before = more.drawn().stream().collect(Collectors.toMap(r -> r.target.id(), r -> r));
        Map<String, Ranked> after = fewer.drawn().stream().collect(Collectors.toMap(r -> r.target.id(), r -> r));
        Set<String> changed = new HashSet<>(before.keySet());
        changed.addAll(after.keySet());
        for (String id : Set.copyOf(changed)) {
            if (before.containsKey(id) && after.containsKey(id)) {
                assertThat(after.get(id).scoreHex()).isEqualTo(before.get(id).scoreHex());
                changed.remove(id);
            }
        }
        if (gone == null) {
            assertThat(changed).isEmpty();
            return;
        }
        // at most the candidate itself and one other of its own stratum move in or out (its quota may shift by one)
        assertThat(changed.size()).isLessThanOrEqualTo(2);
        for (String id : changed) {
            Ranked r = before.containsKey(id) ? before.get(id) : after.get(id);
            assertThat(r.target.stratum()).isEqualTo(gone.stratum());
        }
        for (int s = 0; s < more.strata().size(); s++) {
            DrawRecord.Stratum a = more.strata().get(s);
            DrawRecord.Stratum b = fewer.strata().get(s);
            if (!a.stratum().equals(gone.stratum())) {
                assertThat(b).isEqualTo(a);
            } else {
                assertThat(b.candidates()).isEqualTo(a.candidates() - 1);
                assertThat(a.drawn() - b.drawn()).isBetween(0, 1);
            }
        }
    }

    private static DrawInput with(DrawInput input, List<TargetCandidate> targets) {
        return new DrawInput(input.planId(), input.seed(), input.quotas(), input.inspectorsPerTarget(),
                input.departments(), new Candidates(targets, input.candidates().inspectors()));
    }
}
