package spotcheck.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import spotcheck.local.TestHandlers;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.template.TemplateModel;

/** The local Invoke API through the SDK's own Lambda client, as a function calls it. */
class LambdaInvokeApiTest {
    static final Map<String, FunctionHost> HOSTS = new LinkedHashMap<>();
    static LambdaInvokeApi api;
    static LambdaClient lambda;

    static FunctionHost host(String logicalId, Class<?> handler) {
        TemplateModel.Function f = new TemplateModel.Function(logicalId, "local-" + logicalId, handler.getName(),
                "java21", Map.of(), 512, 10, null, List.of(), List.of(), List.of(), null);
        return new FunctionHost(f, LambdaInvokeApiTest.class.getClassLoader());
    }

    @BeforeAll
    static void start() {
        HOSTS.put("Recorder", host("Recorder", TestHandlers.ScheduleRecorder.class));
        HOSTS.put("Failing", host("Failing", TestHandlers.InvokeFailing.class));
        api = LambdaInvokeApi.start(HOSTS, null, List.of(Duration.ofMillis(20), Duration.ofMillis(40)));
        lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(api.url())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stop() {
        api.close();
        HOSTS.values().forEach(FunctionHost::close);
    }

    @Test
    void anEventInvocationIsAcceptedAtOnceAndDeliveredByAnyFormOfTheFunctionsName() {
        long before = TestHandlers.ScheduleRecorder.SEEN.size();
        for (String name : List.of("local-Recorder", "Recorder",
                "arn:aws:lambda:us-east-1:123456789012:function:local-Recorder:$LATEST")) {
            int status = lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"time\":\"" + name + "\"}"))).statusCode();
            assertThat(status).isEqualTo(202);
        }
        assertThat(api.await(Duration.ofSeconds(20))).isTrue();
        assertThat(TestHandlers.ScheduleRecorder.SEEN.subList((int) before, (int) before + 3))
                .extracting(s -> ((com.fasterxml.jackson.databind.JsonNode) s.get("event")).path("time").asText())
                .containsExactlyInAnyOrder("local-Recorder", "Recorder",
                        "arn:aws:lambda:us-east-1:123456789012:function:local-Recorder:$LATEST");
        assertThat(TestHandlers.ScheduleRecorder.SEEN.subList((int) before, (int) before + 3))
                .extracting(s -> s.get("function")).containsOnly("local-Recorder");
    }

    @Test
    void aFailingInvocationIsRetriedTwiceAsLambdaRetriesItsQueuedEvents() {
        long accepted = api.accepted();
        long delivered = api.delivered();
        long failed = api.failedAttempts();
        int attempts = TestHandlers.InvokeFailing.ATTEMPTS.size();
        lambda.invoke(b -> b.functionName("Failing").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"time\":\"retry me\"}")));
        assertThat(api.await(Duration.ofSeconds(20))).isTrue();
        assertThat(TestHandlers.InvokeFailing.ATTEMPTS.subList(attempts, attempts + 3)).containsOnly("retry me");
        assertThat(api.accepted() - accepted).isEqualTo(1);
        assertThat(api.delivered() - delivered).isZero();
        assertThat(api.failedAttempts() - failed).isEqualTo(3);
    }

    @Test
    void aSynchronousInvocationOrAnUnknownFunctionIsRefusedWithLambdasErrors() {
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("Recorder")
                .payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("X-Amz-Invocation-Type: Event");
                });
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("Nobody").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("Function not found: Nobody");
                });
    }
}
