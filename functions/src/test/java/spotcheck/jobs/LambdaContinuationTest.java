package spotcheck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/** The continuation's Invoke, as a receiver sees it: path, invocation type, SigV4 scope and the event intact. */
class LambdaContinuationTest {
    private HttpServer server;
    private final List<Map<String, Object>> seen = new ArrayList<>();
    private int answer = 202;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(Map.of("method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getRawPath(),
                    "type", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type")),
                    "auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body", new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LambdaContinuation continuation(Region region) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new LambdaContinuation(() -> new LambdaContinuation.Invoker(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), region,
                endpoint));
    }

    @Test
    void sendsOneSignedAsynchronousInvokeWithTheEventUnchanged() {
        String event = "{\"Records\":[{\"s3\":{\"object\":{\"key\":\"imports/targets/名单.csv\"}}}]}";

        continuation(Region.CN_NORTHWEST_1).invoke("spotcheck-ImportFunction-1A2B", event);

        assertThat(seen).hasSize(1);
        Map<String, Object> request = seen.get(0);
        assertThat(request.get("method")).isEqualTo("POST");
        assertThat(request.get("path")).isEqualTo("/2015-03-31/functions/spotcheck-ImportFunction-1A2B/invocations");
        assertThat(request.get("type")).isEqualTo("Event");
        assertThat((String) request.get("auth")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/cn-northwest-1/lambda/aws4_request, SignedHeaders=")
                .contains("x-amz-invocation-type");
        assertThat(request.get("body")).isEqualTo(event);
    }

    @Test
    void aFunctionArnIsSentEncodedInThePath() {
        continuation(Region.US_EAST_1).invoke("arn:aws:lambda:us-east-1:123456789012:function:imp", "{}");

        assertThat(seen.get(0).get("path"))
                .isEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aimp/invocations");
    }

    @Test
    void anInvokeLambdaDidNotQueueFailsLoudly() {
        answer = 429;

        assertThatThrownBy(() -> continuation(Region.US_EAST_1).invoke("imp", "{}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Lambda answered 429 to an asynchronous invocation of imp");
    }

    @Test
    void theRegionsLambdaEndpointIsInItsOwnPartition() {
        assertThat(ServiceMetadata.of("lambda").endpointFor(Region.CN_NORTH_1).toString())
                .isEqualTo("lambda.cn-north-1.amazonaws.com.cn");
        assertThat(ServiceMetadata.of("lambda").endpointFor(Region.AP_EAST_1).toString())
                .isEqualTo("lambda.ap-east-1.amazonaws.com");
    }
}
