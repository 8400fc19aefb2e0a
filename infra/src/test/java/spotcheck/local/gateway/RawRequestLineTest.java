package spotcheck.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request lines as clients really send them, over a plain socket: curl sends a URL's UTF-8
 * bytes unencoded, and API Gateway takes them as it takes their percent-encoded form. What the
 * server itself refuses is answered in API Gateway's JSON shape, never as an HTML page.
 */
class RawRequestLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FrontUnderTest f;
    static String auth;

    @BeforeAll
    static void start() throws Exception {
        f = new FrontUnderTest(dir, Map.of());
        auth = "Authorization: Bearer " + f.token("hy-forestry-resources", "admin");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static int port() {
        return f.front.port();
    }

    @Test
    void rawUtf8InPathAndQueryReachesTheFunctionAsItsPercentEncodedFormDoes() throws Exception {
        RawHttp.Reply raw = RawHttp.get(port(), "/echo/林?key=检查对象.csv&b=x%20y", auth);
        RawHttp.Reply encoded = RawHttp.get(port(),
                "/echo/%E6%9E%97?key=%E6%A3%80%E6%9F%A5%E5%AF%B9%E8%B1%A1.csv&b=x%20y", auth);

        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(200);
        JsonNode r = JSON.readTree(raw.body());
        JsonNode e = JSON.readTree(encoded.body());
        assertThat(e.path("rawPath").asText()).isEqualTo("/echo/%E6%9E%97");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("key=%E6%A3%80%E6%9F%A5%E5%AF%B9%E8%B1%A1.csv&b=x%20y");
        assertThat(e.path("queryStringParameters").toString()).isEqualTo("{\"key\":\"检查对象.csv\",\"b\":\"x y\"}");
        assertThat(e.path("pathParameters").toString()).isEqualTo("{\"id\":\"林\"}");
        assertThat(e.path("requestContext").path("http").path("path").asText()).isEqualTo("/echo/%E6%9E%97");
        for (String field : new String[] {"routeKey", "rawPath", "rawQueryString", "queryStringParameters",
                "pathParameters"}) {
            assertThat(r.path(field)).as(field).isEqualTo(e.path(field));
        }
        assertThat(r.path("requestContext").path("http").path("path"))
                .isEqualTo(e.path("requestContext").path("http").path("path"));
    }

    @Test
    void rawUtf8OnAPublicRouteAndAnUnknownOneAnswersAsEncoded() throws Exception {
        RawHttp.Reply typed = RawHttp.get(port(), "/typed/林木?x=检查");
        assertThat(typed.status()).as(typed.body()).isEqualTo(200);
        JsonNode seen = JSON.readTree(typed.body());
        assertThat(seen.path("pathParameters").toString()).isEqualTo("{\"id\":\"林木\"}");
        assertThat(seen.path("query").toString()).isEqualTo("{\"x\":\"检查\"}");

        RawHttp.Reply nowhere = RawHttp.get(port(), "/无处?key=检查对象.csv");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.header("content-type")).isEqualTo("application/json");
        assertThat(nowhere.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void badPercentEncodingIsABadRequestInJson() throws Exception {
        for (String target : new String[] {"/echo/1?key=%zz", "/echo/1?key=a%", "/echo/%zz", "/echo/%E6%9"}) {
            RawHttp.Reply r = RawHttp.get(port(), target, auth);
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.header("content-type")).as(target).isEqualTo("application/json");
            assertThat(r.body()).as(target).isEqualTo("{\"message\":\"Bad Request\"}");
        }
    }

    @Test
    void aMalformedRequestLineIsABadRequestInJson() throws Exception {
        for (String line : new String[] {"GET /echo/1 HTTP/1.1 extra", "GET", "\u0001\u0002 / HTTP/1.1",
                "GET /echo/1 HTTP/1.1\u0000"}) {
            RawHttp.Reply r = RawHttp.send(port(), (line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(line).isEqualTo(400);
            assertThat(r.header("content-type")).as(line).isEqualTo("application/json");
            assertThat(r.body()).as(line).isEqualTo("{\"message\":\"Bad Request\"}");
        }
    }

    @Test
    void anOversizedHeaderIsRefusedInJson() throws Exception {
        RawHttp.Reply r = RawHttp.get(port(), "/hello", "X-Big: " + "a".repeat(64 * 1024));
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
    }

    @Test
    void closingWithAnIdleKeptAliveConnectionAndARequestInFlightTakesUnderTwoSeconds(@TempDir Path own)
            throws Exception {
        FrontUnderTest g = new FrontUnderTest(own, Map.of());
        try (java.net.Socket idle = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), g.front.port());
             java.net.Socket busy = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), g.front.port())) {
            idle.getOutputStream().write(("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            idle.getInputStream().read(new byte[4096]);
            busy.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            Thread.sleep(200);
            long started = System.nanoTime();
            g.close();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000L);
        }
    }
}
