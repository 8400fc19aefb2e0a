package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellSafetyTest {

    @Test
    void fullWidthFormulaCharactersAreGuardedToo() {
        assertThat(CellSafety.neutralize("＝SUM(A1)")).isEqualTo("'＝SUM(A1)");
        assertThat(CellSafety.neutralize("＋8613800138000")).isEqualTo("'＋8613800138000");
        assertThat(CellSafety.neutralize("－2＋3")).isEqualTo("'－2＋3");
        assertThat(CellSafety.neutralize("＠SUM(1)")).isEqualTo("'＠SUM(1)");
        assertThat(CellSafety.neutralize("仙塘＝镇")).isEqualTo("仙塘＝镇");
    }

    @Test
    void restoreTakesOffExactlyTheGuardAnExportAdded() {
        assertThat(CellSafety.restore("'=1+1")).isEqualTo("=1+1");
        assertThat(CellSafety.restore("'＝1")).isEqualTo("＝1");
        assertThat(CellSafety.restore("''=1")).isEqualTo("'=1");
        // a value that really starts with a quote, not before a formula character, stays as it is
        assertThat(CellSafety.restore("'仙塘镇")).isEqualTo("'仙塘镇");
        assertThat(CellSafety.restore("''仙塘镇")).isEqualTo("''仙塘镇");
        assertThat(CellSafety.restore("'")).isEqualTo("'");
        assertThat(CellSafety.restore("=1")).isEqualTo("=1");
        assertThat(CellSafety.restore("")).isEmpty();
        assertThat(CellSafety.restore(null)).isNull();
    }

    @Test
    void everyValueSurvivesGuardAndRestore() {
        for (String v : List.of("=1", "+86", "-2", "@x", "\t=1", "\r=1", "＝1", "＋1", "－1", "＠1", "'=1", "''=1",
                "'＋1", "'a", "''a", "'", "''", "a=1", "仙塘镇", " =1")) {
            assertThat(CellSafety.restore(CellSafety.neutralize(v))).as(v).isEqualTo(v);
        }
    }
}
