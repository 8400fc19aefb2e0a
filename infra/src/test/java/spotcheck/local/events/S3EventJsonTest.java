package spotcheck.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.local.template.TemplateModel;

class S3EventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What moto 5.2.1 puts on the queue for a PutObject (its test event aside). */
    private static final String MOTO = """
            {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
             "eventTime": "2026-03-01T08:15:30.123456", "eventName": "ObjectCreated:Put",
             "s3": {"s3SchemaVersion": "1.0", "configurationId": "ImportFunctionUpload",
              "bucket": {"name": "spotcheck-local-uploads", "arn": "arn:aws:s3:::spotcheck-local-uploads"},
              "object": {"key": "imports%2Ftargets%2F%E6%B2%B3%E6%BA%90+%E5%90%8D%E5%BD%95.csv", "size": 6,
               "eTag": "b1946ac92492d2347c6235b4d2611184"}}}]}""";

    @Test
    void keysAreEncodedAsS3EncodesThemInEvents() {
        assertThat(S3EventJson.encodeKey("imports/targets/河源 名录.csv"))
                .isEqualTo("imports/targets/%E6%B2%B3%E6%BA%90+%E5%90%8D%E5%BD%95.csv");
        assertThat(S3EventJson.encodeKey("a+b=c&d.csv")).isEqualTo("a%2Bb%3Dc%26d.csv");
        assertThat(S3EventJson.decodeKey("a%2Bb+c")).isEqualTo("a+b c");
        assertThat(S3EventJson.decodeKey("100%")).isEqualTo("100%");
    }

    @Test
    void fillsInWhatMotoLeavesOutAndKeepsWhatItSends() throws Exception {
        List<String> asked = new ArrayList<>();
        ObjectNode event = S3EventJson.complete(JSON.readTree(MOTO), (bucket, key, eTag, time) -> {
            asked.add(bucket + " " + key + " " + eTag + " " + time);
            return "v-1";
        });

        JsonNode r = event.path("Records").path(0);
        assertThat(r.path("eventTime").asText()).isEqualTo("2026-03-01T08:15:30.123Z");
        assertThat(r.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(r.path("userIdentity").path("principalId").asText()).isEqualTo("AWS:" + TemplateModel.ACCOUNT_ID);
        assertThat(r.path("requestParameters").path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(r.path("responseElements").path("x-amz-request-id").asText()).matches("[0-9A-F]{16}");
        assertThat(r.path("responseElements").path("x-amz-id-2").asText()).matches("[A-Za-z0-9+/]{64}");
        JsonNode s3 = r.path("s3");
        assertThat(s3.path("configurationId").asText()).isEqualTo("ImportFunctionUpload");
        assertThat(s3.path("bucket").path("ownerIdentity").path("principalId").asText()).isEqualTo("LOCALOWNER");
        assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::spotcheck-local-uploads");
        JsonNode object = s3.path("object");
        assertThat(object.path("key").asText()).isEqualTo("imports/targets/%E6%B2%B3%E6%BA%90+%E5%90%8D%E5%BD%95.csv");
        assertThat(object.path("size").asLong()).isEqualTo(6);
        assertThat(object.path("eTag").asText()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(object.path("versionId").asText()).isEqualTo("v-1");
        assertThat(object.path("sequencer").asText()).matches("[0-9A-F]{18}");
        assertThat(asked).containsExactly("spotcheck-local-uploads imports/targets/河源 名录.csv"
                + " b1946ac92492d2347c6235b4d2611184 2026-03-01T08:15:30.123456Z");
        // In S3's order of fields.
        assertThat(r.fieldNames()).toIterable().containsExactly("eventVersion", "eventSource", "awsRegion",
                "eventTime", "eventName", "userIdentity", "requestParameters", "responseElements", "s3");
        assertThat(object.fieldNames()).toIterable().containsExactly("key", "size", "eTag", "versionId",
                "sequencer");

        // A complete event stays as it is (events saved across a restart are completed again).
        assertThat(S3EventJson.complete(event, (b, k, e, t) -> "v-2")).isEqualTo(event);
    }

    @Test
    void theSequencerGrowsWithTheEventTime() {
        Instant t = Instant.parse("2026-03-01T08:15:30.123456Z");
        String first = S3EventJson.sequencer(t);
        String later = S3EventJson.sequencer(t.plusNanos(1_000));
        assertThat(first).hasSize(18);
        assertThat(later).hasSameSizeAs(first).isGreaterThan(first);
    }

    @Test
    void withoutAVersionThereIsNoVersionId() throws Exception {
        ObjectNode event = S3EventJson.complete(JSON.readTree(MOTO), (b, k, e, t) -> null);
        assertThat(event.at("/Records/0/s3/object").has("versionId")).isFalse();
    }

    @Test
    void recognisesTheTestEventAndOtherMessages() throws Exception {
        assertThat(S3EventJson.isTestEvent(JSON.readTree("""
                {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2026-03-01T08:15:30.123456",
                 "Bucket": "spotcheck-local-uploads"}"""))).isTrue();
        assertThat(S3EventJson.isTestEvent(JSON.readTree(MOTO))).isFalse();
        assertThat(S3EventJson.complete(JSON.readTree("{\"hello\":1}"), (b, k, e, t) -> null)).isNull();
    }
}
