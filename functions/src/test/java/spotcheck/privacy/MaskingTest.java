package spotcheck.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void anIdNumberKeepsItsFirstAndLastFour() {
        assertThat(Masking.idNumber("360426199101010071")).isEqualTo("3604**********0071");
        assertThat(Masking.idNumber("12010319880601824X")).isEqualTo("1201**********824X");
        // too short to keep anything without showing it all
        assertThat(Masking.idNumber("12345678")).isEqualTo("********");
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void aMobileKeepsItsPrefixAndLastFourALandlineOnlyItsLastFour() {
        assertThat(Masking.phone("13800138000")).isEqualTo("138****8000");
        assertThat(Masking.phone("138-0013-8000")).isEqualTo("138****8000");
        assertThat(Masking.phone("07623388123")).isEqualTo("*******8123");
        assertThat(Masking.phone("0762-3388123")).isEqualTo("*******8123");
        assertThat(Masking.phone("3388123")).isEqualTo("****123");
        assertThat(Masking.phone("123")).isEqualTo("**3");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void anAddressKeepsAboutItsCountyAndTown() {
        assertThat(Masking.address("广东省河源市东源县仙塘镇工业园8号")).isEqualTo("广东省河源市****");
        assertThat(Masking.address("东源县仙塘镇")).isEqualTo("东源县****");
        assertThat(Masking.address("仙塘")).isEqualTo("仙****");
        assertThat(Masking.address("𠀀𠀁𠀂𠀃")).isEqualTo("𠀀𠀁****");
        assertThat(Masking.address(null)).isNull();
    }

    @Test
    void maskedValuesNeverContainTheHiddenPart() {
        assertThat(Masking.idNumber("360426199101010071")).doesNotContain("19910101");
        assertThat(Masking.phone("13800138000")).doesNotContain("0013");
        assertThat(Masking.address("东源县仙塘镇工业园8号")).doesNotContain("工业园");
    }
}
