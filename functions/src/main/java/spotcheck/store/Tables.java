package spotcheck.store;

import spotcheck.core.Env;

/**
 * The DynamoDB tables, named by the environment (template.yaml sets them).
 * {@code data}: every entity, keyed pk/sk, listed through the {@code byKind} index
 * on {@code entityKind} + {@code entitySort} (named so as not to collide with entity fields such as an org's kind).
 * Targets are also indexed by county ({@code byCounty}) and by risk class and county ({@code byRisk}), open jobs
 * by their last sign of life ({@code byOpenJob}).
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

    public static Tables fromEnvironment() {
        return new Tables(Env.require("DATA_TABLE"), Env.require("AUDIT_TABLE"));
    }
}
