package spotcheck.reminders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import spotcheck.core.Ids;
import spotcheck.store.Store;

/**
 * Makes each (rule, entity, stage, target) go out once: a run claims the delivery with a conditional write
 * (absent, or failed, or claimed by a run that stopped answering {@link #STALE_CLAIM} ago), sends, then records
 * sent or failed. A claim lost to another run is skipped; a sent one is never claimed again.
 */
public final class Ledger {
    /** A claim older than this was left by a run that died between claiming and recording: claimed again. */
    public static final Duration STALE_CLAIM = Duration.ofMinutes(15);

    private final Store store;

    public Ledger(Store store) {
        this.store = store;
    }

    public static String idOf(Reminder r, String target) {
        return Ids.derived("RML-", r.key() + "|" + target);
    }

    /** The claim, or empty when the delivery is sent already or another run holds it. */
    public Optional<Delivery> claim(Reminder r, String target, String runId, Instant now) {
        String id = idOf(r, target);
        String at = now.toString();
        Optional<Delivery> current = store.get(Delivery.KIND, id);
        if (current.isEmpty()) {
            Delivery fresh = new Delivery(id, r.rule(), r.subjectId(), r.stage(), target, Delivery.CLAIMED, 1, null,
                    runId, at, null, 1, at, at);
            return store.checkpoint(Delivery.KIND, null, fresh) ? Optional.of(fresh) : Optional.empty();
        }
        Delivery d = current.get();
        boolean retry = Delivery.FAILED.equals(d.status())
                || Delivery.CLAIMED.equals(d.status()) && Instant.parse(d.claimedAt()).plus(STALE_CLAIM)
                .isBefore(now);
        if (!retry) {
            return Optional.empty();
        }
        Delivery claimed = d.next(Delivery.CLAIMED, d.attempts() + 1, d.reason(), runId, at, null, at);
        return store.checkpoint(Delivery.KIND, d, claimed) ? Optional.of(claimed) : Optional.empty();
    }

    public void sent(Delivery claimed, Instant now) {
        store.checkpoint(Delivery.KIND, claimed, claimed.next(Delivery.SENT, claimed.attempts(), null,
                claimed.runId(), claimed.claimedAt(), now.toString(), now.toString()));
    }

    public void failed(Delivery claimed, String reason, Instant now) {
        store.checkpoint(Delivery.KIND, claimed, claimed.next(Delivery.FAILED, claimed.attempts(), reason,
                claimed.runId(), claimed.claimedAt(), null, now.toString()));
    }
}
