package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.util.function.LongSupplier;
import spotcheck.core.Log;
import spotcheck.validation.Text;
import spotcheck.imports.ImportProcessor;

/**
 * The import function: S3 ObjectCreated events for keys under {@code imports/}. A file that
 * cannot be imported ends as a failed job with its reason, and the invocation succeeds; an
 * infrastructure error (DynamoDB, S3) fails the invocation, so Lambda retries it and the
 * retry resumes from the job's checkpoint. After the retries the event goes to the
 * dead-letter queue.
 */
public final class ImportHandler implements RequestHandler<S3Event, String> {
    private final ImportProcessor processor;

    public ImportHandler() {
        this(Services.fromEnvironment().importProcessor());
    }

    public ImportHandler(ImportProcessor processor) {
        this.processor = processor;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        String requestId = context != null ? context.getAwsRequestId() : "-";
        LongSupplier remaining = context != null ? context::getRemainingTimeInMillis : () -> Long.MAX_VALUE;
        int handled = 0;
        if (event == null || event.getRecords() == null) {
            return "no records";
        }
        for (S3EventNotification.S3EventNotificationRecord r : event.getRecords()) {
            if (r.getEventName() == null || !r.getEventName().startsWith("ObjectCreated")) {
                continue;
            }
            S3EventNotification.S3ObjectEntity object = r.getS3().getObject();
            ImportProcessor.Upload upload = new ImportProcessor.Upload(r.getS3().getBucket().getName(),
                    object.getUrlDecodedKey(), Text.blankToNull(object.getVersionId()), object.geteTag(),
                    object.getSizeAsLong() == null ? 0 : object.getSizeAsLong(), object.getSequencer());
            if (!upload.key().startsWith("imports/")) {
                Log.warn("import.skipped", requestId, "reason", "key outside imports/");
                continue;
            }
            processor.run(upload, remaining, requestId);
            handled++;
        }
        return "handled " + handled;
    }
}
