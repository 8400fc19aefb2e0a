package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.sheets.TestFiles.concat;
import static spotcheck.sheets.TestFiles.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text or binary, and in which charset: the exact thresholds of {@link TextEncoding}. */
class TextEncodingTest {
    private static final String BINARY = "'t.csv' is not a table: it contains binary data. Upload an Excel workbook"
            + " (.xlsx) or a CSV file; if it is one, open it in Excel, save it again, and upload the saved copy.";
    private static final String UNKNOWN = "'t.csv' is text in neither UTF-8 nor GBK, so its Chinese cannot be read"
            + " reliably. In Excel choose Save As, file type \"CSV UTF-8\" (or Excel Workbook .xlsx), and upload"
            + " the saved copy.";

    @TempDir
    Path dir;

    private TextEncoding detect(byte[] bytes) throws Exception {
        return TextEncoding.detect(write(dir, "t.csv", bytes), "t.csv");
    }

    private void assertRefused(byte[] bytes, String code, String message) {
        assertThatThrownBy(() -> detect(bytes)).isInstanceOfSatisfying(SheetException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.row()).isZero();
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    /**
     * {@code n} bytes: spaces, tabs, line ends and letters, {@code controls} of them 0x01, and one 0xFF,
     * which is valid in neither UTF-8 nor GB18030.
     */
    private static byte[] invalidText(int n, int controls) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) " a\tb\r\nc ".charAt(i % 8);
        }
        for (int i = 0; i < controls; i++) {
            bytes[10 + i * 7] = 0x01;
        }
        bytes[n - 2] = (byte) 0xFF;
        return bytes;
    }

    @Test
    void bytesValidInNeitherCharsetAreBinaryOnlyPastOneControlInAHundred() throws Exception {
        assertRefused(invalidText(2000, 20), SheetException.UNKNOWN_ENCODING, UNKNOWN);
        assertRefused(invalidText(2000, 21), SheetException.BINARY, BINARY);
        // in a small file eight stray controls are still text, nine are not
        assertRefused(invalidText(200, 8), SheetException.UNKNOWN_ENCODING, UNKNOWN);
        assertRefused(invalidText(200, 9), SheetException.BINARY, BINARY);
        byte[] nul = invalidText(2000, 0);
        nul[500] = 0;
        assertRefused(nul, SheetException.BINARY, BINARY);
    }

    /** UTF-16 is full of NUL bytes; with its byte order mark it is judged as text, never by its bytes. */
    @Test
    void brokenUtf16WithItsMarkIsAnEncodingProblemNotBinary() throws Exception {
        byte[] text = "名称\n甲\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] loneSurrogate = {0x00, (byte) 0xDC, 0x41, 0x00};
        assertRefused(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, loneSurrogate),
                SheetException.UNKNOWN_ENCODING, UNKNOWN);
        assertThat(detect(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text)))
                .isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, 2));
    }

    @Test
    void validTextIsBinaryOnlyPastOneControlInAHundredCharacters() throws Exception {
        assertThat(detect(validUtf8(2000, 20))).isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 0));
        assertRefused(validUtf8(2000, 21), SheetException.BINARY, BINARY);
        assertThat(detect(validUtf8(200, 8))).isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 0));
        assertRefused(validUtf8(200, 9), SheetException.BINARY, BINARY);
    }

    /** The byte order mark is not a character of the text: 999 characters allow 9 controls, not 10. */
    @Test
    void theByteOrderMarkIsNotCounted() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(detect(concat(bom, validUtf8(999, 9)))).isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 3));
        assertRefused(concat(bom, validUtf8(999, 10)), SheetException.BINARY, BINARY);
    }

    /** Past the 64K decoding buffer the counts still add up. */
    @Test
    void largeFilesAreCountedWhole() throws Exception {
        assertThat(detect(validUtf8(300_000, 3_000))).isEqualTo(new TextEncoding(StandardCharsets.UTF_8, 0));
        assertRefused(validUtf8(300_000, 3_001), SheetException.BINARY, BINARY);
    }

    /** ASCII text of {@code n} characters with {@code controls} of them 0x01 (none in the first ten). */
    private static byte[] validUtf8(int n, int controls) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) 'a');
        for (int i = 0; i < n; i += 9) {
            bytes[i] = ' ';
        }
        for (int i = 0; i < controls; i++) {
            bytes[10 + i * (n - 20) / Math.max(controls, 1)] = 0x01;
        }
        return bytes;
    }
}
