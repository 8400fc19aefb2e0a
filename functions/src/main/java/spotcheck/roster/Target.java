package spotcheck.roster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import spotcheck.privacy.Masking;
import spotcheck.store.EntityKind;

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
        String updatedAt) implements RosterEntry {

    /** The key attributes of the byCounty, byRisk and byPool indexes (see {@link spotcheck.store.Tables}). */
    public static final String COUNTY_KEY = "countyKey";
    public static final String RISK_KEY = "riskKey";
    public static final String RISK_SORT = "riskSort";
    public static final String POOL_KEY = "poolKey";

    public static final EntityKind<Target> KIND = new EntityKind<>("TGT", "target", Target.class, false)
            .withIndexKeys(Target::indexKeys);

    /** The partition of the byCounty index for a county, or of the byRisk index for a risk class. */
    public static String indexPartition(String countyOrRiskClass) {
        return "TGT#" + countyOrRiskClass;
    }

    /** The partition of the byPool index for a county: its active targets, the draw's candidates. */
    public static String poolPartition(String county) {
        return "POOL#" + county;
    }

    /**
     * Where the current state of a target is filed besides byKind: under its county, under its risk
     * class sorted by county and id (a draw's strata: one key range per class and county), and, only while
     * it is active, in its county's candidate pool, so a deregistered target drops out of every draw.
     */
    static Map<String, String> indexKeys(Target t) {
        Map<String, String> keys = new HashMap<>();
        if (t.county() != null) {
            keys.put(COUNTY_KEY, indexPartition(t.county()));
        }
        if (t.riskClass() != null && t.county() != null) {
            keys.put(RISK_KEY, indexPartition(t.riskClass()));
            keys.put(RISK_SORT, t.county() + "#" + t.targetId());
        }
        if ("active".equals(t.status()) && t.county() != null) {
            keys.put(POOL_KEY, poolPartition(t.county()));
        }
        return keys;
    }

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
