package spotcheck.sheets;

/**
 * How much of an uploaded table file we are willing to read. The defaults fit a
 * county's roster with room to spare; tests lower them to reach each limit quickly.
 *
 * @param maxFileBytes          size of the file as uploaded
 * @param maxColumns            columns in the header or in any row
 * @param maxCellChars          characters in one cell
 * @param maxRows               data rows (blank rows are not counted)
 * @param maxUncompressedBytes  XLSX: all ZIP entries together, once inflated
 * @param maxCompressionRatio   XLSX: inflated size over compressed size, per entry
 */
public record SheetLimits(long maxFileBytes, int maxColumns, int maxCellChars, long maxRows,
                          long maxUncompressedBytes, int maxCompressionRatio) {

    public static final SheetLimits DEFAULT =
            new SheetLimits(100L << 20, 200, 4_000, 1_000_000, 1L << 30, 100);

    public SheetLimits {
        if (maxFileBytes <= 0 || maxColumns <= 0 || maxCellChars <= 0 || maxRows <= 0
                || maxUncompressedBytes <= 0 || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("every sheet limit must be positive");
        }
    }
}
