package spotcheck.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.utils.http.SdkHttpUtils;
import spotcheck.core.Env;
import spotcheck.core.Lazy;

/**
 * Continues a job in a new invocation of the same function: Lambda's Invoke with {@code X-Amz-Invocation-Type:
 * Event}, so Lambda queues the event and this invocation ends at once. One signed POST through the SDK's own
 * SigV4 signer and URL-connection client, which the functions carry anyway: the Lambda SDK module would add
 * 3.3 MB to every function's jar for this one call. Built on first use (most invocations never continue). The
 * endpoint is {@code aws.endpointUrlLambda} / {@code AWS_ENDPOINT_URL_LAMBDA} when set (the local stack serves the
 * Invoke API itself), else the region's Lambda endpoint, in whatever partition the region is (China included).
 */
public final class LambdaContinuation implements Continuation {
    private final Supplier<Invoker> invoker;

    LambdaContinuation(Supplier<Invoker> invoker) {
        this.invoker = invoker;
    }

    public static LambdaContinuation fromEnvironment() {
        return new LambdaContinuation(new Lazy<>(() -> {
            Region region = new DefaultAwsRegionProviderChain().getRegion();
            String override = Env.get("aws.endpointUrlLambda", Env.get("AWS_ENDPOINT_URL_LAMBDA", null));
            URI endpoint = override != null ? URI.create(override)
                    : URI.create("https://" + ServiceMetadata.of("lambda").endpointFor(region));
            return new Invoker(UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
                    region, endpoint);
        }));
    }

    @Override
    public void invoke(String function, String event) {
        int status = invoker.get().invokeAsync(function, event);
        if (status != 202) {
            throw new IllegalStateException("Lambda answered " + status + " to an asynchronous invocation of "
                    + function);
        }
    }

    /** Signs and sends one asynchronous Invoke; answers Lambda's status code (202 when queued). */
    record Invoker(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {

        int invokeAsync(String function, String event) {
            byte[] body = event.getBytes(StandardCharsets.UTF_8);
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                    .encodedPath("/2015-03-31/functions/" + SdkHttpUtils.urlEncode(function) + "/invocations")
                    .putHeader("X-Amz-Invocation-Type", "Event")
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(s -> s
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(signed.payload().orElse(null))
                        .build()).call();
                try (InputStream ignored = response.responseBody().orElse(null)) {
                    return response.httpResponse().statusCode();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not invoke " + function + " to continue its job", e);
            }
        }
    }
}
