package spotcheck.reminders;

import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * The ledger's record of one reminder to one recipient or channel ({@code target}: {@code app:AUDIENCE},
 * {@code sns}, {@code webhook}): created conditionally when a run claims it, so of two runs only one sends it;
 * {@code sent} once delivered (never again), {@code failed} with the reason when the channel refused, to be
 * claimed again by the next run. {@code attempts} counts the claims. Written as unaudited conditional
 * checkpoints: the ledger is the run's own bookkeeping.
 */
public record Delivery(String deliveryId, String rule, String subjectId, String stage, String target, String status,
                       int attempts, String reason, String runId, String claimedAt, String sentAt, long version,
                       String createdAt, String updatedAt) implements Versioned {

    public static final EntityKind<Delivery> KIND = new EntityKind<>("RML", "reminder delivery", Delivery.class,
            false);
    public static final String CLAIMED = "claimed";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    @Override
    public String id() {
        return deliveryId;
    }

    Delivery next(String newStatus, int newAttempts, String why, String run, String claimed, String sent,
                  String now) {
        return new Delivery(deliveryId, rule, subjectId, stage, target, newStatus, newAttempts, why, run, claimed,
                sent, version + 1, createdAt, now);
    }
}
