package spotcheck.roster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import spotcheck.store.DueIndex;
import spotcheck.store.EntityKind;
import spotcheck.store.UniqueKey;

/**
 * A certified officer of the roster (执法检查人员). Inactive inspectors are never drawn;
 * {@code conflicts} lists targets they must not be sent to (回避). {@code accountId}, where set, is the login
 * (the token's {@code sub}) of the officer's own account: it links the account to this roster entry, so that
 * the officer finds their tasks ({@code GET /tasks?assignee=me}). No two inspectors hold the same one. It is
 * private, and only administrators set it ({@link InspectorAccess}).
 */
public record Inspector(
        String inspectorId,
        String name,
        String org,
        String certificateNo,
        String certificateValidUntil,
        List<String> qualifiedItems,
        List<String> expertise,
        String status,
        String statusReason,
        List<String> conflicts,
        String accountId,
        String importId,
        long version,
        String createdAt,
        String updatedAt) implements RosterEntry {

    public static final EntityKind<Inspector> KIND = new EntityKind<>("INS", "inspector", Inspector.class, false,
            (Inspector i) -> i.accountId() == null ? List.of() : List.of(accountKey(i.accountId())))
            .withIndexKeys(Inspector::dueKeys);

    /**
     * An active inspector's certificate is filed in the byDue index under {@code certificate} by its last valid
     * day, so the reminder run reads only the certificates about to lapse; an inactive one leaves it.
     */
    static Map<String, String> dueKeys(Inspector i) {
        return "active".equals(i.status()) && i.certificateValidUntil() != null
                ? DueIndex.keys(DueIndex.CERTIFICATE, i.certificateValidUntil(), i.inspectorId()) : Map.of();
    }

    /** The claim an account's link holds: one roster entry per login. */
    public static UniqueKey accountKey(String accountId) {
        return new UniqueKey("account", accountId, "accountId", "that account linked (accountId)");
    }

    @Override
    public String id() {
        return inspectorId;
    }

    /** The same inspector without its private field (the linked login), for readers who may not see it. */
    public Inspector withoutAccount() {
        return new Inspector(inspectorId, name, org, certificateNo, certificateValidUntil, qualifiedItems, expertise,
                status, statusReason, conflicts, null, importId, version, createdAt, updatedAt);
    }

    public boolean sameContent(Inspector o) {
        return name.equals(o.name) && org.equals(o.org) && certificateNo.equals(o.certificateNo)
                && certificateValidUntil.equals(o.certificateValidUntil) && qualifiedItems.equals(o.qualifiedItems)
                && expertise.equals(o.expertise) && status.equals(o.status)
                && Objects.equals(statusReason, o.statusReason) && conflicts.equals(o.conflicts)
                && Objects.equals(accountId, o.accountId);
    }
}
