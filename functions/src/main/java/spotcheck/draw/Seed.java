package spotcheck.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import spotcheck.core.DomainException;

/**
 * The 32 bytes every score and inspector draw is keyed with. Made at the moment of the draw
 * ({@link #fresh}); with a witness (a number read out on the draw's video) it is
 * SHA-256(random32 || UTF-8(witness)), and both parts are kept so anyone can recompute it.
 */
public final class Seed {
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final byte[] random;
    private final String witness;

    private Seed(byte[] bytes, byte[] random, String witness) {
        this.bytes = bytes;
        this.random = random;
        this.witness = witness;
    }

    /** A new seed from {@code rng}, with the witness mixed in when there is one (null or empty: none). */
    public static Seed fresh(SecureRandom rng, String witness) {
        byte[] random = new byte[BYTES];
        rng.nextBytes(random);
        return witness == null || witness.isEmpty() ? new Seed(random, null, null) : withWitness(random, witness);
    }

    /** A seed used as it is (no witness). */
    public static Seed of(byte[] seed) {
        return new Seed(requireLength("seed", seed).clone(), null, null);
    }

    /** SHA-256(random || UTF-8(witness)). */
    public static Seed withWitness(byte[] random, String witness) {
        requireLength("random", random);
        if (witness == null || witness.isEmpty() || !DrawInput.isText(witness)) {
            throw DomainException.invalid("witness", "the witness must be non-empty text");
        }
        return new Seed(mix(random, witness), random.clone(), witness);
    }

    /**
     * A seed as a record states it: {@code seed} in hex and, when a witness was mixed in, {@code random}
     * in hex and the witness. It is taken as stated; {@link #matchesWitness} tells whether it is what
     * they make.
     */
    public static Seed parse(String seedHex, String randomHex, String witness) {
        byte[] seed = parseHex("seed", seedHex);
        if (randomHex == null && witness == null) {
            return new Seed(seed, null, null);
        }
        if (randomHex == null || witness == null || witness.isEmpty()) {
            throw DomainException.invalid(randomHex == null ? "random" : "witness",
                    "random and witness go together: a seed with a witness states both");
        }
        return new Seed(seed, parseHex("random", randomHex), witness);
    }

    /** Whether the seed is SHA-256(random || UTF-8(witness)); true for a seed without a witness. */
    public boolean matchesWitness() {
        return mixedHex().equals(hex());
    }

    /** In hex, the seed that random and witness make; without a witness, the seed itself. */
    public String mixedHex() {
        return random == null ? hex() : HEX.formatHex(mix(random, witness));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The random part in hex, or null without a witness. */
    public String randomHex() {
        return random == null ? null : HEX.formatHex(random);
    }

    /** The witness, or null. */
    public String witness() {
        return witness;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seed s && Arrays.equals(bytes, s.bytes) && Arrays.equals(random, s.random)
                && java.util.Objects.equals(witness, s.witness);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Only whether a witness was mixed in: the seed itself is secret until the draw is published. */
    @Override
    public String toString() {
        return random == null ? "Seed[no witness]" : "Seed[with witness]";
    }

    private static byte[] mix(byte[] random, String witness) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(random);
            return sha.digest(witness.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] requireLength(String field, byte[] value) {
        if (value == null || value.length != BYTES) {
            throw DomainException.invalid(field, field + " must be " + BYTES + " bytes");
        }
        return value;
    }

    private static byte[] parseHex(String field, String hex) {
        if (hex == null || !hex.matches("[0-9a-f]{" + 2 * BYTES + "}")) {
            throw DomainException.invalid(field, field + " must be " + 2 * BYTES + " lowercase hex characters");
        }
        return HEX.parseHex(hex);
    }
}
