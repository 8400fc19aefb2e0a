package spotcheck.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.sheets.TestFiles.utf8;
import static spotcheck.sheets.TestFiles.write;
import static spotcheck.sheets.TestFiles.zip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits of {@link ZipGuard}, each from both sides, with archives whose declared sizes lie. */
class ZipGuardTest {
    private static final byte[] CONTENT_TYPES = utf8("<Types/>");

    @TempDir
    Path dir;

    private static SheetLimits limits(long maxUncompressed, int ratio) {
        return new SheetLimits(100L << 20, 200, 4000, 1000, maxUncompressed, ratio);
    }

    private static String tooLarge(String limit, int ratio) {
        return "'w.xlsx' unpacks to more data than a table of this size can hold (over " + limit + ", or over "
                + ratio + " times its packed size). Delete unused sheets, images and formatted empty rows, or split"
                + " the table into smaller files.";
    }

    private void check(byte[] zip, SheetLimits limits) throws Exception {
        Path file = write(dir, "w.xlsx", zip);
        ZipGuard.check(file, Files.size(file), "w.xlsx", limits);
    }

    private void assertTooLarge(byte[] zip, SheetLimits limits, String limit) {
        assertThatThrownBy(() -> check(zip, limits)).isInstanceOfSatisfying(SheetException.class, e -> {
            assertThat(e.code()).isEqualTo(SheetException.WORKBOOK_TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(tooLarge(limit, limits.maxCompressionRatio()));
        });
    }

    /** Two small entries that declare 600 bytes each: the declared total alone is over the limit. */
    @Test
    void declaredSizesOverTheLimitAreRefusedThoughTheContentIsSmall() throws Exception {
        byte[] zip = zip(parts(2, 10));
        setDeclaredSize(zip, "[Content_Types].xml", 8);
        setDeclaredSize(zip, "xl/part0.xml", 600);
        setDeclaredSize(zip, "xl/part1.xml", 600);
        assertTooLarge(zip, limits(1000, 100), "1000 bytes");
        // what the entries really hold is far below the limit: only the declared sizes stopped it
        assertThatCode(() -> check(zip(parts(2, 10)), limits(1000, 100))).doesNotThrowAnyException();
    }

    @Test
    void declaredSizesExactlyAtTheLimitPass() throws Exception {
        byte[] zip = zip(parts(2, 10));
        setDeclaredSize(zip, "[Content_Types].xml", 8);
        setDeclaredSize(zip, "xl/part0.xml", 496);
        setDeclaredSize(zip, "xl/part1.xml", 496);
        assertThatCode(() -> check(zip, limits(1000, 100))).doesNotThrowAnyException();
        setDeclaredSize(zip, "xl/part1.xml", 497);
        assertTooLarge(zip, limits(1000, 100), "1000 bytes");
    }

    /**
     * Twenty entries that declare one byte each and hold 100: each is far below the limit alone,
     * the running total of what they inflate to is what counts.
     */
    @Test
    void theInflatedTotalAcrossEntriesCountsExactlyToTheLimit() throws Exception {
        byte[] zip = zip(parts(20, 100));
        setDeclaredSize(zip, "[Content_Types].xml", 1);
        for (int i = 0; i < 20; i++) {
            setDeclaredSize(zip, "xl/part" + i + ".xml", 1);
        }
        long real = CONTENT_TYPES.length + 20 * 100;
        assertThatCode(() -> check(zip, limits(real, 100))).doesNotThrowAnyException();
        assertTooLarge(zip, limits(real - 1, 100), (real - 1) / 1024 + " KiB");
    }

    /** Entries up to 1 MiB may compress as well as they like; one byte more and the ratio counts. */
    @Test
    void theRatioGraceEndsAtOneMebibyte() throws Exception {
        assertThat(ZipGuard.RATIO_GRACE_BYTES).isEqualTo(1L << 20);
        byte[] atGrace = zipOfZeros(ZipGuard.RATIO_GRACE_BYTES);
        assertThatCode(() -> check(atGrace, limits(1L << 30, 100))).doesNotThrowAnyException();
        assertTooLarge(zipOfZeros(ZipGuard.RATIO_GRACE_BYTES + 1), limits(1L << 30, 100), "1 GiB");
    }

    /** An entry exactly at the ratio passes, with the limit one lower it is refused. */
    @Test
    void theRatioLimitItself() throws Exception {
        byte[] zip = zipOfZeros(2L << 20);
        long packed;
        try (ZipFile z = ZipFile.builder().setByteArray(zip).get()) {
            packed = z.getEntry("xl/zeros.bin").getCompressedSize();
        }
        int ratio = (int) ((2L << 20) / packed);
        assertThat(ratio).isGreaterThan(100);
        assertThatCode(() -> check(zip, limits(1L << 30, ratio))).doesNotThrowAnyException();
        assertTooLarge(zip, limits(1L << 30, ratio - 1), "1 GiB");
        // the same when the archive hides the size: the ratio is counted while inflating
        setDeclaredSize(zip, "xl/zeros.bin", 1);
        assertThatCode(() -> check(zip, limits(1L << 30, ratio))).doesNotThrowAnyException();
        assertTooLarge(zip, limits(1L << 30, ratio - 1), "1 GiB");
    }

    private static Map<String, byte[]> parts(int count, int size) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", CONTENT_TYPES);
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[size];
            Arrays.fill(content, (byte) ('a' + i % 26));
            parts.put("xl/part" + i + ".xml", content);
        }
        return parts;
    }

    private static byte[] zipOfZeros(long size) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", CONTENT_TYPES);
        parts.put("xl/zeros.bin", new byte[(int) size]);
        return zip(parts);
    }

    /** Rewrites the uncompressed size the central directory declares for an entry. */
    static void setDeclaredSize(byte[] zip, String name, int size) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && buf.getShort(i + 28) == wanted.length
                    && Arrays.equals(zip, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buf.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError(name + " is not in the archive");
    }
}
