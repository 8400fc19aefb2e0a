package spotcheck.roster;

import java.util.List;
import java.util.Objects;
import spotcheck.privacy.Masking;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * A target of the roster (检查对象). Its id is its credit code where it has one, so
 * {@code GET /targets/{creditCode}} works; otherwise an id derived from county and name,
 * the natural key an import matches on. {@code legalRep} is public registry data;
 * {@code address}, {@code contactPhone} and {@code idNumber} are private.
 */
public record Target(
        String targetId,
        String creditCode,
        String name,
        String type,
        String county,
        List<String> items,
        String riskClass,
        String status,
        String statusReason,
        String legalRep,
        String address,
        String contactPhone,
        String idNumber,
        List<String> reviewFlags,
        String importId,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Target> KIND = new EntityKind<>("TGT", "target", Target.class, false);

    @Override
    public String id() {
        return targetId;
    }

    /** The same target with its private fields masked, for readers who do not need them. */
    public Target masked() {
        return new Target(targetId, creditCode, name, type, county, items, riskClass, status, statusReason, legalRep,
                Masking.address(address), Masking.phone(contactPhone),
                Masking.idNumber(idNumber), reviewFlags, importId, version, createdAt, updatedAt);
    }

    /** Same content (what a client or a file says), whatever the bookkeeping fields. */
    public boolean sameContent(Target o) {
        return Objects.equals(creditCode, o.creditCode) && name.equals(o.name) && type.equals(o.type)
                && county.equals(o.county) && items.equals(o.items) && Objects.equals(riskClass, o.riskClass)
                && status.equals(o.status) && Objects.equals(statusReason, o.statusReason)
                && Objects.equals(legalRep, o.legalRep) && Objects.equals(address, o.address)
                && Objects.equals(contactPhone, o.contactPhone)
                && Objects.equals(idNumber, o.idNumber) && reviewFlags.equals(o.reviewFlags);
    }
}
