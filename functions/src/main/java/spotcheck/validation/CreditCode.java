package spotcheck.validation;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015), pure. Some genuine early
 * codes fail the checksum, so a mismatch is a verdict of its own: such codes are kept and
 * flagged for review, never dropped. Legacy 15-digit registration numbers (注册号) are
 * recognised too.
 */
public final class CreditCode {
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public enum Verdict { VALID, CHECKSUM_MISMATCH, LEGACY_REGISTRATION_NUMBER, MALFORMED }

    /** The normalised code and what was found; {@code problem} explains every verdict but VALID. */
    public record Check(String code, Verdict verdict, String problem) {
        public boolean acceptable() {
            return verdict != Verdict.MALFORMED;
        }
    }

    private CreditCode() { }

    /** Full-width characters and lower case, as typed in Chinese spreadsheets, made plain; spaces removed. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return s.replaceAll("[\\s\\u00a0-]", "");
    }

    public static Check check(String raw) {
        String code = normalize(raw);
        if (code == null || code.isEmpty()) {
            return new Check(code, Verdict.MALFORMED, "the credit code is empty");
        }
        // ASCII digits only: Character.isDigit would take other scripts' digits too
        if (code.length() == 15 && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Check(code, Verdict.LEGACY_REGISTRATION_NUMBER,
                    "a 15-digit registration number, not an 18-character credit code: check whether it has one now");
        }
        if (code.length() != 18) {
            return new Check(code, Verdict.MALFORMED, "a credit code has 18 characters, this has " + code.length());
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return new Check(code, Verdict.MALFORMED, "character " + (i + 1) + " ('" + code.charAt(i)
                        + "') is not allowed in a credit code (no I, O, S, V, Z)");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return new Check(code, Verdict.MALFORMED, "characters 3-8 of a credit code are the region code"
                        + " and must be digits");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return new Check(code, Verdict.CHECKSUM_MISMATCH, "the check character is '" + code.charAt(17)
                    + "' but the first 17 characters give '" + expected + "'; some early codes are like this,"
                    + " so it is kept for review");
        }
        return new Check(code, Verdict.VALID, null);
    }

    /**
     * The credit code as it may be published, or null: a code of the credit-code form (checksum mismatches of early
     * codes included), never a resident ID number (some individual businesses were registered under their keeper's
     * and carry it as their "credit code") nor a legacy registration number or anything else. The one test of
     * whether a target's code, and so its id, may appear in public: the public record and export, and the public
     * lookup key of its published results.
     */
    public static String publishable(String raw) {
        if (raw == null) {
            return null;
        }
        Check check = check(raw);
        String code = check.code();
        if (!check.acceptable() || code.length() != 18 || looksLikeIdNumber(code)) {
            return null;
        }
        return code;
    }

    /** 17 digits and the ID number's check character: a resident ID number, whatever else it may pass for. */
    private static boolean looksLikeIdNumber(String s) {
        return s.length() == 18 && s.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9')
                && IdNumber.checkCharacter(s.substring(0, 17)) == s.charAt(17);
    }

    /** The 18th character for the first 17 (which must be from the code's character set). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }
}
