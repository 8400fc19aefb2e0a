package spotcheck.plans;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * How many of a stratum's candidates a plan draws: a ratio r (0 &lt; r &le; 1, written as a decimal string,
 * {@code "0.05"}) or a fixed count k (a whole number, {@code 5}). In JSON it is the bare string or number,
 * as {@code quota: {"A": "0.02", "D": 5}} reads. Pure.
 */
public record QuotaRule(BigDecimal ratio, Long count) {

    public QuotaRule {
        if ((ratio == null) == (count == null)) {
            throw new IllegalArgumentException("a quota rule is a ratio or a count");
        }
        // "0.050" and "0.05" are the same rule
        ratio = ratio == null ? null : ratio.stripTrailingZeros();
    }

    public static QuotaRule ratio(String r) {
        return new QuotaRule(new BigDecimal(r), null);
    }

    public static QuotaRule count(long k) {
        return new QuotaRule(null, k);
    }

    /** A stored rule (checked when it was written): a string is a ratio, a number a count. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static QuotaRule fromJson(Object value) {
        return value instanceof Number n ? count(n.longValue()) : ratio(String.valueOf(value));
    }

    @JsonValue
    Object json() {
        return ratio != null ? ratio.toPlainString() : count;
    }

    /** The ratio as the draw record writes it ({@code "0.05"}), or null for a count. */
    public String ratioText() {
        return ratio == null ? null : ratio.toPlainString();
    }

    /**
     * k_s of specs/draw.md for a stratum of {@code candidates}: min(n, ceil(n × r)) in exact decimal arithmetic,
     * or min(n, k).
     */
    public long drawn(long candidates) {
        // the draw core's arithmetic, so that an estimate and the draw can never disagree
        int n = Math.toIntExact(Math.min(candidates, Integer.MAX_VALUE));
        return asDrawRule("ALL").quota(n);
    }

    /** This rule as the draw core states it for {@code stratum}. */
    public spotcheck.draw.QuotaRule asDrawRule(String stratum) {
        return new spotcheck.draw.QuotaRule(stratum, ratio, count == null ? null : Math.toIntExact(count));
    }
}
