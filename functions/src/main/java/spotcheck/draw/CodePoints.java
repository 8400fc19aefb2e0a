package spotcheck.draw;

import java.util.Comparator;

/**
 * Code-point order of strings, as the draw specification sorts ids and department names.
 * {@link String#compareTo} compares UTF-16 units, which puts a character beyond U+FFFF (a
 * surrogate pair, U+D800–U+DFFF) before U+E000–U+FFFF; here it comes after them, as in UTF-8.
 */
final class CodePoints {
    static final Comparator<String> ORDER = CodePoints::compare;

    private CodePoints() { }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    // the first difference of two valid strings: move surrogates above U+E000–U+FFFF
                    return lift(x) - lift(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int lift(char c) {
        return Character.isSurrogate(c) ? c + 0x2000 : c - 0x800;
    }
}
