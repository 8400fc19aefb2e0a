package spotcheck.reminders;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes each reminder to the reminder topic, whose email and SMS subscribers receive it (SES is absent from
 * the China regions; SNS is not). Message attributes {@code rule}, {@code stage} and, where known, {@code org}
 * let a subscription filter (e.g. one department's operators, or only overdue items).
 */
public final class SnsChannel implements Channel {
    private final SnsClient sns;
    private final String topicArn;

    public SnsChannel(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** A client over the JDK's URL connection (the SDK honours {@code AWS_ENDPOINT_URL} / {@code aws.endpointUrl}). */
    public static SnsChannel forTopic(String topicArn) {
        return new SnsChannel(SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), topicArn);
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public void send(Reminder r) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("rule", text(r.rule()));
        attributes.put("stage", text(r.stage()));
        if (r.org() != null) {
            attributes.put("org", text(r.org()));
        }
        String subject = "spotcheck: " + r.rule() + " " + r.stage() + " " + r.subjectId();
        sns.publish(b -> b.topicArn(topicArn).subject(subject.length() > 99 ? subject.substring(0, 99) : subject)
                .message(r.message()).messageAttributes(attributes));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
