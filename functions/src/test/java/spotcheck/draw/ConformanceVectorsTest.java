package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import spotcheck.core.Json;

/**
 * The three worked draws of the specification: from each candidate list and the record's plan,
 * seed, quota rules, m and departments, the draw reproduces the published record byte for byte
 * as JSON (targets, order, scores, inspectors, n_s and k_s, the candidate list's hash).
 */
class ConformanceVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c"})
    void eachVectorIsReproducedExactly(String name) throws IOException {
        DrawRecord published = Vectors.record(name);
        Candidates candidates = Vectors.candidates(name);
        DrawInput input = published.input(candidates);

        DrawOutcome outcome = Draw.run(input);

        assertThat(outcome.candidatesSha256()).isEqualTo(published.candidatesSha256());
        assertThat(outcome.strata()).isEqualTo(published.strata());
        assertThat(outcome.targets()).extracting(DrawRecord.Target::id)
                .containsExactlyElementsOf(published.targets().stream().map(DrawRecord.Target::id).toList());
        assertThat(outcome.targets()).containsExactlyElementsOf(published.targets());
        DrawRecord ours = DrawRecord.publish(published.drawId(), Instant.parse(published.drawnAt()), input, outcome);
        JsonNode expected = Json.MAPPER.readTree(Vectors.bytes(name + "-record.json"));
        assertThat(Json.MAPPER.readTree(Json.write(ours))).isEqualTo(expected);
    }

    @Test
    void vectorsCoverOneDepartmentAJointPlanWithAWitnessAndAScarcePool() {
        DrawRecord a = Vectors.record("a");
        assertThat(a.strata()).extracting(DrawRecord.Stratum::ratio).containsExactly("0.02", "0.05", "0.3", "1");
        assertThat(a.strata()).extracting(DrawRecord.Stratum::drawn).containsExactly(10, 25, 164, 479);
        assertThat(a.targets()).hasSize(678).allSatisfy(t -> assertThat(t.inspectors()).hasSize(2));

        DrawRecord b = Vectors.record("b");
        assertThat(b.departments()).containsExactly("市公安局", "资源科");
        assertThat(b.strata()).containsExactly(new DrawRecord.Stratum("ALL", null, 150, 1500, 150));
        // the seed is SHA-256(random || UTF-8(witness))
        Seed mixed = Seed.withWitness(HexFormat.of().parseHex(b.random()), b.witness());
        assertThat(mixed.hex()).isEqualTo(b.seed());
        assertThat(Seed.parse(b.seed(), b.random(), b.witness())).isEqualTo(mixed);
        List<String> police = Vectors.candidates("b").inspectors().stream()
                .filter(x -> x.department().equals("市公安局")).map(InspectorCandidate::id).toList();
        assertThat(police).hasSize(3);
        // every target of the joint plan has one of the police bureau's three inspectors
        assertThat(b.targets()).allSatisfy(t -> assertThat(t.inspectors()).hasSize(2)
                .filteredOn(police::contains).hasSize(1));

        DrawRecord c = Vectors.record("c");
        assertThat(Vectors.candidates("c").inspectors()).hasSize(3);
        assertThat(c.targets()).hasSize(150);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c"})
    void eachVectorVerifies(String name) {
        DrawRecord published = Vectors.record(name);
        Verification.Report report = Verification.verify(published, Vectors.candidates(name));
        assertThat(report.differences()).isEmpty();
        assertThat(report.targets()).isEqualTo(published.targets().size());
        assertThat(report.assignments()).isEqualTo(2 * published.targets().size());
        assertThat(report.summary()).isEqualTo("verified: " + published.targets().size() + " targets, "
                + 2 * published.targets().size() + " inspector assignments reproduced");
    }
}
