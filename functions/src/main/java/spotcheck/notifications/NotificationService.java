package spotcheck.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.Store;
import spotcheck.store.Tables;

/**
 * In-app notifications: written by the reminder run (one per reminder and audience, once), listed by the caller
 * ({@code GET /notifications}: every audience the caller's token places them in, newest first, optionally only
 * the unread ones) and marked read ({@code POST /notifications/{id}/read}). A caller reaches only the
 * notifications of their own audiences (404 for any other: its existence is not disclosed).
 */
public final class NotificationService {
    private static final long MAX_MILLIS = 9_999_999_999_999L;

    private final Store store;

    public NotificationService(Store store) {
        this.store = store;
    }

    /** What a reminder asks to be shown to an audience. */
    public record Draft(Audience audience, String rule, String stage, String subjectKind, String subjectId,
                        String dueDate, String title, String message) { }

    /**
     * The id of the notification for {@code draft} created at {@code at}: its audience's prefix, the inverted time
     * (newest first) and a digest of what it is about, so writing the same draft at the same time twice is one
     * notification.
     */
    public static String idOf(Draft d, Instant at) {
        String inverted = String.format("%013d", MAX_MILLIS - at.toEpochMilli());
        return d.audience().idPrefix() + inverted + "-" + Ids.derived("", d.rule() + "|" + d.subjectId() + "|"
                + d.stage()).substring(0, 10);
    }

    /**
     * Stores the notification unless it exists already (a repeated delivery of the same draft at the same time
     * changes nothing: the create's condition fails, which is not an error here). Answers its id.
     */
    public String post(Actor actor, Draft d, Instant at, String runId) {
        String id = idOf(d, at);
        String now = at.toString();
        Notification n = new Notification(id, d.audience().key(), d.rule(), d.stage(), d.subjectKind(),
                d.subjectId(), d.dueDate(), d.title(), d.message(), Notification.UNREAD, null, null, runId, 1, now,
                now);
        try {
            store.create(Notification.KIND, n, actor, "notify");
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.CONFLICT) {
                throw e;
            }
        }
        return id;
    }

    /**
     * The caller's notifications, newest first within each audience, audience after audience (their login, then
     * their roles); {@code unreadOnly} keeps the unread ones. The cursor names the audience and its place in it.
     */
    public Page<Notification> list(Principal caller, boolean unreadOnly, int limit, String next) {
        List<Audience> audiences = Audience.of(caller);
        int at = 0;
        String inner = null;
        if (next != null && !next.isBlank()) {
            int dot = next.indexOf('.');
            try {
                at = Integer.parseInt(dot < 0 ? next : next.substring(0, dot));
            } catch (NumberFormatException e) {
                throw DomainException.malformed("next is not a cursor of this list");
            }
            inner = dot < 0 ? null : next.substring(dot + 1);
            if (at < 0 || at >= audiences.size()) {
                throw DomainException.malformed("next is not a cursor of this list");
            }
        }
        List<Filter> filters = unreadOnly ? List.of(Filter.eq("state", Notification.UNREAD)) : List.of();
        List<Notification> items = new ArrayList<>();
        int rounds = 0;
        while (at < audiences.size() && items.size() < limit && rounds++ < 20) {
            ListIndex range = new ListIndex(Tables.BY_KIND_INDEX, "entityKind", Notification.PREFIX, "entitySort",
                    audiences.get(at).idPrefix());
            Page<Notification> page = store.list(Notification.KIND, range, filters, limit - items.size(), inner);
            items.addAll(page.items());
            if (page.next() != null) {
                inner = page.next();
            } else {
                at++;
                inner = null;
            }
        }
        String cursor = at >= audiences.size() ? null : inner == null ? String.valueOf(at) : at + "." + inner;
        return new Page<>(items, cursor);
    }

    /** Marks one of the caller's notifications read (already read: unchanged). 404 when it is not theirs. */
    public Notification markRead(Actor actor, String notificationId) {
        Notification n = store.get(Notification.KIND, notificationId)
                .filter(found -> Audience.of(actor.principal()).stream()
                        .anyMatch(a -> a.key().equals(found.audience())))
                .orElseThrow(() -> DomainException.notFound("No notification with id '" + notificationId + "'"));
        if (Notification.READ.equals(n.state())) {
            return n;
        }
        Notification after = n.markedRead(actor.principal().subject(), store.now());
        store.update(Notification.KIND, n, after, actor, "read");
        return after;
    }
}
