package spotcheck.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.Json;

/** The DynamoDB client, built once per container. Region, credentials and endpoint come from the default chains. */
public final class Dynamo {
    private Dynamo() { }

    public static DynamoDbClient client() {
        // AWS_ENDPOINT_URL / aws.endpointUrl is honoured by the SDK itself, so the same
        // code talks to AWS, LocalStack or the local emulator.
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                .build();
    }

    /** The JDK's URL connection, for the function's client and for priming's requests alike. */
    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create();
    }

    /**
     * A client for SnapStart priming only, configured as {@code like} (region, endpoint) so requests take the
     * same path through the SDK: endpoint rules, marshalling, signing, response parsing. Its HTTP client never
     * opens a connection: each request is prepared by an HTTP client of the function's own kind (which makes its
     * connection object, unconnected) and dropped, and each operation ({@code GetItem}, {@code Query}, ...) is
     * answered with the JSON body {@code responder} gives. Its credentials are fixed dummies, so priming never
     * resolves the function's own credentials, which must not be cached in a snapshot. Close it after priming.
     */
    public static DynamoDbClient primingClient(DynamoDbClient like, Function<String, String> responder) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(new CannedHttpClient(responder, httpClient()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .region(like.serviceClientConfiguration().region());
        like.serviceClientConfiguration().endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An item in DynamoDB's JSON wire form ({@code {"name":{"S":"..."}}}), for canned responses. */
    public static String wireJson(Map<String, AttributeValue> item) {
        return Json.writeString(wire(item));
    }

    private static Map<String, Object> wire(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, wire(value)));
        return out;
    }

    private static Map<String, Object> wire(AttributeValue v) {
        return switch (v.type()) {
            case S -> Map.of("S", v.s());
            case N -> Map.of("N", v.n());
            case BOOL -> Map.of("BOOL", v.bool());
            case NUL -> Map.of("NULL", true);
            case SS -> Map.of("SS", v.ss());
            case NS -> Map.of("NS", v.ns());
            case M -> Map.of("M", wire(v.m()));
            case L -> {
                List<Object> list = new ArrayList<>();
                v.l().forEach(e -> list.add(wire(e)));
                yield Map.of("L", list);
            }
            default -> throw new IllegalArgumentException("No wire form for a " + v.type() + " attribute here");
        };
    }

    /** Answers from memory, as DynamoDB would over HTTP (status 200, JSON 1.0, its CRC32 header). */
    private static final class CannedHttpClient implements SdkHttpClient {
        private final Function<String, String> responder;
        private final SdkHttpClient wire;

        CannedHttpClient(Function<String, String> responder, SdkHttpClient wire) {
            this.responder = responder;
            this.wire = wire;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            // preparing connects nothing; the request is dropped before it is called
            wire.prepareRequest(request).abort();
            String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
            byte[] body = responder.apply(target.substring(target.indexOf('.') + 1)).getBytes(StandardCharsets.UTF_8);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    // read the marshalled body as the wire would
                    request.contentStreamProvider().ifPresent(p -> {
                        try (InputStream in = p.newStream()) {
                            in.transferTo(OutputStream.nullOutputStream());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    CRC32 crc = new CRC32();
                    crc.update(body);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", String.valueOf(body.length))
                                    .putHeader("x-amzn-RequestId", "priming")
                                    .putHeader("x-amz-crc32", String.valueOf(crc.getValue()))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }

        @Override
        public String clientName() {
            return "priming";
        }

        @Override
        public void close() {
            wire.close();
        }
    }
}
