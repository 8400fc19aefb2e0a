package spotcheck.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Refuses an XLSX that would unpack to far more than it weighs (a "zip bomb")
 * before the workbook parser opens it. The sizes the archive declares are checked
 * first; then every entry is inflated and counted, since a forged archive can
 * declare sizes it does not have.
 */
final class ZipGuard {
    /** Entries smaller than this may compress as well as they like (styles, empty sheets). */
    static final long RATIO_GRACE_BYTES = 1L << 20;

    private ZipGuard() {
    }

    static void check(Path file, long fileSize, String fileName, SheetLimits limits) throws SheetException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            boolean contentTypes = false;
            long declared = 0;
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                contentTypes |= entry.getName().equalsIgnoreCase("[Content_Types].xml");
                if (entry.getMethod() != ZipArchiveEntry.STORED && entry.getMethod() != ZipArchiveEntry.DEFLATED
                        || !zip.canReadEntryData(entry)) {
                    // Excel only stores or deflates; anything else is a damaged or foreign archive
                    throw damaged(fileName);
                }
                if (entry.getSize() > 0) {
                    declared += entry.getSize();
                    if (declared > limits.maxUncompressedBytes()
                            || tooCompressed(entry.getSize(), packed(entry, fileSize), limits)) {
                        throw tooLarge(fileName, limits);
                    }
                }
            }
            if (!contentTypes) {
                throw new SheetException(SheetException.NOT_A_WORKBOOK, "'" + fileName
                        + "' is a ZIP archive, not an Excel workbook. Upload the .xlsx file itself"
                        + " (or a CSV file), not an archive containing it.");
            }
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        size += n;
                        total += n;
                        if (total > limits.maxUncompressedBytes()
                                || tooCompressed(size, packed(entry, fileSize), limits)) {
                            throw tooLarge(fileName, limits);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(fileName);
        }
    }

    /** The packed size, which cannot be more than the file whatever the entry says. */
    private static long packed(ZipArchiveEntry entry, long fileSize) {
        return Math.min(entry.getCompressedSize(), fileSize);
    }

    private static boolean tooCompressed(long size, long compressed, SheetLimits limits) {
        return size > RATIO_GRACE_BYTES && size / Math.max(compressed, 1) > limits.maxCompressionRatio();
    }

    static SheetException damaged(String fileName) {
        return new SheetException(SheetException.NOT_A_WORKBOOK, "'" + fileName
                + "' is not a readable Excel workbook: it is damaged or in another format. Open it in Excel,"
                + " save it again as Excel Workbook (.xlsx), and upload the saved copy.");
    }

    private static SheetException tooLarge(String fileName, SheetLimits limits) {
        return new SheetException(SheetException.WORKBOOK_TOO_LARGE, "'" + fileName
                + "' unpacks to more data than a table of this size can hold (over "
                + Sheets.bytes(limits.maxUncompressedBytes()) + ", or over " + limits.maxCompressionRatio()
                + " times its packed size). Delete unused sheets, images and formatted empty rows, or split"
                + " the table into smaller files.");
    }
}
