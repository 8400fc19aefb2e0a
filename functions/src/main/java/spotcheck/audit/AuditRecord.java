package spotcheck.audit;

import java.util.List;

/**
 * One line of the audit trail: who changed which entity, when, how, and keyed digests of
 * the state before and after (so a stored snapshot can be proven unaltered without
 * copying personal data into the trail). {@code importId} names the import that made the change.
 */
public record AuditRecord(
        String entity,
        String at,
        String action,
        String actor,
        String actorOrg,
        long version,
        String beforeDigest,
        String afterDigest,
        String digestAlg,
        List<String> changedFields,
        String requestId,
        String importId) { }
