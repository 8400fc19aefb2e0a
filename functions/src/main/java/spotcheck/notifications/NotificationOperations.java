package spotcheck.notifications;

import spotcheck.api.ApiRequest;
import spotcheck.api.ApiResponse;
import spotcheck.core.DomainException;

/** HTTP operations on /notifications: the caller's own. */
public final class NotificationOperations {
    private final NotificationService notifications;

    public NotificationOperations(NotificationService notifications) {
        this.notifications = notifications;
    }

    public ApiResponse list(ApiRequest r) {
        String unread = r.query("unread").orElse("false");
        if (!unread.equals("true") && !unread.equals("false")) {
            throw DomainException.invalid("unread", "unread must be true or false");
        }
        return ApiResponse.ok(notifications.list(r.caller(), unread.equals("true"), r.limit(50, 200),
                r.query("next").orElse(null)));
    }

    public ApiResponse markRead(ApiRequest r) {
        return ApiResponse.ok(notifications.markRead(r.actor(), r.path("notificationId")));
    }
}
