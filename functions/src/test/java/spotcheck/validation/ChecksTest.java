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

    /** The one year parser of plans, tasks and statistics: 2000 to 2100, four digits. */
    @Test
    void aYearIsFourDigitsFrom2000To2100() {
        Checks c = new Checks();
        assertThat(c.optionalYear("year", null)).isNull();
        assertThat(c.optionalYear("year", "  ")).isNull();
        assertThat(c.optionalYear("year", "2000")).isEqualTo(2000);
        assertThat(c.optionalYear("year", " 2100 ")).isEqualTo(2100);
        assertThat(c.ok()).isTrue();
        assertThat(c.optionalYear("year", "1999")).isNull();
        assertThat(c.optionalYear("when", "2101")).isNull();
        assertThat(c.optionalYear("year", "26")).isNull();
        assertThat(c.optionalYear("year", "２０２６")).isNull();
        assertThat(c.optionalYear("year", "+2026")).isNull();
        assertThat(c.problems()).extracting(d -> d.field() + ": " + d.message()).containsExactly(
                "year: year must be a year from 2000 to 2100", "when: year must be a year from 2000 to 2100",
                "year: year must be a year from 2000 to 2100", "year: year must be a year from 2000 to 2100",
                "year: year must be a year from 2000 to 2100");
        assertThat(Checks.year(null)).isNull();
        assertThat(Checks.year("2026")).isEqualTo(2026);
        assertThatThrownBy(() -> Checks.year("20261")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(e.getMessage()).isEqualTo("year must be a year from 2000 to 2100");
            assertThat(e.details()).containsExactly(new DomainException.Detail("year",
                    "year must be a year from 2000 to 2100"));
        });
    }
}
