package spotcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException.Detail;

/** The edges of the validation rules, each side decided. */
class BoundariesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    @Test
    void theEarliestPlausibleBirthYearIs1900() {
        assertThat(IdNumber.problem(withCheck("36042619000101007"), TODAY)).isEmpty();
        assertThat(IdNumber.problem(withCheck("36042618991231007"), TODAY))
                .contains("the birth date 1899-12-31 in the ID number is not plausible");
        // born today is plausible, tomorrow is not
        assertThat(IdNumber.problem(withCheck("36042620261127007"), TODAY)).isEmpty();
        assertThat(IdNumber.problem(withCheck("36042620261128007"), TODAY))
                .contains("the birth date 2026-11-28 in the ID number is not plausible");
    }

    /** A 15-digit registration number: every ASCII digit, 0 and 9 included. */
    @Test
    void legacyRegistrationNumbersMayHoldEveryDigit() {
        assertThat(CreditCode.check("440900000099999").verdict()).isEqualTo(CreditCode.Verdict.LEGACY_REGISTRATION_NUMBER);
        assertThat(CreditCode.check("4409000000999:9").verdict()).isEqualTo(CreditCode.Verdict.MALFORMED);
        assertThat(CreditCode.check("4409000000999/9").verdict()).isEqualTo(CreditCode.Verdict.MALFORMED);
    }

    @Test
    void requiredNamesTheMissingField() {
        Checks checks = new Checks().required("version", null).required("name", "x");
        assertThat(checks.problems()).containsExactly(new Detail("version", "version is required"));
    }

    @Test
    void matchesChecksOnlyAGivenValue() {
        Pattern code = Pattern.compile("[A-Z]{2}");
        Checks checks = new Checks().matches("a", "AB", code, "is two capitals").matches("b", null, code, "x")
                .matches("c", "ab", code, "is two capitals");
        assertThat(checks.problems()).containsExactly(new Detail("c", "c is two capitals"));
    }

    @Test
    void subsetsNameTheAllowedValuesSorted() {
        Set<String> allowed = Set.of("written", "on_site", "testing");
        Checks checks = new Checks().nonEmptySubset("methods", List.of(), allowed)
                .nonEmptySubset("m", List.of("testing", "phone", "testing"), allowed)
                .oneOf("category", "minor", Set.of("key", "general"))
                .nonEmptySubset("ok", List.of("written"), allowed);
        assertThat(checks.problems()).containsExactly(
                new Detail("methods", "methods needs at least one of on_site, testing, written"),
                new Detail("m[1]", "'phone' is not a valid value; use one of on_site, testing, written"),
                new Detail("m[2]", "'testing' is listed twice"),
                new Detail("category", "'minor' is not a valid category; use one of general, key"));
    }
}
