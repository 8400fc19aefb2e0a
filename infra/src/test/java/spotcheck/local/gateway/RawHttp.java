package spotcheck.local.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request goes out byte for byte as given (raw UTF-8 in the
 * request line, malformed lines), as curl sends an unencoded URL, with nothing re-encoding it.
 */
public final class RawHttp {
    /** The answer: status, headers (names lower-cased, last value wins) and the body as UTF-8. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() { }

    /** {@code GET target} with the given extra header lines, answered on a closed connection. */
    public static Reply get(int port, String target, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n");
        for (String h : headerLines) {
            head.append(h).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return send(port, head.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection. */
    public static Reply send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = read(in, buf)) > 0; ) {
            all.write(buf, 0, n);
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("no complete response head: " + new String(bytes, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        } else if (headers.containsKey("content-length")) {
            body = java.util.Arrays.copyOf(body, Integer.parseInt(headers.get("content-length")));
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads, treating a reset after the answer (a server that refused the rest) as its end. */
    private static int read(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int eol = indexOf(body, new byte[] {'\r', '\n'}, pos);
            int size = Integer.parseInt(new String(body, pos, eol - pos, StandardCharsets.ISO_8859_1).split(";")[0]
                    .trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            pos = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
