package spotcheck.validation;

import static spotcheck.validation.Text.blankToNull;

/**
 * A login as the identity provider issues it (a token's {@code sub}) given in a field: an inspector's linked
 * account, a department head (pure).
 */
public final class Logins {
    public static final int MAX_LENGTH = 128;

    private Logins() { }

    /**
     * The login given in {@code field}, trimmed; null when absent or blank (none). 1 to 128 characters, without
     * spaces or control characters: compared exactly, as the identity provider issues it. A problem is recorded
     * otherwise; the value is never repeated in a message.
     */
    public static String check(Checks checks, String field, String raw) {
        String s = blankToNull(raw);
        if (s == null) {
            return null;
        }
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            checks.problem(field, field + " is longer than " + MAX_LENGTH + " characters");
        }
        if (s.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT)) {
            checks.problem(field, field + " contains spaces or control characters (give the login as the"
                    + " identity provider issues it)");
        }
        return s;
    }
}
