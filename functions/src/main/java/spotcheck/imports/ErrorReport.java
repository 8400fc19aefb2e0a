package spotcheck.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;

/**
 * An import's error report, written as the rows are read: the file's own columns, then 行号 and 错误原因, one line
 * per rejected row (a UTF-8 CSV Excel opens). Both passes add to it; it counts what it holds.
 */
final class ErrorReport implements AutoCloseable {
    private final OutputStream out;
    private final SheetWriter writer;
    private int columns;
    private long lines;

    ErrorReport(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
        this.writer = Sheets.csvWriter(out);
    }

    /** The header: the file's, and the report's two columns. */
    void start(List<String> header) throws IOException {
        columns = header.size();
        List<String> line = new ArrayList<>(header);
        line.add("行号");
        line.add("错误原因");
        writer.writeRow(line);
    }

    void add(SheetReader.Row row, String reason) throws IOException {
        lines++;
        List<String> line = new ArrayList<>(row.cells());
        while (line.size() < columns) {
            line.add("");
        }
        line.add(Long.toString(row.number()));
        line.add(reason);
        writer.writeRow(line);
    }

    /** The rows rejected so far. */
    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            writer.close();
        }
    }
}
