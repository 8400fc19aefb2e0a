package spotcheck.sheets;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

/**
 * The first sheet of an XLSX workbook, streamed row by row from the sheet's XML;
 * the workbook is never held in memory as a whole.
 */
final class XlsxSheetReader extends TableReader {
    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
    private final boolean date1904;
    /** The sheet read by name, or null for the first sheet. */
    private final String sheetName;

    private XlsxSheetReader(ReadableWorkbook workbook, Stream<org.dhatim.fastexcel.reader.Row> stream,
                            boolean date1904, SheetLimits limits, String fileName, String sheetName) {
        super(limits, fileName);
        this.sheetName = sheetName;
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
        this.date1904 = date1904;
    }

    static SheetReader open(Path file, long fileSize, String fileName, SheetLimits limits)
            throws SheetException, IOException {
        return open(file, fileSize, fileName, null, limits);
    }

    /** The sheet named {@code sheetName}, or the first sheet when it is null. */
    static SheetReader open(Path file, long fileSize, String fileName, String sheetName, SheetLimits limits)
            throws SheetException, IOException {
        ZipGuard.check(file, fileSize, fileName, limits);
        ReadableWorkbook workbook = workbook(file, fileName);
        return startOrClose(workbook, () -> {
            Stream<org.dhatim.fastexcel.reader.Row> stream;
            try {
                org.dhatim.fastexcel.reader.Sheet sheet = sheetName == null ? workbook.getFirstSheet()
                        : workbook.findSheet(sheetName).orElse(null);
                if (sheet == null) {
                    throw new SheetException(SheetException.NOT_A_WORKBOOK, "'" + fileName + "' has no sheet named '"
                            + sheetName + "'");
                }
                stream = sheet.openStream();
            } catch (IOException | RuntimeException e) {
                throw ZipGuard.damaged(fileName);
            }
            return new XlsxSheetReader(workbook, stream, date1904(file, workbook), limits, fileName, sheetName);
        });
    }

    /**
     * With number formats (to tell dates); without them only when the workbook has
     * no styles part, which the parser reports as a missing entry. A styles part
     * that is not well-formed XML fails as a damaged file instead.
     */
    private static ReadableWorkbook workbook(Path file, String fileName) throws SheetException {
        try {
            try {
                return new ReadableWorkbook(file.toFile(), new ReadingOptions(true, true));
            } catch (ExcelReaderException noStyles) {
                return new ReadableWorkbook(file.toFile(), new ReadingOptions(false, true));
            }
        } catch (IOException | RuntimeException e) {
            throw ZipGuard.damaged(fileName);
        }
    }

    /**
     * Whether day numbers count from 1904 (old Mac workbooks). The parser only
     * understands date1904="true", while Excel writes "1"; so the workbook part is
     * read here too (already size-checked by {@link ZipGuard}).
     */
    private static boolean date1904(Path file, ReadableWorkbook workbook) {
        if (workbook.isDate1904()) {
            return true;
        }
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            ZipArchiveEntry part = zip.getEntry("xl/workbook.xml");
            if (part == null) {
                return false;
            }
            XMLInputFactory factory = new InputFactoryImpl();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            try (InputStream in = zip.getInputStream(part)) {
                XMLStreamReader xml = factory.createXMLStreamReader(in);
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("workbookPr")) {
                        String value = xml.getAttributeValue(null, "date1904");
                        return "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                    if (xml.isStartElement() && xml.getLocalName().equals("sheets")) {
                        return false; // workbookPr comes before the sheets
                    }
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // the parser has read this part already; if it cannot be read again, keep its answer
        }
        return false;
    }

    @Override
    Raw readRaw() throws SheetException {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            org.dhatim.fastexcel.reader.Row row = rows.next();
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(CellText.of(row.getCell(i), date1904));
            }
            return new Raw(row.getRowNum(), cells);
        } catch (RuntimeException e) {
            // the parser reports a damaged sheet with unchecked exceptions of several kinds
            throw ZipGuard.damaged(fileName);
        }
    }

    @Override
    String where() {
        return sheetName == null ? " in its first sheet (only the first sheet of a workbook is read)"
                : " in its sheet '" + sheetName + "'";
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
