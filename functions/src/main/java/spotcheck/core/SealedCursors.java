package spotcheck.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A list's {@code next} cursor sealed for the public (AES-GCM under a key derived from a deployment secret). A
 * cursor is the index's last key, which holds stored ids (a drawn task's id carries its target's id, which for an
 * individual business registered under its keeper's ID number is that number): sealed, it shows nothing, and a
 * cursor that was not issued here, or was altered, does not open (400). The nonce is drawn for each seal, never at
 * start-up, so restored snapshots of a function do not share one.
 */
public final class SealedCursors {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] PURPOSE = "spotcheck public list cursor v1".getBytes(StandardCharsets.UTF_8);

    private SealedCursors() { }

    /** The cursor sealed under a key derived from {@code secret}; null stays null (the last page). */
    public static String seal(byte[] secret, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(secret), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(cursor.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor a {@link #seal} made; null or blank is the first page; anything else is the client's error. */
    public static String open(byte[] secret, String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return null;
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw notIssued();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(secret), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw notIssued();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException notIssued() {
        return DomainException.malformed("The 'next' cursor is not one this list issued");
    }

    /** A 128-bit AES key for cursors only, derived from the secret (HMAC-SHA256 of a fixed purpose). */
    private static SecretKeySpec key(byte[] secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return new SecretKeySpec(Arrays.copyOf(mac.doFinal(PURPOSE), 16), "AES");
    }
}
