package spotcheck.privacy;

/**
 * Masks personal data (ID numbers, phones, home addresses) for readers who do not need
 * it, keeping enough to recognise a record. Pure; null stays null.
 */
public final class Masking {
    private Masking() { }

    /** {@code 360426199101010071} → {@code 3604**********0071}: region kept, birth date hidden. */
    public static String idNumber(String id) {
        return keepEnds(id, 4, 4);
    }

    /** {@code 13800138000} → {@code 138****8000}; a landline keeps its last four digits only. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        return keepEnds(digits, 0, Math.min(4, digits.length() / 2));
    }

    /** Keeps the first six characters (about a county and town), hides the rest. */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        int keep = Math.min(6, address.codePointCount(0, address.length()) / 2);
        return address.substring(0, address.offsetByCodePoints(0, keep)) + "****";
    }

    private static String keepEnds(String s, int head, int tail) {
        if (s == null) {
            return null;
        }
        if (s.length() <= head + tail) {
            return "*".repeat(s.length());
        }
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }
}
