package spotcheck.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.core.Json;

/** The two public documents as JSON: the fields the specification names, nulls where it writes them. */
class PublicDocumentsTest {

    @Test
    void aRecordWritesNullForTheRuleNotUsedAndForAnAssignedTargetsReasonAndOmitsAnAbsentWitness() {
        DrawInput input = new DrawInput("P-1", Seed.of(new byte[32]), List.of(QuotaRule.count("ALL", 1)), 2, List.of(),
                new Candidates(List.of(new TargetCandidate("T1", "ALL")), List.of(
                        new InspectorCandidate("I1", "资源科", List.of()), new InspectorCandidate("I2", "资源科", null))));
        DrawRecord record = DrawRecord.publish("D-1", Instant.parse("2026-08-01T02:00:00Z"), input, Draw.run(input));
        String json = Json.writeString(record);
        assertThat(json).startsWith("{\"algorithm\":\"hmac-sha256-rank/v1\",\"drawId\":\"D-1\",\"planId\":\"P-1\","
                + "\"drawnAt\":\"2026-08-01T02:00:00Z\",\"seed\":\"" + "00".repeat(32) + "\",\"inspectorsPerTarget\":2,"
                + "\"departments\":[],\"strata\":[{\"stratum\":\"ALL\",\"ratio\":null,\"count\":1,\"candidates\":1,"
                + "\"drawn\":1}],\"candidatesSha256\":\"");
        assertThat(json).contains("\"inspectors\":[\"I", "\"unassigned\":null}]").endsWith(",\"voided\":[]}");
        assertThat(json).doesNotContain("random", "witness");
        assertThat(record.departments()).isEmpty();
        assertThat(new DrawRecord(null, null, null, null, null, null, null, 2, null, null, null, null, null))
                .satisfies(r -> {
                    assertThat(r.departments()).isEmpty();
                    assertThat(r.strata()).isEmpty();
                    assertThat(r.targets()).isEmpty();
                    assertThat(r.voided()).isEmpty();
                });
        assertThat(new DrawRecord.Target("T1", "A", "00", null, "why").inspectors()).isEmpty();
    }

    @Test
    void readersIgnoreFieldsALaterVersionAddsButNotWrongTypes() throws IOException {
        String candidates = "{\"targets\":[{\"id\":\"T1\",\"stratum\":\"A\",\"county\":\"东源县\"}],"
                + "\"inspectors\":[{\"id\":\"I1\",\"department\":\"资源科\",\"excluded\":[],\"name\":\"x\"}],\"plan\":{}}";
        Candidates read = Json.readDocument(stream(candidates), Candidates.class);
        assertThat(read.targets()).containsExactly(new TargetCandidate("T1", "A"));
        assertThat(read.inspectors()).containsExactly(new InspectorCandidate("I1", "资源科", List.of()));
        assertThatThrownBy(() -> Json.readDocument(stream("{\"targets\":[{\"id\":1,\"stratum\":\"A\"}]}"),
                Candidates.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.readDocument(stream("{\"targets\":[{\"id\":\"a\\tb\",\"stratum\":\"A\"}]}"),
                Candidates.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("a target's id must be text without control characters");
        assertThatThrownBy(() -> Json.readDocument(stream("null"), Candidates.class)).isInstanceOf(IOException.class)
                .hasMessage("The document is null; a JSON object is expected");
        DrawRecord record = Json.readDocument(stream("{\"algorithm\":\"x\",\"inspectorsPerTarget\":2,\"extra\":[1],"
                + "\"targets\":[{\"id\":\"T1\",\"stratum\":\"A\",\"score\":\"00\",\"inspectors\":[],\"unassigned\":\"r\","
                + "\"note\":1}],\"strata\":[{\"stratum\":\"A\",\"ratio\":\"0.1\",\"count\":null,\"candidates\":1,"
                + "\"drawn\":1,\"more\":true}],\"voided\":[{\"drawId\":\"D0\",\"reason\":\"r\",\"at\":\"t\",\"by\":\"x\"}]}"),
                DrawRecord.class);
        assertThat(record.targets()).containsExactly(new DrawRecord.Target("T1", "A", "00", List.of(), "r"));
        assertThat(record.voided()).containsExactly(new DrawRecord.Voided("D0", "r", "t"));
        assertThat(record.strata().get(0).rule()).isEqualTo(QuotaRule.ratio("A", "0.1"));
    }

    @Test
    void documentsLargerThanARequestBodyAreRead() throws IOException {
        StringBuilder json = new StringBuilder("{\"targets\":[");
        for (int i = 0; i < 20_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"914416000000").append(String.format("%06d", i))
                    .append("\",\"stratum\":\"A\"}");
        }
        json.append("]}");
        assertThat(json.length()).isGreaterThan(Json.MAX_DOCUMENT_BYTES);
        assertThat(Json.readDocument(stream(json.toString()), Candidates.class).targets()).hasSize(20_000);
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
