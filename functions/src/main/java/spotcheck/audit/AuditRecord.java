package spotcheck.audit;

import java.util.List;

/**
 * One line of the audit trail: who changed which entity, when, how, and digests of
 * the state before and after (so a stored snapshot can be proven unaltered without
 * copying personal data into the trail).
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
        List<String> changedFields,
        String requestId) { }
