package spotcheck.local.events;

import spotcheck.local.template.TemplateModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The S3 event a notification becomes, as S3 gives it to Lambda. moto 5.2.1 sends eventVersion,
 * eventSource, awsRegion, eventTime, eventName, configurationId, bucket name and ARN, and the
 * object's key, size and eTag; it leaves out userIdentity, requestParameters, responseElements,
 * the bucket's ownerIdentity, the object's versionId and sequencer, stamps the time without a
 * zone and with microseconds, and percent-encodes '/' in keys, which S3 keeps. This fills in and
 * corrects those; every value the emulator does send is kept.
 */
public final class S3EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** S3's eventTime: UTC, milliseconds, 'Z'. */
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Local stand-ins for the uploader and the bucket owner, whom the emulator does not name. */
    static final String PRINCIPAL = "AWS:" + TemplateModel.ACCOUNT_ID;
    static final String OWNER = "LOCALOWNER";

    /** Finds the version an event is about: null when the bucket keeps no versions or none matches. */
    interface Versions {
        String versionId(String bucket, String key, String eTag, Instant eventTime);
    }

    private S3EventJson() { }

    /** S3 sends this once to a queue when notifications are configured; it is not an object event. */
    static boolean isTestEvent(JsonNode body) {
        return "s3:TestEvent".equals(body.path("Event").asText(null));
    }

    /** A notification body with records, or null when it is not one. */
    static ObjectNode complete(JsonNode body, Versions versions) {
        if (!(body.get("Records") instanceof ArrayNode records)) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode completed = out.putArray("Records");
        for (JsonNode r : records) {
            completed.add(record(r, versions));
        }
        return out;
    }

    /** The fields in the order S3 writes them, the emulator's values where it has them. */
    private static ObjectNode record(JsonNode in, Versions versions) {
        JsonNode s3In = in.path("s3");
        JsonNode bucketIn = s3In.path("bucket");
        JsonNode objectIn = s3In.path("object");
        Instant time = parseTime(in.path("eventTime").asText(null));

        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", text(in, "eventVersion", "2.1"));
        r.put("eventSource", text(in, "eventSource", "aws:s3"));
        r.put("awsRegion", text(in, "awsRegion", TemplateModel.REGION));
        r.put("eventTime", EVENT_TIME.format(time));
        r.put("eventName", text(in, "eventName", "ObjectCreated:Put"));
        r.set("userIdentity", orDefault(in.get("userIdentity"), () -> JSON.createObjectNode()
                .put("principalId", PRINCIPAL)));
        r.set("requestParameters", orDefault(in.get("requestParameters"), () -> JSON.createObjectNode()
                .put("sourceIPAddress", "127.0.0.1")));
        r.set("responseElements", orDefault(in.get("responseElements"), S3EventJson::responseElements));

        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", text(s3In, "s3SchemaVersion", "1.0"));
        s3.put("configurationId", text(s3In, "configurationId", "local"));
        String bucketName = bucketIn.path("name").asText();
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", bucketName);
        bucket.set("ownerIdentity", orDefault(bucketIn.get("ownerIdentity"), () -> JSON.createObjectNode()
                .put("principalId", OWNER)));
        bucket.put("arn", text(bucketIn, "arn", "arn:aws:s3:::" + bucketName));

        String key = decodeKey(objectIn.path("key").asText());
        String eTag = objectIn.path("eTag").asText(null);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        if (objectIn.has("size")) {
            object.set("size", objectIn.get("size"));
        }
        if (eTag != null) {
            object.put("eTag", eTag);
        }
        String versionId = objectIn.path("versionId").asText(null);
        if (versionId == null) {
            versionId = versions.versionId(bucketName, key, eTag, time);
        }
        if (versionId != null) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", text(objectIn, "sequencer", sequencer(time)));
        return r;
    }

    /**
     * The key as S3 writes it in events: form-encoded (space as '+', other bytes as %XX of UTF-8)
     * with '/' left as it is.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** The object key an event names (what the SDK's S3EventNotification.decodedKey gives). */
    static String decodeKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return encoded;
        }
    }

    /**
     * S3's sequencer orders the events of one key (greater hex, later event). The event time to the
     * microsecond does that for events moto emits one after another; the same value for the same event.
     */
    static String sequencer(Instant time) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        return String.format("%018X", micros);
    }

    /** moto writes local time without a zone (the stack runs it in UTC); others write ISO instants. */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return Instant.now();
            }
        }
    }

    private static JsonNode responseElements() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] requestId = new byte[8];
        byte[] hostId = new byte[48];
        random.nextBytes(requestId);
        random.nextBytes(hostId);
        return JSON.createObjectNode()
                .put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(requestId))
                .put("x-amz-id-2", Base64.getEncoder().encodeToString(hostId));
    }

    private static String text(JsonNode node, String field, String byDefault) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? byDefault : value.asText();
    }

    private static JsonNode orDefault(JsonNode value, java.util.function.Supplier<JsonNode> byDefault) {
        return value == null || value.isNull() ? byDefault.get() : value;
    }
}
