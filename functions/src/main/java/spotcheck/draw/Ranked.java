package spotcheck.draw;

import java.util.HexFormat;

/** A target with its score, the 256-bit HMAC as four unsigned big-endian words. */
final class Ranked implements Comparable<Ranked> {
    final long s0;
    final long s1;
    final long s2;
    final long s3;
    final TargetCandidate target;

    Ranked(long s0, long s1, long s2, long s3, TargetCandidate target) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.target = target;
    }

    /** Score ascending, then id in code-point order: the draw order, and which of a stratum are drawn. */
    @Override
    public int compareTo(Ranked o) {
        return compare(o.s0, o.s1, o.s2, o.s3, o.target.id());
    }

    int compare(long t0, long t1, long t2, long t3, String id) {
        int c = Long.compareUnsigned(s0, t0);
        if (c == 0) {
            c = Long.compareUnsigned(s1, t1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(s2, t2);
        }
        if (c == 0) {
            c = Long.compareUnsigned(s3, t3);
        }
        return c != 0 ? c : CodePoints.compare(target.id(), id);
    }

    String scoreHex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(s0) + hex.toHexDigits(s1) + hex.toHexDigits(s2) + hex.toHexDigits(s3);
    }
}
