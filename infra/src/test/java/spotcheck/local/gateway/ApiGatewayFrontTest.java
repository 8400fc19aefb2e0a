package spotcheck.local.gateway;

import spotcheck.local.TestHandlers;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.template.TemplateModel;
import spotcheck.local.template.TemplateModelTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front alone (no emulator): the events it sends, the answers it gives itself, and how it
 * turns a function's response into HTTP, with the handlers of {@link TestHandlers}.
 */
class ApiGatewayFrontTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static ApiGatewayFront front;
    static JwtIssuer issuer;
    static final Map<String, FunctionHost> HOSTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        TemplateModel model = TemplateModel.load(TemplateModelTest.testTemplate());
        front = ApiGatewayFront.bind(0);
        issuer = JwtIssuer.open(dir, front.url() + "/local");
        model.functions().forEach(f -> HOSTS.put(f.logicalId(), new FunctionHost(f,
                ApiGatewayFrontTest.class.getClassLoader())));
        front.serve(model.httpApis(), HOSTS, issuer);
        front.start();
    }

    @AfterAll
    static void stop() {
        front.close();
        HOSTS.values().forEach(FunctionHost::close);
    }

    static HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(front.url() + pathAndQuery));
    }

    static String token(String... roles) {
        return issuer.token("u1", "张三", "hy-forestry-resources", List.of(roles), JwtIssuer.DEFAULT_TTL);
    }

    @Test
    void sendsAPayload20Event() throws Exception {
        HttpResponse<String> r = call(request("/echo/%E6%9E%97%20one?a=1&b=x%20y&a=2")
                .header("Authorization", "Bearer " + token("admin", "operator"))
                .header("X-Multi", "a").header("X-Multi", "b")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "front-test"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.path("version").asText()).isEqualTo("2.0");
        assertThat(e.path("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(e.path("rawPath").asText()).isEqualTo("/echo/%E6%9E%97%20one");
        assertThat(e.path("rawQueryString").asText()).isEqualTo("a=1&b=x%20y&a=2");
        assertThat(e.path("pathParameters").path("id").asText()).isEqualTo("林 one");
        assertThat(e.path("queryStringParameters").path("a").asText()).isEqualTo("1,2");
        assertThat(e.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        assertThat(e.path("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
        JsonNode headers = e.path("headers");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(headers.path("x-multi").asText()).isEqualTo("a,b");
        assertThat(headers.path("user-agent").asText()).isEqualTo("front-test");
        headers.fieldNames().forEachRemaining(n -> assertThat(n).isLowerCase());
        assertThat(e.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(e.has("body")).isFalse();

        JsonNode ctx = e.path("requestContext");
        assertThat(ctx.path("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(ctx.path("stage").asText()).isEqualTo("$default");
        assertThat(ctx.path("accountId").asText()).isEqualTo(TemplateModel.ACCOUNT_ID);
        assertThat(ctx.path("requestId").asText()).isEqualTo(r.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(ctx.path("http").path("method").asText()).isEqualTo("GET");
        assertThat(ctx.path("http").path("path").asText()).isEqualTo("/echo/%E6%9E%97%20one");
        assertThat(ctx.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(ctx.path("http").path("userAgent").asText()).isEqualTo("front-test");
        assertThat(ctx.path("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(ctx.path("time").asText()).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        JsonNode claims = ctx.path("authorizer").path("jwt").path("claims");
        assertThat(claims.path("sub").asText()).isEqualTo("u1");
        assertThat(claims.path("name").asText()).isEqualTo("张三");
        assertThat(claims.path("roles").asText()).isEqualTo("[admin operator]");
        assertThat(claims.path("aud").asText()).isEqualTo(JwtIssuer.AUDIENCE);
        assertThat(claims.path("exp").isTextual()).isTrue();
        assertThat(claims.path("exp").asText()).matches("\\d+");
    }

    @Test
    void requestIdsAreUnique() throws Exception {
        String first = call(request("/typed/x")).headers().firstValue("apigw-requestid").orElseThrow();
        String second = call(request("/typed/x")).headers().firstValue("apigw-requestid").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void textBodiesPassAsTheyAreOthersInBase64() throws Exception {
        String auth = "Bearer " + token("admin");
        JsonNode text = JSON.readTree(call(request("/echo/1").header("Authorization", auth)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"林木\"}", StandardCharsets.UTF_8))).body());
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.path("body").asText()).isEqualTo("{\"name\":\"林木\"}");

        byte[] xlsx = {0x50, 0x4b, 0x03, 0x04, (byte) 0xff, 0x00};
        JsonNode binary = JSON.readTree(call(request("/echo/1").header("Authorization", auth)
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .POST(HttpRequest.BodyPublishers.ofByteArray(xlsx))).body());
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(binary.path("body").asText())).isEqualTo(xlsx);
    }

    @Test
    void aTextBodyThatIsNotUtf8GoesInBase64WithItsBytesIntact() throws Exception {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode e = JSON.readTree(call(request("/echo/1").header("Authorization", "Bearer " + token("admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))).body());
        assertThat(e.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(e.path("body").asText())).isEqualTo(latin1);
    }

    @Test
    void theTypedHandlerSeesTheEventAsLambdaDeserialisesIt() throws Exception {
        HttpResponse<String> r = call(request("/typed/ITEM-1?x=1")
                .header("Content-Type", "text/plain").method("GET", HttpRequest.BodyPublishers.ofString("hi")));
        JsonNode seen = JSON.readTree(r.body());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(seen.path("routeKey").asText()).isEqualTo("GET /typed/{id}");
        assertThat(seen.path("pathParameters").path("id").asText()).isEqualTo("ITEM-1");
        assertThat(seen.path("query").path("x").asText()).isEqualTo("1");
        assertThat(seen.path("body").asText()).isEqualTo("hi");
        assertThat(seen.path("method").asText()).isEqualTo("GET");
        assertThat(seen.path("claims").isNull()).isTrue(); // a public route: no authorizer
        assertThat(seen.path("functionName").asText()).isEqualTo("spotcheck-local-TypedFunction");
        assertThat(seen.path("memory").asInt()).isEqualTo(256);
        assertThat(seen.path("remaining").asInt()).isBetween(1, 10_000);
    }

    @Test
    void literalRoutesWinOverParameters() throws Exception {
        assertThat(JSON.readTree(call(request("/calendar/working-days/add?from=2023-09-27&days=20")).body())
                .path("routeKey").asText()).isEqualTo("GET /calendar/working-days/add");
        assertThat(JSON.readTree(call(request("/calendar/2024")).body()).path("routeKey").asText())
                .isEqualTo("GET /calendar/{year}");
        assertThat(JSON.readTree(call(request("/hello")).body()).path("routeKey").asText()).isEqualTo("GET /hello");
    }

    @Test
    void unknownRoutesAnswer404AsApiGatewayDoes() throws Exception {
        HttpResponse<String> r = call(request("/nowhere"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(call(request("/echo/1").DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void theAuthorizerAnswers401BeforeTheFunction() throws Exception {
        Instant past = Instant.now().minusSeconds(120);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("missing", null);
        tokens.put("garbage", "not-a-jwt");
        tokens.put("expired", issuer.sign(JwtIssuerTest.good(issuer.issuer()).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build()));
        tokens.put("wrong signature", JwtIssuerTest.forged(issuer, JwtIssuerTest.good(issuer.issuer()).build()));
        tokens.put("wrong audience", issuer.sign(JwtIssuerTest.good(issuer.issuer()).audience("other").build()));
        tokens.put("wrong issuer", issuer.sign(JwtIssuerTest.good("http://elsewhere/local").build()));
        for (var t : tokens.entrySet()) {
            HttpRequest.Builder req = request("/echo/1");
            if (t.getValue() != null) {
                req.header("Authorization", "Bearer " + t.getValue());
            }
            HttpResponse<String> r = call(req);
            assertThat(r.statusCode()).as(t.getKey()).isEqualTo(401);
            assertThat(r.body()).as(t.getKey()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
        HttpResponse<String> expired = call(request("/echo/1").header("Authorization", "Bearer "
                + tokens.get("expired")));
        assertThat(expired.headers().firstValue("www-authenticate").orElseThrow()).contains("expired");
    }

    @Test
    void routesWithScopesNeedThem() throws Exception {
        assertThat(call(request("/scoped").header("Authorization", "Bearer " + token("admin"))).statusCode())
                .isEqualTo(403);
        String scoped = issuer.sign(JwtIssuerTest.good(issuer.issuer()).claim("scope", "things.read things.write")
                .build());
        assertThat(call(request("/scoped").header("Authorization", "Bearer " + scoped)).statusCode()).isEqualTo(200);
    }

    @Test
    void theFunctionsResponseBecomesTheHttpResponse() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(request("/reply").header("Origin", "http://localhost:5173").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).containsExactly(0x00, 0x01, 0x02, 0xff);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(r.headers().firstValue("x-one")).hasValue("1");
        assertThat(r.headers().allValues("x-many")).containsExactly("a", "b");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("s=1; Path=/", "t=2");
        // CORS is API Gateway's business: the function's header is replaced.
        assertThat(r.headers().allValues("access-control-allow-origin")).containsExactly("*");
        assertThat(r.headers().firstValue("access-control-expose-headers")).hasValue("x-request-id");
    }

    @Test
    void jsonWithoutStatusCodeIsA200Body() throws Exception {
        HttpResponse<String> r = call(request("/plain"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("sawVersion").asText()).isEqualTo("2.0");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void functionFailuresAnswerAsApiGatewayDoes() throws Exception {
        HttpResponse<String> boom = call(request("/boom"));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

        HttpResponse<String> notLambda = call(request("/elsewhere"));
        assertThat(notLambda.statusCode()).isEqualTo(500);

        // The function's own Timeout (1 s) ends first: a function error. The function was given
        // at most its 1 s (not the route's 10 s) and was cut off, not waited for to the end of its 5 s.
        TestHandlers.Slow.GIVEN_MILLIS.clear();
        TestHandlers.Slow.ENDINGS.clear();
        HttpResponse<String> slow = call(request("/slow"));
        assertThat(slow.statusCode()).isEqualTo(500);
        assertThat(slow.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(TestHandlers.Slow.GIVEN_MILLIS.poll(10, TimeUnit.SECONDS)).isBetween(0, 1_000);
        assertThat(TestHandlers.Slow.ENDINGS.poll(10, TimeUnit.SECONDS)).isEqualTo("cut off");
        // The integration's timeout (300 ms) ends first.
        HttpResponse<String> slower = call(request("/slower"));
        assertThat(slower.statusCode()).isEqualTo(503);
        assertThat(slower.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void corsPreflightIsAnsweredForAnyOrigin() throws Exception {
        HttpResponse<String> r = call(request("/echo/1").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");
        assertThat(r.headers().firstValue("access-control-allow-headers")).hasValue("authorization,content-type");
        assertThat(r.headers().firstValue("access-control-max-age")).hasValue("600");
    }

    @Test
    void requestsOver10MbAreRefused() throws Exception {
        byte[] big = new byte[ApiGatewayFront.MAX_REQUEST_BYTES + 1];
        HttpResponse<String> r = call(request("/echo/1").header("Authorization", "Bearer " + token("admin"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }
}
