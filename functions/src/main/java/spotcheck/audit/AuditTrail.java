package spotcheck.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.api.ApiException;
import spotcheck.api.Json;
import spotcheck.api.Page;
import spotcheck.api.Principal;
import spotcheck.store.Attrs;
import spotcheck.store.Cursor;
import spotcheck.store.Tables;

/**
 * Writes audit records as part of the transaction that makes the change, and reads
 * an entity's trail. Entity keys look like {@code item/ITEM-0001}.
 *
 * <p>An import creates entities in batches and records each batch once, under
 * {@code import-rows/IMP-…} (one record per chunk of rows, listing every entity it created with
 * its digest), not once per entity. An entity's trail shows that record as its version 1: the
 * entity (or, once it has changed, the record of its first change) names the creating import
 * and the creation time, which is the start of the chunk record's sort key.
 */
public final class AuditTrail {
    public static final String IMPORT_ROWS = "import-rows";
    /** On the record of an imported entity's first change: which import created it, and when. */
    private static final String CREATED_BY_IMPORT = "createdByImport";
    private static final String CREATED_AT = "createdAt";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Clock clock;
    private final Supplier<byte[]> key;

    /** The import that created an entity in a batch, and when (its {@code createdAt}). */
    public record Origin(String importId, String at) { }

    /** Finds the origin of an entity that has no record of its own yet (one read). */
    public interface Origins {
        Optional<Origin> of(String entity);
    }

    public AuditTrail(DynamoDbClient dynamo, Tables tables, Clock clock, Supplier<byte[]> key) {
        this.dynamo = dynamo;
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

    /**
     * One page of an entity's trail, in version order. An entity an import created shows that
     * import's record first; finding it costs at most two reads more, on the first page only.
     */
    public Page<AuditRecord> trail(String entity, int limit, String next, Origins origins) {
        Map<String, AttributeValue> start = Cursor.decode(next, Set.of("entity", "sk"));
        if (start != null && !entity.equals(Attrs.str(start, "entity"))) {
            throw ApiException.malformed("The 'next' cursor belongs to another entity's trail");
        }
        QueryResponse response = dynamo.query(QueryRequest.builder()
                .tableName(tables.audit())
                .keyConditionExpression("entity = :e")
                .expressionAttributeValues(Map.of(":e", Attrs.s(entity)))
                .exclusiveStartKey(start)
                .limit(limit)
                .build());
        List<Map<String, AttributeValue>> own = response.items();
        Map<String, AttributeValue> lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        Optional<AuditRecord> creation = start != null ? Optional.empty() : creationByImport(entity, own, origins);
        if (creation.isEmpty()) {
            return new Page<>(own.stream().map(AuditTrail::fromItem).toList(), Cursor.encode(lastKey));
        }
        List<AuditRecord> records = new ArrayList<>();
        records.add(creation.get());
        if (own.size() >= limit) {
            // The creation takes a place on this page: the last own record moves to the next.
            own = own.subList(0, limit - 1);
            lastKey = Map.of("entity", Attrs.s(entity), "sk", own.isEmpty() ? Attrs.s(String.format("%010d", 0))
                    : own.get(own.size() - 1).get("sk"));
        }
        own.stream().map(AuditTrail::fromItem).forEach(records::add);
        return new Page<>(records, Cursor.encode(lastKey));
    }

    /** The creating import's line for an entity whose own trail does not start at version 1. */
    private Optional<AuditRecord> creationByImport(String entity, List<Map<String, AttributeValue>> own,
                                                   Origins origins) {
        Optional<Origin> origin;
        if (own.isEmpty()) {
            origin = origins.of(entity);
        } else if (Attrs.num(own.get(0), "version") == 1) {
            return Optional.empty();
        } else {
            Map<String, AttributeValue> first = own.get(0);
            origin = Attrs.str(first, CREATED_BY_IMPORT) == null ? Optional.empty() : Optional.of(
                    new Origin(Attrs.str(first, CREATED_BY_IMPORT), Attrs.str(first, CREATED_AT)));
        }
        return origin.map(o -> chunkLine(entity, o));
    }

    private AuditRecord chunkLine(String entity, Origin origin) {
        String written = entity.substring(entity.indexOf('/') + 1) + "@1";
        // The chunk records of one import sort by time first; those of the creation instant are one, as a rule.
        QueryResponse chunks = dynamo.query(QueryRequest.builder()
                .tableName(tables.audit())
                .keyConditionExpression("entity = :e AND begins_with(sk, :at)")
                .filterExpression("contains(changedFields, :w)")
                .expressionAttributeValues(Map.of(":e", Attrs.s(entityKey(IMPORT_ROWS, origin.importId())),
                        ":at", Attrs.s(origin.at() + "#"), ":w", Attrs.s(written)))
                .build());
        if (chunks.items().isEmpty()) {
            // The import is still writing this chunk's record: what the entity itself says.
            return new AuditRecord(entity, origin.at(), "import", null, null, 1, null, null, null, List.of(), null,
                    origin.importId());
        }
        Map<String, AttributeValue> chunk = chunks.items().get(0);
        List<String> listed = Attrs.strings(chunk, "changedFields");
        List<String> digests = Attrs.strings(chunk, "digests");
        int at = listed.indexOf(written);
        return new AuditRecord(entity, Attrs.str(chunk, "at"), "import", Attrs.str(chunk, "actor"),
                Attrs.str(chunk, "actorOrg"), 1, null, at < digests.size() ? digests.get(at) : null,
                Attrs.str(chunk, "digestAlg"), List.of(), Attrs.str(chunk, "requestId"), origin.importId());
    }

    private static AuditRecord fromItem(Map<String, AttributeValue> item) {
        return new AuditRecord(Attrs.str(item, "entity"), Attrs.str(item, "at"), Attrs.str(item, "action"),
                Attrs.str(item, "actor"), Attrs.str(item, "actorOrg"), Attrs.num(item, "version"),
                Attrs.str(item, "beforeDigest"), Attrs.str(item, "afterDigest"), Attrs.str(item, "digestAlg"),
                Attrs.strings(item, "changedFields"), Attrs.str(item, "requestId"), Attrs.str(item, "importId"));
    }
}
