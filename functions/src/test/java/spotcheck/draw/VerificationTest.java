package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.draw.QuotaAndInputRulesTest.assertInvalid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import spotcheck.draw.Verification.Difference;
import spotcheck.draw.Verification.Kind;

/** The verifier finds every kind of tampering with a published draw (vectors a and b), and says what it found. */
class VerificationTest {
    private static final DrawRecord A = Vectors.record("a");
    private static final Candidates A_CANDIDATES = Vectors.candidates("a");

    @Test
    void aTargetSwappedForOneNotDrawnIsMissingAndExtra() {
        DrawRecord.Target first = A.targets().get(0);
        String undrawn = A_CANDIDATES.targets().stream().map(TargetCandidate::id)
                .filter(id -> A.targets().stream().noneMatch(t -> t.id().equals(id))).findFirst().orElseThrow();
        DrawRecord tampered = withTargets(A, targets -> {
            targets.set(0, new DrawRecord.Target(undrawn, first.stratum(), first.score(), first.inspectors(), null));
            return targets;
        });
        assertThat(differences(tampered)).containsExactly(
                new Difference(Kind.EXTRA, undrawn, null, "1"),
                new Difference(Kind.MISSING, first.id(), "1", null));
        assertThat(describe(tampered)).containsExactly(
                "target " + undrawn + ": in the record at position 1, not drawn",
                "target " + first.id() + ": drawn at position 1, missing from the record");
    }

    @Test
    void anInspectorReplacedOrATargetMarkedUnassignedIsFound() {
        DrawRecord.Target t = A.targets().get(5);
        DrawRecord swapped = withTargets(A, targets -> {
            targets.set(5, new DrawRecord.Target(t.id(), t.stratum(), t.score(), List.of(t.inspectors().get(0), "I9999"),
                    null));
            return targets;
        });
        assertThat(describe(swapped)).containsExactly("target " + t.id() + ": inspectors expected " + t.inspectors()
                + ", found [" + t.inspectors().get(0) + ", I9999]");
        DrawRecord reversed = withTargets(A, targets -> {
            targets.set(5, new DrawRecord.Target(t.id(), t.stratum(), t.score(),
                    List.of(t.inspectors().get(1), t.inspectors().get(0)), null));
            return targets;
        });
        assertThat(differences(reversed)).extracting(Difference::kind).containsExactly(Kind.INSPECTORS);
        DrawRecord unassigned = withTargets(A, targets -> {
            targets.set(5, new DrawRecord.Target(t.id(), t.stratum(), t.score(), List.of(), "nobody free"));
            return targets;
        });
        assertThat(describe(unassigned)).containsExactly(
                "target " + t.id() + ": inspectors expected " + t.inspectors() + ", found []",
                "target " + t.id() + ": expected assigned, found unassigned (nobody free)");
    }

    @Test
    void twoTargetsSwappedInOrderAreTwoOrderDifferences() {
        List<String> ids = A.targets().stream().map(DrawRecord.Target::id).toList();
        DrawRecord tampered = withTargets(A, targets -> {
            Collections.swap(targets, 2, 3);
            return targets;
        });
        assertThat(describe(tampered)).containsExactly(
                "order: position 3 holds " + ids.get(3) + ", expected " + ids.get(2),
                "order: position 4 holds " + ids.get(2) + ", expected " + ids.get(3));
    }

    @Test
    void aChangedScoreOrStratumOrADuplicateIsFound() {
        DrawRecord.Target t = A.targets().get(0);
        String score = "0" + t.score().substring(1, 63) + "0";
        DrawRecord tampered = withTargets(A, targets -> {
            targets.set(0, new DrawRecord.Target(t.id(), "B", score, t.inspectors(), null));
            targets.add(targets.get(1));
            return targets;
        });
        assertThat(describe(tampered)).containsExactly(
                "target " + A.targets().get(1).id() + ": listed 2 times in the record",
                "target " + t.id() + ": stratum expected A, found B",
                "target " + t.id() + ": score expected " + t.score() + ", found " + score);
    }

    @Test
    void anotherSeedChangesEveryScore() {
        DrawRecord tampered = new DrawRecord(A.algorithm(), A.drawId(), A.planId(), A.drawnAt(), "00" + A.seed().substring(2),
                null, null, A.inspectorsPerTarget(), A.departments(), A.strata(), A.candidatesSha256(), A.targets(),
                A.voided());
        List<Difference> differences = differences(tampered);
        assertThat(differences).filteredOn(d -> d.kind() == Kind.SCORE || d.kind() == Kind.MISSING)
                .hasSizeGreaterThanOrEqualTo(A.targets().size());
        assertThat(differences).extracting(Difference::kind).doesNotContain(Kind.CANDIDATES, Kind.STRATUM, Kind.SEED);
    }

    @Test
    void aSeedThatIsNotItsRandomAndWitnessIsFound() {
        DrawRecord b = Vectors.record("b");
        DrawRecord tampered = new DrawRecord(b.algorithm(), b.drawId(), b.planId(), b.drawnAt(), b.seed(), b.random(),
                b.witness() + "。", b.inspectorsPerTarget(), b.departments(), b.strata(), b.candidatesSha256(),
                b.targets(), b.voided());
        Verification.Report report = Verification.verify(tampered, Vectors.candidates("b"));
        String mixed = Seed.withWitness(java.util.HexFormat.of().parseHex(b.random()), b.witness() + "。").hex();
        // the targets were drawn with the stated seed, so only the seed's making differs
        assertThat(report.differences()).containsExactly(new Difference(Kind.SEED, null, mixed, b.seed()));
        assertThat(report.differences().get(0).describe())
                .isEqualTo("seed: SHA-256(random || witness) is " + mixed + ", the record states " + b.seed());
        assertThat(report.summary()).isEqualTo("not verified: 1 difference");
        assertThat(report.verified()).isFalse();
    }

