package spotcheck.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.Json;
import spotcheck.core.Log;
import spotcheck.imports.ImportJob;
import spotcheck.imports.ImportProcessor;
import spotcheck.jobs.JobRunner;
import spotcheck.validation.Text;

/**
 * The import function: S3 ObjectCreated events for keys under {@code imports/}. A file that cannot be imported
 * ends as a failed job with its reason, and the invocation succeeds. An import that runs out of time continues in a
 * new invocation of this function with the same event, which the job runner starts; this invocation then ends
 * normally. An infrastructure error (DynamoDB, S3) fails the invocation, so Lambda retries it and the retry resumes
 * from the job's checkpoint; after the retries the event goes to the dead-letter queue.
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
        if (event == null || event.getRecords() == null) {
            return "no records";
        }
        JobRunner.Invocation invocation = Invocations.forJobs(context, () -> json(event));
        String requestId = invocation.requestId();
        int handled = 0;
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
            Optional<JobRunner.Outcome<ImportJob>> outcome = processor.run(upload, invocation);
            handled++;
            if (outcome.isPresent() && outcome.get().ending() == JobRunner.Ending.PAUSED) {
                // the new invocation has this whole event: it resumes this upload and takes the rest
                return "handled " + handled + ", continuing in a new invocation";
            }
        }
        return "handled " + handled;
    }

    /** The event as S3 sends it (the fields the import reads), for the invocation that continues this one. */
    static String json(S3Event event) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (S3EventNotification.S3EventNotificationRecord r : event.getRecords()) {
            S3EventNotification.S3Entity s3 = r.getS3();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("key", s3.getObject().getKey());
            object.put("size", s3.getObject().getSizeAsLong());
            object.put("eTag", s3.getObject().geteTag());
            object.put("versionId", s3.getObject().getVersionId());
            object.put("sequencer", s3.getObject().getSequencer());
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("name", s3.getBucket().getName());
            bucket.put("arn", s3.getBucket().getArn());
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("s3SchemaVersion", s3.getS3SchemaVersion());
            entity.put("configurationId", s3.getConfigurationId());
            entity.put("bucket", bucket);
            entity.put("object", object);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("eventVersion", r.getEventVersion());
            record.put("eventSource", r.getEventSource());
            record.put("awsRegion", r.getAwsRegion());
            record.put("eventTime", r.getEventTime() == null ? null : r.getEventTime().toString());
            record.put("eventName", r.getEventName());
            record.put("s3", entity);
            records.add(record);
        }
        return Json.writeString(Map.of("Records", records));
    }
}
