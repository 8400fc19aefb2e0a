package spotcheck.draw;

/**
 * UTF-8 of valid text ({@link DrawInput#isText}: no unpaired surrogate) written straight into a
 * byte array: a draw encodes a million ids, and one new array each is most of what it would allocate.
 */
final class Utf8 {
    /** Three bytes for a char of the Basic Multilingual Plane; a surrogate pair takes four for two chars. */
    static final int MAX_BYTES_PER_CHAR = 3;

    private Utf8() { }

    /** Writes {@code s} at {@code at}, which has room for {@link #MAX_BYTES_PER_CHAR} bytes a char; returns the end. */
    static int encode(String s, byte[] out, int at) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i++);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(i++));
                out[at++] = (byte) (0xf0 | cp >> 18);
                out[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | cp & 0x3f);
            } else {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return at;
    }
}
