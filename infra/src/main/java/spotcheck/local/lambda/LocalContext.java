package spotcheck.local.lambda;

import spotcheck.local.template.TemplateModel;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Lambda context of one local invocation: ids, names and the time left before the timeout. */
public final class LocalContext implements Context {
    private static final LambdaLogger LOGGER = new LambdaLogger() {
        // Lambda sends these lines to the function's log; locally they share the process log.
        @Override
        public void log(String message) {
            System.out.print(message);
            System.out.flush();
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String requestId;
    private final TemplateModel.Function function;
    private final long deadlineNanos;
    private final String logStream;

    LocalContext(String requestId, TemplateModel.Function function, long deadlineNanos, String instanceId) {
        this.requestId = requestId;
        this.function = function;
        this.deadlineNanos = deadlineNanos;
        this.logStream = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + instanceId;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        String arn = "arn:aws:lambda:" + TemplateModel.REGION + ":" + TemplateModel.ACCOUNT_ID + ":function:"
                + function.name();
        return function.autoPublishAlias() == null ? arn : arn + ":" + function.autoPublishAlias();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySize();
    }

    @Override
    public LambdaLogger getLogger() {
        return LOGGER;
    }
}
