package spotcheck.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.core.Digests;
import spotcheck.core.Json;
import spotcheck.core.Principal;

/**
 * The audit records of changes, written in the transaction that makes the change (the store's
 * one write path) or, for an import's batches, once per chunk. Entity keys look like
 * {@code item/ITEM-0001}. Digests are keyed (HMAC), so a reader of the trail cannot test guesses
 * of masked fields against them.
 *
 * <p>An import creates entities in batches and records each batch once, under
 * {@code import-rows/IMP-…} (one record per chunk of rows, listing every entity it created with
 * its digest), not once per entity. The record of such an entity's first change names the
 * creating import and the creation time, which starts the chunk record's sort key.
 */
public final class AuditRecords {
    public static final String IMPORT_ROWS = "import-rows";
    /** On the record of an imported entity's first change: which import created it, and when. */
    public static final String CREATED_BY_IMPORT = "createdByImport";
    public static final String CREATED_AT = "createdAt";

    private final Tables tables;
    private final Clock clock;
    private final Supplier<byte[]> key;

    /** The import that created an entity in a batch, and when (its {@code createdAt}). */
    public record Origin(String importId, String at) { }

    public AuditRecords(Tables tables, Clock clock, Supplier<byte[]> key) {
        this.tables = tables;
        this.clock = clock;
        this.key = key;
    }

    public static String entityKey(String type, String id) {
        return type + "/" + id;
    }

    /** The keyed digest of a snapshot, as records carry it. */
    public String digest(Object snapshot) {
        return snapshot == null ? null : Digests.hmacSha256(key.get(), snapshot);
    }

    /**
     * The audit write for a change; add it to the change's transaction.
     * The sort key starts with the entity version, so a trail reads in version order.
     */
    public TransactWriteItem record(Principal actor, String requestId, String entity, String action, long version,
                                    Object before, Object after) {
        return record(actor, requestId, entity, action, version, before, after, null);
    }

    /** The same, for a change an import made. */
    public TransactWriteItem record(Principal actor, String requestId, String entity, String action, long version,
                                    Object before, Object after, String importId) {
        String at = clock.instant().toString();
        Map<String, AttributeValue> item = base(actor, requestId, entity, action, version, at,
                String.format("%010d#%s", version, at));
        Attrs.putIfPresent(item, "beforeDigest", digest(before));
        Attrs.putIfPresent(item, "afterDigest", digest(after));
        item.put("changedFields", Attrs.list(Digests.changedFields(before, after)));
        Attrs.putIfPresent(item, "importId", importId);
        importOrigin(entity, before).ifPresent(o -> {
            item.put(CREATED_BY_IMPORT, Attrs.s(o.importId()));
            item.put(CREATED_AT, Attrs.s(o.at()));
        });
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.audit()).item(item)
                .conditionExpression("attribute_not_exists(entity)").build()).build();
    }

    /**
     * The record of one chunk of an import: the entities it created ({@code id@version}) with the
     * digest of each, in the same order. {@code at} must be the created entities' {@code createdAt}.
     */
    public Put importChunk(Principal actor, String requestId, String importId, long lastRow, String at,
                           List<String> written, List<String> digests) {
        Map<String, AttributeValue> item = base(actor, requestId, entityKey(IMPORT_ROWS, importId), "write", lastRow,
                at, String.format("%s#%010d", at, lastRow));
        item.put("afterDigest", Attrs.s(digest(Map.of("rowsUpTo", lastRow, "written", written))));
        item.put("changedFields", Attrs.list(written));
        item.put("digests", Attrs.list(digests));
        item.put("importId", Attrs.s(importId));
        return Put.builder().tableName(tables.audit()).item(item).build();
    }

    private Map<String, AttributeValue> base(Principal actor, String requestId, String entity, String action,
                                             long version, String at, String sk) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("entity", Attrs.s(entity));
        item.put("sk", Attrs.s(sk));
        item.put("at", Attrs.s(at));
        item.put("action", Attrs.s(action));
        item.put("actor", Attrs.s(actor.subject()));
        Attrs.putIfPresent(item, "actorOrg", actor.org());
        item.put("version", Attrs.n(version));
        item.put("digestAlg", Attrs.s(Digests.ALGORITHM));
        Attrs.putIfPresent(item, "requestId", requestId);
        return item;
    }

    /** A roster entity at version 1 written by an import: the import its first change must name. */
    private static Optional<Origin> importOrigin(String entity, Object before) {
        if (before == null || entity.startsWith("import/")) {
            return Optional.empty();
        }
        var snapshot = Json.MAPPER.valueToTree(before);
        if (snapshot.path("version").asLong() != 1 || !snapshot.path("importId").isTextual()
                || !snapshot.path("createdAt").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Origin(snapshot.path("importId").asText(), snapshot.path("createdAt").asText()));
    }
}
