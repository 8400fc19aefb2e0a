package spotcheck.reminders;

/**
 * A way out for reminders besides the in-app notification: an SNS topic (email and SMS subscribers), a chat
 * webhook. {@link #send} delivers one reminder or throws, saying why: the ledger records the reason and the next
 * run tries again.
 */
public interface Channel {
    /** The ledger's name for the channel: {@code sns}, {@code webhook}. */
    String name();

    void send(Reminder reminder) throws Exception;
}
