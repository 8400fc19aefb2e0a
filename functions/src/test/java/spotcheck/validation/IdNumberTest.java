package spotcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdNumberTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    /** GB 11643 written out independently: the weights are 2^(17-i) modulo 11, the check makes the sum 1. */
    private static char reference(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * (1 << (17 - i)) % 11;
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    @Test
    void theOfficialExamplesAreValid() {
        for (String id : List.of("360426199101010071", "120103198806018241")) {
            assertThat(IdNumber.problem(id, TODAY)).as(id).isEmpty();
            assertThat(IdNumber.checkCharacter(id.substring(0, 17))).isEqualTo(id.charAt(17));
            assertThat(reference(id.substring(0, 17))).isEqualTo(id.charAt(17));
        }
    }

    @Test
    void aWrongCheckDigitIsATypingError() {
        assertThat(IdNumber.problem("360426199101010072", TODAY)).hasValueSatisfying(p ->
                assertThat(p).contains("check character"));
        assertThat(IdNumber.problem("360426199101010170", TODAY)).hasValue("the check character does not match (a typing error?)");
    }

    @Test
    void theBirthDateMustExistAndBePast() {
        String impossible = "36042619910230007";
        assertThat(IdNumber.problem(impossible + IdNumber.checkCharacter(impossible), TODAY))
                .hasValueSatisfying(p -> assertThat(p).contains("19910230").contains("birth date"));
        String future = "36042620300101007";
        assertThat(IdNumber.problem(future + IdNumber.checkCharacter(future), TODAY))
                .hasValueSatisfying(p -> assertThat(p).contains("2030-01-01").contains("not plausible"));
        String tomorrow = "36042620261128007";
        assertThat(IdNumber.problem(tomorrow + IdNumber.checkCharacter(tomorrow), TODAY))
                .hasValue("the birth date 2026-11-28 in the ID number is not plausible");
        String bornToday = "36042620261127007";
        assertThat(IdNumber.problem(bornToday + IdNumber.checkCharacter(bornToday), TODAY)).isEmpty();
        String tooOld = "36042618991231007";
        assertThat(IdNumber.problem(tooOld + IdNumber.checkCharacter(tooOld), TODAY))
                .hasValue("the birth date 1899-12-31 in the ID number is not plausible");
    }

    @Test
    void anXCheckCharacterMayBeTypedInLowerCase() {
        String first17 = findFirst17WithCheckX();
        assertThat(IdNumber.problem(first17 + "X", TODAY)).isEmpty();
        assertThat(IdNumber.problem(first17 + "x", TODAY)).isEmpty();
        assertThat(IdNumber.normalize(first17 + "x")).isEqualTo(first17 + "X");
        assertThat(IdNumber.problem(first17 + "0", TODAY)).hasValue("the check character does not match (a typing error?)");
    }

    /** A first 17 of the 1991-01-01 birth date whose check character is X. */
    private static String findFirst17WithCheckX() {
        for (int serial = 0; serial < 1000; serial++) {
            String first17 = String.format("36042619910101%03d", serial);
            if (IdNumber.checkCharacter(first17) == 'X') {
                assertThat(reference(first17)).isEqualTo('X');
                return first17;
            }
        }
        throw new AssertionError("no serial gives X");
    }

    @Test
    void spacesAreIgnoredAndFullWidthDigitsFolded() {
        assertThat(IdNumber.problem("360426 19910101 0071", TODAY)).isEmpty();
        assertThat(IdNumber.normalize(" 360426 19910101 0071 ")).isEqualTo("360426199101010071");
        assertThat(IdNumber.normalize("３６０４２６１９９１０１０１００７１")).isEqualTo("360426199101010071");
        assertThat(IdNumber.problem("３６０４２６１９９１０１０１００７１", TODAY)).isEmpty();
    }

    @Test
    void lengthAndCharactersAreChecked() {
        assertThat(IdNumber.problem("36042619910101007", TODAY)).hasValue("an ID number has 18 characters");
        assertThat(IdNumber.problem("3604261991010100711", TODAY)).hasValue("an ID number has 18 characters");
        assertThat(IdNumber.problem(null, TODAY)).hasValue("an ID number has 18 characters");
        assertThat(IdNumber.problem("36042A199101010071", TODAY)).hasValueSatisfying(p ->
                assertThat(p).contains("digits"));
        // the old 15-digit form has no check character and is not accepted
        assertThat(IdNumber.problem("360426910101007", TODAY)).hasValue("an ID number has 18 characters");
        // digits of other scripts are not digits of an ID number
        assertThat(IdNumber.problem("٣٦٠٤٢٦١٩٩١٠١٠١٠٠٧١", TODAY))
                .hasValue("the first 17 characters of an ID number are digits");
    }
}
