package spotcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(String name, Long version, List<String> tags, Boolean publish) { }

    private static DomainException failure(String json) {
        try {
            Json.read(json.getBytes(StandardCharsets.UTF_8), Sample.class);
        } catch (DomainException e) {
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
        DomainException e = failure("{\"name\": ");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(e.code()).isEqualTo("malformed_request");
        assertThat(failure("{\"name\":\"a\"} trailing").kind()).isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(failure("").kind()).isEqualTo(DomainException.Kind.MALFORMED);
        // cut off inside a field's value: still a syntax error, not a wrong field
        assertThat(failure("{\"name\": \"林木").kind()).isEqualTo(DomainException.Kind.MALFORMED);
        assertThat(failure("{\"tags\": [\"a\", ").kind()).isEqualTo(DomainException.Kind.MALFORMED);
    }

    @Test
    void unknownFieldsAre422NamingTheField() {
        DomainException e = failure("{\"name\":\"a\",\"colour\":\"red\"}");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.details()).extracting(DomainException.Detail::field).containsExactly("colour");
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        assertThat(failure("{\"name\":5}").details()).extracting(DomainException.Detail::field).containsExactly("name");
        assertThat(failure("{\"version\":\"3\"}").details()).extracting(DomainException.Detail::field)
                .containsExactly("version");
        assertThat(failure("{\"tags\":\"a\"}").kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(failure("{\"publish\":\"yes\"}").kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(failure("[1,2]").kind()).isEqualTo(DomainException.Kind.INVALID);
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(failure("{\"name\":\"a\",\"name\":\"b\"}").kind()).isEqualTo(DomainException.Kind.MALFORMED);
    }
}
