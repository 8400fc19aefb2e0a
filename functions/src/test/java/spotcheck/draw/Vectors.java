package spotcheck.draw;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import spotcheck.core.Json;

/** The specification's conformance vectors (test resources {@code draw-vectors/}), read as the public documents. */
final class Vectors {
    static final String[] NAMES = {"a", "b", "c"};

    private Vectors() { }

    static DrawRecord record(String name) {
        return read(name + "-record.json", DrawRecord.class);
    }

    static Candidates candidates(String name) {
        return read(name + "-candidates.json", Candidates.class);
    }

    static byte[] bytes(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String file, Class<T> type) {
        try (InputStream in = open(file)) {
            return Json.readDocument(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = Vectors.class.getResourceAsStream("/draw-vectors/" + file);
        if (in == null) {
            throw new IllegalStateException("no vector " + file);
        }
        return in;
    }
}
