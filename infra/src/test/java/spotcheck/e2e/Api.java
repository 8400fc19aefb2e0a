package spotcheck.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the local stack, as a web client or curl would call it. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    Api(String base) {
        this.base = base;
    }

    /** A response: status, parsed JSON body (null when empty or not JSON) and raw text. */
    record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, "application/json");
    }

    Reply post(String path, String token, String body) {
        return send("POST", path, token, body, "application/json");
    }

    Reply put(String path, String token, String body) {
        return send("PUT", path, token, body, "application/json");
    }

    Reply send(String method, String path, String token, String body, String contentType) {
        return sendBytes(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                contentType);
    }

    /**
     * A request whose body is sent byte for byte, whether or not it is UTF-8. The wait is longer than API Gateway's
     * 29 s (which the stack enforces on API routes) so that a scheduled function run by hand may use its own timeout.
     */
    Reply sendBytes(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(70))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            try {
                json = r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                // leave json null; the test reads text
            }
            return new Reply(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
