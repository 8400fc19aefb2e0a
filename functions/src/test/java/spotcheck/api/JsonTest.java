package spotcheck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(String name, Long version, List<String> tags, Boolean publish) { }

    private static ApiException failure(String json) {
        try {
            Json.read(json.getBytes(StandardCharsets.UTF_8), Sample.class);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsAWellFormedBody() {
        Sample s = Json.read("{\"name\":\"林木采伐\",\"version\":3,\"tags\":[\"a\"],\"publish\":true}"
                .getBytes(StandardCharsets.UTF_8), Sample.class);
        assertThat(s).isEqualTo(new Sample("林木采伐", 3L, List.of("a"), true));
    }

    @Test
    void malformedJsonIs400() {
        ApiException e = failure("{\"name\": ");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("malformed_request");
        assertThat(failure("{\"name\":\"a\"} trailing").status()).isEqualTo(400);
        assertThat(failure("").status()).isEqualTo(400);
        // cut off inside a field's value: still a syntax error, not a wrong field
        assertThat(failure("{\"name\": \"林木").status()).isEqualTo(400);
        assertThat(failure("{\"tags\": [\"a\", ").status()).isEqualTo(400);
    }

    @Test
    void unknownFieldsAre422NamingTheField() {
        ApiException e = failure("{\"name\":\"a\",\"colour\":\"red\"}");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.details()).extracting(ApiException.Detail::field).containsExactly("colour");
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        assertThat(failure("{\"name\":5}").details()).extracting(ApiException.Detail::field).containsExactly("name");
        assertThat(failure("{\"version\":\"3\"}").details()).extracting(ApiException.Detail::field)
                .containsExactly("version");
        assertThat(failure("{\"tags\":\"a\"}").status()).isEqualTo(422);
        assertThat(failure("{\"publish\":\"yes\"}").status()).isEqualTo(422);
        assertThat(failure("[1,2]").status()).isEqualTo(422);
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(failure("{\"name\":\"a\",\"name\":\"b\"}").status()).isIn(400, 422);
    }
}
