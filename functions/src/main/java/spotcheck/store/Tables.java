package spotcheck.store;

import spotcheck.core.Env;

/**
 * The DynamoDB tables, named by the environment (template.yaml sets them).
 * {@code data}: every entity, keyed pk/sk, listed through the {@code byKind} index
 * on {@code entityKind} + {@code entitySort} (named so as not to collide with entity fields such as an org's kind).
 * Targets are also indexed by county ({@code byCounty}), by risk class and county ({@code byRisk}) and, while
 * active, in the draw's candidate pool ({@code byPool}); open jobs by their last sign of life ({@code byOpenJob}).
 * {@code audit}: the audit trail, keyed by entity and time.
 */
public record Tables(String data, String audit) {
    public static final String BY_KIND_INDEX = "byKind";
    /**
     * Targets by county: {@code countyKey = TGT#county}, sorted by id. Sparse: only the current
     * state of a target carries the key. A county's lists and lists filtered by county read it.
     */
    public static final String BY_COUNTY_INDEX = "byCounty";
    /**
     * Targets by credit-risk class: {@code riskKey = TGT#class}, sorted by {@code riskSort = county#id}, so
     * a class city-wide and a class within one county (a draw's stratum) are each one key range.
     */
    public static final String BY_RISK_INDEX = "byRisk";
    /**
     * Jobs still open (pending or running): {@code openJob = PREFIX} of the job's kind, sorted by {@code heartbeat},
     * the time of its last sign of life. Sparse: a finished job drops out. The sweeper reads the oldest first.
     */
    public static final String BY_OPEN_JOB_INDEX = "byOpenJob";
    /**
     * The draw's candidate pool: active targets only ({@code poolKey = POOL#county}, absent once a target is
     * deregistered), sorted by id, projecting only what a draw selects by (id, county, type, items, risk
     * class), never a private field.
     */
    public static final String BY_POOL_INDEX = "byPool";
    /**
     * Open deadlines by rule and date ({@link DueIndex}): {@code dueKey = DUE#rule}, sorted by {@code dueSort =
     * date#id}. Sparse: a met deadline drops out, so a daily run reads only what is due.
     */
    public static final String BY_DUE_INDEX = "byDue";

    public static Tables fromEnvironment() {
        return new Tables(Env.require("DATA_TABLE"), Env.require("AUDIT_TABLE"));
    }
}
