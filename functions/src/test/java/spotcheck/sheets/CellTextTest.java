package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import spotcheck.sheets.DateFormats.Kind;

class CellTextTest {
    @Test
    void numbersAsAPersonWritesThem() {
        assertThat(CellText.plain(new BigDecimal("1.3800138E10"))).isEqualTo("13800138000");
        assertThat(CellText.plain(new BigDecimal("3.0"))).isEqualTo("3");
        assertThat(CellText.plain(new BigDecimal("1.5E3"))).isEqualTo("1500");
        assertThat(CellText.plain(new BigDecimal("0.30000000000000004"))).isEqualTo("0.3");
        assertThat(CellText.plain(new BigDecimal("123456789012345678"))).isEqualTo("123456789012346000");
        assertThat(CellText.plain(new BigDecimal("-0.0"))).isEqualTo("0");
        assertThat(CellText.plain(new BigDecimal("2.5E-7"))).isEqualTo("0.00000025");
    }

    @Test
    void serialDaysAsDates() {
        assertThat(CellText.dateTime(new BigDecimal("45366"), Kind.DATE, false)).isEqualTo("2024-03-15");
        assertThat(CellText.dateTime(new BigDecimal("1"), Kind.DATE, false)).isEqualTo("1900-01-01");
        assertThat(CellText.dateTime(new BigDecimal("59"), Kind.DATE, false)).isEqualTo("1900-02-28");
        assertThat(CellText.dateTime(new BigDecimal("60"), Kind.DATE, false)).isNull();
        assertThat(CellText.dateTime(new BigDecimal("61"), Kind.DATE, false)).isEqualTo("1900-03-01");
        assertThat(CellText.dateTime(new BigDecimal("0"), Kind.DATE, true)).isEqualTo("1904-01-01");
        assertThat(CellText.dateTime(new BigDecimal("45366.99998843"), Kind.DATE_TIME, false))
                .isEqualTo("2024-03-15 23:59:59");
        assertThat(CellText.dateTime(new BigDecimal("45366.9999999"), Kind.DATE_TIME, false))
                .isEqualTo("2024-03-16 00:00:00");
        assertThat(CellText.dateTime(new BigDecimal("45366.9999999"), Kind.DATE, false)).isEqualTo("2024-03-15");
        assertThat(CellText.dateTime(new BigDecimal("0.5"), Kind.TIME, false)).isEqualTo("12:00:00");
        assertThat(CellText.dateTime(new BigDecimal("2958466"), Kind.DATE, false)).isNull();
    }

    @Test
    void formatCodesThatShowDates() {
        assertThat(DateFormats.kind("yyyy\"年\"m\"月\"d\"日\"")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("[$-F800]dddd, mmmm dd, yyyy")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("[DBNum1][$-804]yyyy\"年\"m\"月\"")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("YYYY-MM-DD")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("mmm-yy")).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind("yyyy/m/d h:mm")).isEqualTo(Kind.DATE_TIME);
        assertThat(DateFormats.kind("h:mm AM/PM")).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind("[h]:mm:ss")).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind("mm:ss")).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind("General")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("@")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("0.00E+00")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("#,##0.00_);[Red](#,##0.00)")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("#,##0\"元\"")).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind("0\\d")).isEqualTo(Kind.NONE);
    }

    @Test
    void builtInFormatIds() {
        assertThat(DateFormats.kind(14, null)).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind(31, null)).isEqualTo(Kind.DATE);
        assertThat(DateFormats.kind(22, null)).isEqualTo(Kind.DATE_TIME);
        assertThat(DateFormats.kind(21, null)).isEqualTo(Kind.TIME);
        assertThat(DateFormats.kind(49, null)).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind(0, null)).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind(null, null)).isEqualTo(Kind.NONE);
        assertThat(DateFormats.kind(14, "0.00")).isEqualTo(Kind.NONE);
    }
}
