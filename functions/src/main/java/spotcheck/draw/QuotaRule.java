package spotcheck.draw;

import java.math.BigDecimal;
import java.math.RoundingMode;
import spotcheck.core.DomainException;

/**
 * How many of a stratum's candidates are drawn: a ratio r (0 &lt; r &lt;= 1) or a fixed count k,
 * exactly one of them. k_s = min(n_s, ceil(n_s × r)) in exact decimal arithmetic, or min(n_s, k).
 */
public record QuotaRule(String stratum, BigDecimal ratio, Integer count) {
    /** Plain decimal text, as records state ratios: "0.05", "1", "0.30". */
    private static final String DECIMAL = "[0-9]{1,9}(\\.[0-9]{1,18})?";

    public QuotaRule {
        if (!DrawInput.isText(stratum)) {
            throw DomainException.invalid("strata", "a quota rule names its stratum");
        }
        if ((ratio == null) == (count == null)) {
            throw DomainException.invalid("strata", "stratum " + stratum + " needs either a ratio or a count");
        }
        if (ratio != null && (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0)) {
            throw DomainException.invalid("strata", "the ratio of stratum " + stratum
                    + " must be more than 0 and at most 1 (got " + ratio.toPlainString() + ")");
        }
        if (count != null && count < 1) {
            throw DomainException.invalid("strata", "the count of stratum " + stratum
                    + " must be at least 1 (got " + count + ")");
        }
    }

    /** A ratio written as plain decimal text. */
    public static QuotaRule ratio(String stratum, String ratio) {
        if (ratio == null || !ratio.matches(DECIMAL)) {
            throw DomainException.invalid("strata", "the ratio of stratum " + stratum
                    + " must be a plain decimal such as 0.05");
        }
        return new QuotaRule(stratum, new BigDecimal(ratio), null);
    }

    public static QuotaRule count(String stratum, int count) {
        return new QuotaRule(stratum, null, count);
    }

    /** k_s for a stratum of {@code candidates}. */
    public int quota(int candidates) {
        if (count != null) {
            return Math.min(candidates, count);
        }
        BigDecimal exact = ratio.multiply(BigDecimal.valueOf(candidates)).setScale(0, RoundingMode.CEILING);
        return Math.min(candidates, exact.intValueExact());
    }

    /** The ratio as the record writes it, or null for a count. */
    public String ratioText() {
        return ratio == null ? null : ratio.toPlainString();
    }
}
