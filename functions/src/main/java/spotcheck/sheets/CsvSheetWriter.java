package spotcheck.sheets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV as Excel opens it without asking: UTF-8 with a byte order mark, CRLF, RFC 4180 quotes. */
final class CsvSheetWriter implements SheetWriter {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CSVPrinter printer;

    CsvSheetWriter(OutputStream out) throws IOException {
        out.write(BOM);
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180);
    }

    @Override
    public void writeRow(List<String> cells) throws IOException {
        List<String> safe = new ArrayList<>(cells.size());
        for (String cell : cells) {
            safe.add(CellSafety.neutralize(cell));
        }
        printer.printRecord(safe);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
