package spotcheck.draw;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keyed with the raw seed bytes, over a message given as a fixed prefix and a suffix,
 * into one reused buffer (a draw computes a million of them). Counts what it computes.
 */
final class Hmac {
    private final Mac mac;
    private final byte[] out = new byte[32];
    private final ByteBuffer words = ByteBuffer.wrap(out);
    private final byte[] digits = new byte[20];
    private long count;

    Hmac(Seed seed) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.bytes(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC(prefix || suffix); read its result with {@link #word}. */
    void compute(byte[] prefix, byte[] suffix) {
        compute(prefix, suffix, 0, suffix.length);
    }

    /** The first 8 bytes, big-endian, of HMAC(prefix || decimal digits of j). */
    long first8(byte[] prefix, long j) {
        int start = digits.length;
        long rest = j;
        do {
            digits[--start] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        compute(prefix, digits, start, digits.length - start);
        return word(0);
    }

    /** Bytes 8i to 8i+7 of the last result, big-endian. */
    long word(int i) {
        return words.getLong(8 * i);
    }

    long count() {
        return count;
    }

    private void compute(byte[] prefix, byte[] suffix, int offset, int length) {
        mac.update(prefix);
        mac.update(suffix, offset, length);
        try {
            mac.doFinal(out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        count++;
    }
}
