package spotcheck.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import spotcheck.core.Json;

/** k_s = min(n_s, ceil(n_s × r)) in exact decimals, or min(n_s, k); and the rule's JSON form. */
class QuotaRuleTest {
    @ParameterizedTest
    @CsvSource({
            // ratio, n, k: where doubles go wrong the exact answer is kept
            "0.07, 100, 7", "0.035, 200, 7", "0.29, 100, 29", "0.57, 100, 57",
            "0.05, 0, 0", "0.05, 1, 1", "0.05, 20, 1", "0.05, 21, 2", "1, 13, 13", "0.000001, 1000000, 1",
            "0.3333, 3, 1", "0.9999, 10000, 9999"})
    void aRatioRoundsUpInExactDecimals(String ratio, long n, long k) {
        assertThat(QuotaRule.ratio(ratio).drawn(n)).isEqualTo(k);
    }

    @Test
    void doublesWouldHaveDrawnOneMore() {
        // the reason for BigDecimal: 100 × 0.07 is 7.000000000000001 in doubles
        assertThat(Math.ceil(100 * 0.07)).isEqualTo(8.0);
        assertThat(QuotaRule.ratio("0.07").drawn(100)).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"5, 0, 0", "5, 3, 3", "5, 5, 5", "5, 6, 5", "1, 1000, 1"})
    void aCountIsCappedByTheCandidates(long count, long n, long k) {
        assertThat(QuotaRule.count(count).drawn(n)).isEqualTo(k);
    }

    @Test
    void inJsonARatioIsItsDecimalStringAndACountItsNumber() {
        Map<String, QuotaRule> quota = Map.of("A", QuotaRule.ratio("0.050"), "D", QuotaRule.count(5));
        String json = Json.writeString(new java.util.TreeMap<>(quota));
        assertThat(json).isEqualTo("{\"A\":\"0.05\",\"D\":5}");
        assertThat(QuotaRule.fromJson("0.05")).isEqualTo(QuotaRule.ratio("0.05"));
        assertThat(QuotaRule.fromJson(5L)).isEqualTo(QuotaRule.count(5));
        assertThat(QuotaRule.ratio("1.0")).isEqualTo(QuotaRule.ratio("1"));
        assertThat(QuotaRule.ratio("1.0").ratioText()).isEqualTo("1");
    }

    @Test
    void strataListEachRuleWithItsCandidatesAndDraw() {
        Map<String, QuotaRule> quota = new java.util.TreeMap<>(Map.of("A", QuotaRule.ratio("0.02"),
                "D", QuotaRule.count(3)));
        assertThat(PlanRules.strata(quota, Map.of("A", 120L, "D", 2L))).containsExactly(
                new PlanEstimate.Stratum("A", "0.02", null, 120, 3), new PlanEstimate.Stratum("D", null, 3L, 2, 2));
        assertThat(PlanRules.strata(quota, Map.of())).extracting(PlanEstimate.Stratum::expected)
                .isEqualTo(List.of(0L, 0L));
        assertThat(PlanRules.stratum(Map.of("ALL", QuotaRule.count(1)), "C")).isEqualTo("ALL");
        assertThat(PlanRules.stratum(quota, "C")).isEqualTo("C");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "33, 1", "34, 2", "100, 3", "133, 4", "300, 9", "301, 10"})
    void theAnnualFloorIsThreePercentRoundedUp(long active, long floor) {
        assertThat(PlanRules.annualFloor(active)).isEqualTo(floor);
    }
}
