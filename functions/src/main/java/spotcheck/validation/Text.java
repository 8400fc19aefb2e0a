package spotcheck.validation;

import java.text.Normalizer;

/** Normalising free text from clients (pure). */
public final class Text {
    private Text() { }

    /**
     * Text as natural keys compare it (a target's name in its county, an item's name in its
     * department): full-width forms folded and every space dropped, so "林木采伐　监督检查 " and
     * "林木采伐监督检查" are the same name.
     */
    public static String matchKey(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }

    /** Trimmed text, or null for absent or blank input: optional fields store nothing rather than "". */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
