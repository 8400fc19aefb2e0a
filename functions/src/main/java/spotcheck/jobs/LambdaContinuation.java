package spotcheck.jobs;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import spotcheck.core.Env;
import spotcheck.core.Lazy;

/**
 * Continues a job in a new invocation of the same function: Lambda's Invoke with {@code InvocationType=Event}, so
 * Lambda queues the event and this invocation ends at once. The client is made on first use (most invocations
 * never continue; cold start matters), over the URL-connection HTTP client as every client here; its endpoint is
 * {@code aws.endpointUrlLambda} / {@code AWS_ENDPOINT_URL_LAMBDA} when set (the local stack serves the Invoke API
 * itself), else Lambda's own.
 */
public final class LambdaContinuation implements Continuation {
    private final Supplier<LambdaClient> lambda;

    public LambdaContinuation(Supplier<LambdaClient> lambda) {
        this.lambda = lambda;
    }

    public static LambdaContinuation fromEnvironment() {
        return new LambdaContinuation(new Lazy<>(LambdaContinuation::client));
    }

    private static LambdaClient client() {
        LambdaClientBuilder client = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create());
        String endpoint = Env.get("aws.endpointUrlLambda", Env.get("AWS_ENDPOINT_URL_LAMBDA", null));
        if (endpoint != null) {
            client.endpointOverride(URI.create(endpoint));
        }
        return client.build();
    }

    @Override
    public void invoke(String function, String event) {
        int status = lambda.get().invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(event))).statusCode();
        if (status != 202) {
            throw new IllegalStateException("Lambda answered " + status + " to an asynchronous invocation of "
                    + function);
        }
    }
}
