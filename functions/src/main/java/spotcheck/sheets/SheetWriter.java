package spotcheck.sheets;

import java.io.IOException;
import java.util.List;

/**
 * Writes a table file row by row; the first row written is the header. Every cell
 * goes through {@link CellSafety#neutralize} and is written as text.
 */
public interface SheetWriter extends AutoCloseable {

    void writeRow(List<String> cells) throws IOException;

    /** Finishes the file and closes the stream it was written to. */
    @Override
    void close() throws IOException;
}
