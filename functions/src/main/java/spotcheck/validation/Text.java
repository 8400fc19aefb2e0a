package spotcheck.validation;

/** Normalising free text from clients (pure). */
public final class Text {
    private Text() { }

    /** Trimmed text, or null for absent or blank input: optional fields store nothing rather than "". */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
