package spotcheck.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The one id generator: random ids for new things, and ids derived from a natural key for things
 * that must come out the same when an event or a step is repeated. Both use Crockford's base-32
 * letters (no I, L, O, U), so an id read aloud or typed is not mistaken.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** Made on first use, never at init: a SnapStart snapshot must not share a random state. */
    private static volatile SecureRandom random;

    private Ids() { }

    /** {@code prefix} and {@code length} random letters, e.g. {@code ITEM-7K3M9Q2XPA}. */
    public static String random(String prefix, int length) {
        SecureRandom r = random;
        if (r == null) {
            synchronized (Ids.class) {
                if (random == null) {
                    random = new SecureRandom();
                }
                r = random;
            }
        }
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return prefix + new String(id);
    }

    /** {@code prefix} and 16 letters of the SHA-256 of {@code naturalKey}: the same key, the same id. */
    public static String derived(String prefix, String naturalKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(naturalKey.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder(prefix);
            for (int i = 0; i < 16; i++) {
                out.append(ALPHABET[(h[i] & 0xff) % 32]);
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