    @Test
    void aCandidateRemovedFromTheListChangesItsHashAndItsStratum() {
        String drawn = A.targets().get(0).id();
        List<TargetCandidate> fewer = A_CANDIDATES.targets().stream().filter(t -> !t.id().equals(drawn)).toList();
        Verification.Report report = Verification.verify(A, new Candidates(fewer, A_CANDIDATES.inspectors()));
        assertThat(report.differences()).extracting(Difference::kind).startsWith(Kind.CANDIDATES, Kind.STRATUM)
                .contains(Kind.EXTRA);
        assertThat(report.differences().get(1).describe()).isEqualTo("stratum A: expected 484 candidates, 10 drawn, found"
                + " 485 candidates, 10 drawn");
        assertThat(report.differences().get(0).describe()).startsWith("candidatesSha256: the candidate list hashes to ")
                .endsWith(", the record states " + A.candidatesSha256());
        assertThat(report.summary()).startsWith("not verified: ").endsWith(" differences");
    }

    @Test
    void anExclusionAddedToTheListChangesTheInspectorsAndNothingElse() {
        DrawRecord.Target first = A.targets().get(0);
        List<InspectorCandidate> inspectors = new ArrayList<>();
        for (InspectorCandidate x : A_CANDIDATES.inspectors()) {
            List<String> excluded = new ArrayList<>(x.excluded());
            if (x.id().equals(first.inspectors().get(0))) {
                excluded.add(first.id());
            }
            inspectors.add(new InspectorCandidate(x.id(), x.department(), excluded));
        }
        Verification.Report report = Verification.verify(A, new Candidates(A_CANDIDATES.targets(), inspectors));
        assertThat(report.differences()).isNotEmpty().extracting(Difference::kind).containsOnly(Kind.INSPECTORS);
        assertThat(report.differences().get(0).subject()).isEqualTo(first.id());
    }

    @Test
    void anotherAlgorithmIsNotRecomputedAndSaysSo() {
        DrawRecord v2 = new DrawRecord("hmac-sha256-rank/v2", A.drawId(), A.planId(), A.drawnAt(), A.seed(), null, null,
                A.inspectorsPerTarget(), A.departments(), A.strata(), A.candidatesSha256(), A.targets(), A.voided());
        Verification.Report report = Verification.verify(v2, A_CANDIDATES);
        assertThat(report.differences()).containsExactly(new Difference(Kind.ALGORITHM, null, Draw.ALGORITHM,
                "hmac-sha256-rank/v2"));
        assertThat(report.differences().get(0).describe())
                .isEqualTo("algorithm: this verifier knows hmac-sha256-rank/v1, the record uses hmac-sha256-rank/v2");
        assertThat(report.targets()).isZero();
    }

    @Test
    void aRecordWhoseRulesCannotBeADrawIsRefused() {
        List<DrawRecord.Stratum> both = new ArrayList<>(A.strata());
        both.set(0, new DrawRecord.Stratum("A", "0.02", 5, 485, 10));
        DrawRecord tampered = new DrawRecord(A.algorithm(), A.drawId(), A.planId(), A.drawnAt(), A.seed(), null, null,
                A.inspectorsPerTarget(), A.departments(), both, A.candidatesSha256(), A.targets(), A.voided());
        assertInvalid(() -> Verification.verify(tampered, A_CANDIDATES), "strata",
                "stratum A needs either a ratio or a count");
        List<DrawRecord.Stratum> badRatio = new ArrayList<>(A.strata());
        badRatio.set(0, new DrawRecord.Stratum("A", "2%", null, 485, 10));
        assertInvalid(() -> Verification.verify(new DrawRecord(A.algorithm(), A.drawId(), A.planId(), A.drawnAt(),
                A.seed(), null, null, 2, List.of(), badRatio, A.candidatesSha256(), A.targets(), A.voided()),
                A_CANDIDATES), "strata", "the ratio of stratum A must be a plain decimal such as 0.05");
        List<DrawRecord.Stratum> count = new ArrayList<>(A.strata());
        count.set(0, new DrawRecord.Stratum("A", null, 10, 485, 10));
        Verification.Report byCount = Verification.verify(new DrawRecord(A.algorithm(), A.drawId(), A.planId(),
                A.drawnAt(), A.seed(), null, null, 2, List.of(), count, A.candidatesSha256(), A.targets(), A.voided()),
                A_CANDIDATES);
        // ceil(485 × 0.02) = 10: the same targets, only the rule's form differs
        assertThat(byCount.differences()).isEmpty();
    }

    private static List<Difference> differences(DrawRecord record) {
        return Verification.verify(record, A_CANDIDATES).differences();
    }

    private static List<String> describe(DrawRecord record) {
        return differences(record).stream().map(Difference::describe).toList();
    }

    private static DrawRecord withTargets(DrawRecord r, UnaryOperator<List<DrawRecord.Target>> change) {
        return new DrawRecord(r.algorithm(), r.drawId(), r.planId(), r.drawnAt(), r.seed(), r.random(), r.witness(),
                r.inspectorsPerTarget(), r.departments(), r.strata(), r.candidatesSha256(),
                change.apply(new ArrayList<>(r.targets())), r.voided());
    }
}
