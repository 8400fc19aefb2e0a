package spotcheck.sheets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
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
        byte[] head = new byte[3];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_16LE, 2), false);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_16BE, 2), false);
        }
        if (n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return checked(file, fileName, new TextEncoding(StandardCharsets.UTF_8, 3), true);
        }
        TextEncoding utf8 = new TextEncoding(StandardCharsets.UTF_8, 0);
        Scan scan = scan(file, utf8, true);
        refuseBinary(scan, fileName);
        if (scan.valid()) {
            return utf8;
        }
        TextEncoding gb = new TextEncoding(GB18030, 0);
        if (scan(file, gb, false).valid()) {
            return gb;
        }
        throw unknown(fileName);
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
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), CHUNK);
    }

    String name() {
        return charset == GB18030 ? "GB18030" : charset.name();
    }

    private static TextEncoding checked(Path file, String fileName, TextEncoding encoding, boolean countBytes)
            throws SheetException, IOException {
        Scan scan = scan(file, encoding, countBytes);
        refuseBinary(scan, fileName);
        if (!scan.valid()) {
            throw unknown(fileName);
        }
        return encoding;
    }

    /** What one pass over the file found. */
    private record Scan(boolean valid, long nuls, long controls, long units) {
    }

    /**
     * Decodes the whole file, and counts NULs and other control characters. With
     * {@code countBytes} (for charsets where every byte below 0x20 is that ASCII
     * control) they are counted in the bytes, so a file that is not valid in the
     * charset is still measured to the end.
     */
    private static Scan scan(Path file, TextEncoding encoding, boolean countBytes) throws IOException {
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(CHUNK);
        CharBuffer out = CharBuffer.allocate(CHUNK);
        boolean valid = true;
        long nuls = 0;
        long controls = 0;
        long units = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            stream.skipNBytes(encoding.bomLength());
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                if (n > 0) {
                    if (countBytes) {
                        for (int i = in.position(); i < in.position() + n; i++) {
                            byte b = in.array()[i];
                            if (b == 0) {
                                nuls++;
                            } else if (isControl(b & 0xFF)) {
                                controls++;
                            }
                        }
                        units += n;
                    }
                    in.position(in.position() + n);
                }
                if (!valid && countBytes) {
                    in.clear();
                    continue;
                }
                if (!valid) {
                    break;
                }
                in.flip();
                while (true) {
                    var result = decoder.decode(in, out, end);
                    if (!countBytes) {
                        out.flip();
                        while (out.hasRemaining()) {
                            char c = out.get();
                            if (c == 0) {
                                nuls++;
                            } else if (isControl(c)) {
                                controls++;
                            }
                        }
                        units += out.limit();
                    }
                    out.clear();
                    if (result.isError()) {
                        valid = false;
                        break;
                    }
                    if (result.isUnderflow()) {
                        break;
                    }
                }
                in.compact();
            }
            if (valid && decoder.flush(out).isError()) {
                valid = false;
            }
        }
        return new Scan(valid, nuls, controls, units);
    }

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** A NUL, or more than a stray control character in a hundred, is not a text table. */
    private static void refuseBinary(Scan scan, String fileName) throws SheetException {
        if (scan.nuls() > 0 || scan.controls() > Math.max(8, scan.units() / 100)) {
            boolean named = fileName.toLowerCase(Locale.ROOT).matches(".*\\.(xlsx|xlsm|xls)");
            throw new SheetException(SheetException.BINARY, "'" + fileName + (named
                    ? "' is named like an Excel workbook but is not a readable one (it may be damaged or only"
                    + " partly uploaded). Open it in Excel, save it again as Excel Workbook (.xlsx), and upload"
                    + " the saved copy."
                    : "' is not a table: it contains binary data. Upload an Excel workbook (.xlsx) or a CSV"
                    + " file; if it is one, open it in Excel, save it again, and upload the saved copy."));
        }
    }

    private static SheetException unknown(String fileName) {
        return new SheetException(SheetException.UNKNOWN_ENCODING, "'" + fileName
                + "' is text in neither UTF-8 nor GBK, so its Chinese cannot be read reliably. In Excel choose"
                + " Save As, file type \"CSV UTF-8\" (or Excel Workbook .xlsx), and upload the saved copy.");
    }
}
