package spotcheck.sheets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The character set of a text table, decided from the bytes alone and never by
 * guessing: a byte order mark wins; otherwise UTF-8 if the whole file is valid
 * UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese Excel saves as
 * "CSV"). A file that is neither is refused rather than read as mojibake.
 */
record TextEncoding(Charset charset, int bomLength) {
    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int CHUNK = 1 << 16;

    static TextEncoding detect(Path file, String fileName) throws SheetException, IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(3);
        }
        if (Sheets.startsWith(head, 0xFF, 0xFE)) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_16LE, 2), null);
        }
        if (Sheets.startsWith(head, 0xFE, 0xFF)) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_16BE, 2), null);
        }
        if (Sheets.startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_8, 3), null);
        }
        TextEncoding utf8 = new TextEncoding(StandardCharsets.UTF_8, 0);
        Decoded asUtf8 = decode(file, utf8);
        if (asUtf8.valid()) {
            return checked(file, fileName, utf8, asUtf8);
        }
        return checked(file, fileName, new TextEncoding(GB18030, 0), null);
    }

    /** Decodes the text after the byte order mark; bad bytes are an error, never replaced. */
    BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(bomLength);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(in, strictDecoder()), CHUNK);
    }

    String name() {
        return charset.equals(GB18030) ? "GB18030" : charset.name();
    }

    private CharsetDecoder strictDecoder() {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The encoding, if the whole file decodes with it into text rather than binary data. */
    private static TextEncoding checked(Path file, String fileName, TextEncoding encoding, Decoded decoded)
            throws SheetException, IOException {
        Decoded text = decoded != null ? decoded : decode(file, encoding);
        if (text.valid() ? text.looksBinary() : encoding.bomLength() != 2 && bytesLookBinary(file)) {
            throw binary(fileName);
        }
        if (!text.valid()) {
            throw new SheetException(SheetException.UNKNOWN_ENCODING, "'" + fileName
                    + "' is text in neither UTF-8 nor GBK, so its Chinese cannot be read reliably. In Excel"
                    + " choose Save As, file type \"CSV UTF-8\" (or Excel Workbook .xlsx), and upload the saved copy.");
        }
        return encoding;
    }

    /** What decoding the whole file found; the counts stop where it became invalid. */
    private record Decoded(boolean valid, long nuls, long controls, long chars) {
        /** A NUL, or more than a stray control character in a hundred, is not a text table. */
        boolean looksBinary() {
            return nuls > 0 || controls > Math.max(8, chars / 100);
        }
    }

    private static Decoded decode(Path file, TextEncoding encoding) throws IOException {
        CharsetDecoder decoder = encoding.strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        Counts counts = new Counts();
        try (InputStream stream = Files.newInputStream(file)) {
            stream.skipNBytes(encoding.bomLength());
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                in.position(in.position() + Math.max(n, 0));
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, end);
                    counts.add(out);
                    if (result.isError()) {
                        return counts.result(false);
                    }
                } while (result.isOverflow());
                in.compact();
            }
            CoderResult result = decoder.flush(out);
            counts.add(out);
            return counts.result(!result.isError());
        }
    }

    private static final class Counts {
        long nuls;
        long controls;
        long chars;

        /** Counts the decoded characters and empties the buffer. */
        void add(CharBuffer out) {
            out.flip();
            chars += out.remaining();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c == 0) {
                    nuls++;
                } else if (isControl(c)) {
                    controls++;
                }
            }
            out.clear();
        }

        Decoded result(boolean valid) {
            return new Decoded(valid, nuls, controls, chars);
        }
    }

    /**
     * For a file that is not valid text: is it binary rather than text in some other
     * charset? Bytes below 0x20 are the ASCII controls in every charset we accept.
     */
    private static boolean bytesLookBinary(Path file) throws IOException {
        long nuls = 0;
        long controls = 0;
        long bytes = 0;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        nuls++;
                    } else if (isControl(buffer[i] & 0xFF)) {
                        controls++;
                    }
                }
            }
        }
        return new Decoded(true, nuls, controls, bytes).looksBinary();
    }

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    private static SheetException binary(String fileName) {
        boolean named = fileName.toLowerCase(Locale.ROOT).matches(".*\\.(xlsx|xlsm|xls)");
        return new SheetException(SheetException.BINARY, "'" + fileName + (named
                ? "' is named like an Excel workbook but is not a readable one (it may be damaged or only"
                + " partly uploaded). Open it in Excel, save it again as Excel Workbook (.xlsx), and upload"
                + " the saved copy."
                : "' is not a table: it contains binary data. Upload an Excel workbook (.xlsx) or a CSV"
                + " file; if it is one, open it in Excel, save it again, and upload the saved copy."));
    }
}
