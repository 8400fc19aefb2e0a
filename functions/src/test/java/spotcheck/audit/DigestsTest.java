package spotcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestsTest {
    private static final byte[] KEY = "test-audit-key".getBytes(StandardCharsets.UTF_8);

    record Thing(String name, long version, List<String> tags) { }

    @Test
    void digestIsCanonicalAndSensitiveToEveryField() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", "二");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", "二");
        b.put("x", 1);
        assertThat(Digests.hmacSha256(KEY, a)).isEqualTo(Digests.hmacSha256(KEY, b)).hasSize(64);
        assertThat(Digests.hmacSha256(KEY, new Thing("a", 1, List.of())))
                .isNotEqualTo(Digests.hmacSha256(KEY, new Thing("a", 2, List.of())));
        assertThat(Digests.hmacSha256(KEY, null)).isNull();
    }

    /**
     * Known answer, computed outside Java:
     * {@code printf '%s' '{"contactPhone":"13912345678","name":"东源县林场","version":1}' | openssl dgst -sha256 -hmac test-audit-key}
     * (UTF-8). The plain SHA-256 of the same bytes, a33910…a3b2, is what a keyless digest would have been.
     */
    @Test
    void hmacOfTheCanonicalJsonMatchesAnIndependentComputation() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("version", 1);
        snapshot.put("name", "东源县林场");
        snapshot.put("contactPhone", "13912345678");
        assertThat(new String(Digests.canonicalJson(snapshot), StandardCharsets.UTF_8))
                .isEqualTo("{\"contactPhone\":\"13912345678\",\"name\":\"东源县林场\",\"version\":1}");
        assertThat(Digests.hmacSha256(KEY, snapshot))
                .isEqualTo("e9de9a82cf3964d1c094d723f832d46a304c1055c0e695900f5214b885185806");
        assertThat(Digests.hmacSha256("another-key".getBytes(StandardCharsets.UTF_8), snapshot))
                .isNotEqualTo("e9de9a82cf3964d1c094d723f832d46a304c1055c0e695900f5214b885185806")
                .isNotEqualTo("a33910758120ab69dfaca24654fa1599ede2420611a2d58b4ef17bae2cdca3b2");
        assertThat(Digests.ALGORITHM).isEqualTo("HMAC-SHA256");
    }

    @Test
    void changedFieldsNamesOnlyWhatDiffers() {
        assertThat(Digests.changedFields(new Thing("a", 1, List.of("t")), new Thing("b", 2, List.of("t"))))
                .containsExactly("name", "version");
        assertThat(Digests.changedFields(null, new Thing("a", 1, List.of()))).containsExactly("name", "tags", "version");
    }
}
