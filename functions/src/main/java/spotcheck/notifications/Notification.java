package spotcheck.notifications;

import java.util.List;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * An in-app notification (站内消息) for one {@link Audience}: what it is about ({@code rule}, {@code stage}, the
 * subject's kind and id, its due date) and a short message naming task, plan or case ids only, never a person's
 * ID number or phone. {@code state} is {@code unread} until someone of the audience marks it read
 * ({@code readBy}, {@code readAt}): an org-and-role audience shares one inbox.
 *
 * <p>Its id starts with its audience's prefix ({@link Audience#idPrefix()}) followed by the inverted creation time,
 * so one audience's notifications are one key range of the byKind index, newest first.
 */
public record Notification(
        String notificationId,
        String audience,
        String rule,
        String stage,
        String subjectKind,
        String subjectId,
        String dueDate,
        String title,
        String message,
        String state,
        String readBy,
        String readAt,
        String runId,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final String PREFIX = "NTF";
    public static final EntityKind<Notification> KIND = new EntityKind<>(PREFIX, "notification", Notification.class,
            false);
    public static final String UNREAD = "unread";
    public static final String READ = "read";
    public static final List<String> STATES = List.of(UNREAD, READ);

    @Override
    public String id() {
        return notificationId;
    }

    public Notification markedRead(String by, String at) {
        return new Notification(notificationId, audience, rule, stage, subjectKind, subjectId, dueDate, title,
                message, READ, by, at, runId, version + 1, createdAt, at);
    }
}
