package spotcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;

class ChecksTest {
    @Test
    void collectsEveryProblemBeforeAnswering() {
        Checks c = new Checks()
                .text("name", " ", 10)
                .oneOf("category", "urgent", Set.of("general", "key"))
                .nonEmptySubset("methods", List.of("on_site", "on_site", "x"), Set.of("on_site"));
        assertThat(c.problems()).extracting(DomainException.Detail::field)
                .containsExactly("name", "category", "methods[1]", "methods[2]");
        assertThatThrownBy(() -> c.throwIfAny("The item is not valid"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                    assertThat(e.getMessage()).isEqualTo("The item is not valid: 4 problems");
                    assertThat(e.details()).hasSize(4);
                });
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(new Checks().text("name", "林木采伐监督检查", 8).ok()).isTrue();
        assertThat(new Checks().text("name", "林木采伐监督检查", 7).ok()).isFalse();
    }

    @Test
    void rejectsControlCharactersAndBadDates() {
        assertThat(new Checks().text("name", "a\u0000b", 10).ok()).isFalse();
        Checks c = new Checks();
        assertThat(c.date("from", "2023-02-30")).isNull();
        assertThat(c.date("from", "2023-09-27")).hasToString("2023-09-27");
        assertThat(c.problems()).hasSize(1);
    }

    @Test
    void noProblemsMeansNoException() {
        new Checks().text("name", "ok", 5).throwIfAny("unused");
        assertThat(Text.blankToNull("  ")).isNull();
        assertThat(Text.blankToNull(" a ")).isEqualTo("a");
    }
}
