package spotcheck.reminders;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts each reminder to a chat group's robot (WeCom / DingTalk style): {@code {"msgtype": "text", "text":
 * {"content": ...}}}. Anything but a 2xx answer is a failed delivery, retried by the next run. The URL, which
 * carries the robot's key, is never logged.
 */
public final class WebhookChannel implements Channel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final HttpClient http;

    public WebhookChannel(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Reminder r) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", r.message())));
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + response.statusCode());
        }
    }
}
