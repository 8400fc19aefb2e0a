package spotcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestsTest {
    record Thing(String name, long version, List<String> tags) { }

    @Test
    void digestIsCanonicalAndSensitiveToEveryField() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", "二");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", "二");
        b.put("x", 1);
        assertThat(Digests.sha256(a)).isEqualTo(Digests.sha256(b)).hasSize(64);
        assertThat(Digests.sha256(new Thing("a", 1, List.of())))
                .isNotEqualTo(Digests.sha256(new Thing("a", 2, List.of())));
        assertThat(Digests.sha256(null)).isNull();
    }

    @Test
    void changedFieldsNamesOnlyWhatDiffers() {
        assertThat(Digests.changedFields(new Thing("a", 1, List.of("t")), new Thing("b", 2, List.of("t"))))
                .containsExactly("name", "version");
        assertThat(Digests.changedFields(null, new Thing("a", 1, List.of()))).containsExactly("name", "tags", "version");
    }
}
