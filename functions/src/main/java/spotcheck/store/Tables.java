package spotcheck.store;

import spotcheck.core.Env;

/**
 * The DynamoDB tables, named by the environment (template.yaml sets them).
 * {@code data}: every entity, keyed pk/sk, listed through the {@code byKind} index
 * on {@code entityKind} + {@code entitySort} (named so as not to collide with entity fields such as an org's kind).
 * {@code audit}: the audit trail, keyed by entity and time.
 */
public record Tables(String data, String audit) {
    public static final String BY_KIND_INDEX = "byKind";

    public static Tables fromEnvironment() {
        return new Tables(Env.require("DATA_TABLE"), Env.require("AUDIT_TABLE"));
    }
}
