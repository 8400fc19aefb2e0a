package spotcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.validation.CreditCode.Verdict;

class CreditCodeTest {
    private static final String OFFICIAL = "91350100M000100Y43";

    /** GB 32100 written out independently: the weights are the powers of 3 modulo 31. */
    private static char reference(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CreditCode.CHARSET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return CreditCode.CHARSET.charAt((31 - sum % 31) % 31);
    }

    @Test
    void theOfficialExampleIsValid() {
        CreditCode.Check c = CreditCode.check(OFFICIAL);
        assertThat(c.verdict()).isEqualTo(Verdict.VALID);
        assertThat(c.code()).isEqualTo(OFFICIAL);
        assertThat(c.problem()).isNull();
        assertThat(c.acceptable()).isTrue();
        assertThat(CreditCode.checkCharacter(OFFICIAL.substring(0, 17))).isEqualTo('3');
    }

    @Test
    void oneChangedCharacterIsAcceptedButFlaggedAsAChecksumMismatch() {
        for (String changed : List.of("91350100M000100Y44", "91350100M000101Y43", "92350100M000100Y43")) {
            CreditCode.Check c = CreditCode.check(changed);
            assertThat(c.verdict()).as(changed).isEqualTo(Verdict.CHECKSUM_MISMATCH);
            assertThat(c.acceptable()).isTrue();
            assertThat(c.code()).isEqualTo(changed);
            assertThat(c.problem()).contains("kept for review");
        }
    }

    @Test
    void lowerCaseFullWidthAndSpacedInputIsNormalised() {
        for (String typed : List.of("91350100m000100y43", "９１３５０１００Ｍ０００１００Ｙ４３",
                " 9135 0100 M000 100Y 43 ", "91350100-M000100-Y43", "91350100M000100Y43\u3000",
                "9135\u00a00100M000100Y43")) {
            CreditCode.Check c = CreditCode.check(typed);
            assertThat(c.verdict()).as(typed).isEqualTo(Verdict.VALID);
            assertThat(c.code()).isEqualTo(OFFICIAL);
        }
        assertThat(CreditCode.normalize(null)).isNull();
    }

    @Test
    void lettersOutsideTheCharacterSetAreMalformed() {
        for (char forbidden : "IOSVZ".toCharArray()) {
            String code = "91350100" + forbidden + "000100Y43";
            CreditCode.Check c = CreditCode.check(code);
            assertThat(c.verdict()).as(code).isEqualTo(Verdict.MALFORMED);
            assertThat(c.acceptable()).isFalse();
            assertThat(c.problem()).contains("character 9").contains("'" + forbidden + "'");
        }
        assertThat(CreditCode.check("91350100M000100Y4#").verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void theRegionCodeMustBeDigits() {
        String first17 = "913A0100M000100Y4";
        // even with a matching check character: the region code is wrong, not the checksum
        CreditCode.Check c = CreditCode.check(first17 + CreditCode.checkCharacter(first17));
        assertThat(c.verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(c.problem()).contains("region code");
    }

    @Test
    void wrongLengthsAreMalformed() {
        for (String code : List.of("91350100M000100Y4", "91350100M000100Y433", "9")) {
            CreditCode.Check c = CreditCode.check(code);
            assertThat(c.verdict()).as(code).isEqualTo(Verdict.MALFORMED);
            assertThat(c.problem()).contains("18 characters").contains(Integer.toString(code.length()));
        }
        assertThat(CreditCode.check("").verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(CreditCode.check("   ").verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(CreditCode.check(null).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void aFifteenDigitRegistrationNumberIsRecognisedAsLegacy() {
        CreditCode.Check c = CreditCode.check("441625 000012345");
        assertThat(c.verdict()).isEqualTo(Verdict.LEGACY_REGISTRATION_NUMBER);
        assertThat(c.code()).isEqualTo("441625000012345");
        assertThat(c.acceptable()).isTrue();
        assertThat(CreditCode.check("44162500001234X").verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void digitsOfOtherScriptsAreNotDigitsOfACode() {
        // Arabic-Indic digits are digits to Java, but no registration number is written with them
        String arabicIndic = "٤٤١٦٢٥٠٠٠٠١٢٣٤٥";
        assertThat(CreditCode.check(arabicIndic).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void computedCodesAreValidAndAgreeWithAnIndependentComputation() {
        for (String first17 : List.of("91441625MA4W12345", "92441602MA51X0TBJ", "93441622MA4WHKQ7X",
                "11441600007000000", "91440101190442356")) {
            char check = CreditCode.checkCharacter(first17);
            assertThat(check).as(first17).isEqualTo(reference(first17));
            assertThat(CreditCode.check(first17 + check).verdict()).isEqualTo(Verdict.VALID);
            // every other check character is a mismatch
            for (char other : CreditCode.CHARSET.toCharArray()) {
                if (other != check) {
                    assertThat(CreditCode.check(first17 + other).verdict()).isEqualTo(Verdict.CHECKSUM_MISMATCH);
                }
            }
        }
        assertThat(reference(OFFICIAL.substring(0, 17))).isEqualTo('3');
    }

    @Test
    void checkCharacterRefusesCharactersOutsideTheSet() {
        assertThatThrownBy(() -> CreditCode.checkCharacter("91350100O000100Y4"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A resident ID number passes the credit code's check (flagged), but is never a publishable code. */
    @Test
    void publishableCodesAreCreditCodesAndNeverIdNumbers() {
        String id = "360426199101010071";
        assertThat(CreditCode.check(id).acceptable()).isTrue();
        assertThat(CreditCode.publishable(id)).isNull();
        assertThat(CreditCode.publishable("441625650101123")).isNull();
        assertThat(CreditCode.publishable("T-ABCDEFGHJKLMNPQR")).isNull();
        assertThat(CreditCode.publishable(null)).isNull();
        assertThat(CreditCode.publishable(" 91350100m000100y43 ")).isEqualTo("91350100M000100Y43");
    }
}
