package spotcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.store.Attrs;
import spotcheck.store.AuditRecords;
import spotcheck.store.AuditRecords.Origin;
import spotcheck.store.Cursor;
import spotcheck.store.Tables;

/**
 * Reads an entity's audit trail ({@link AuditRecords} writes it). An entity an import created in
 * a batch shows that import's chunk record as its version 1.
 */
public final class AuditTrail {
    private final DynamoDbClient dynamo;
    private final Tables tables;

    /** Finds the origin of an entity that has no record of its own yet (one read). */
    public interface Origins {
        Optional<Origin> of(String entity);
    }

    public AuditTrail(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /**
     * One page of an entity's trail, in version order. An entity an import created shows that
     * import's record first; finding it costs at most two reads more, on the first page only.
     */
    public Page<AuditRecord> trail(String entity, int limit, String next, Origins origins) {
        Map<String, AttributeValue> start = Cursor.decode(next, Set.of("entity", "sk"));
        if (start != null && !entity.equals(Attrs.str(start, "entity"))) {
            throw DomainException.malformed("The 'next' cursor belongs to another entity's trail");
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
            origin = Attrs.str(first, AuditRecords.CREATED_BY_IMPORT) == null ? Optional.empty() : Optional.of(
                    new Origin(Attrs.str(first, AuditRecords.CREATED_BY_IMPORT), Attrs.str(first, AuditRecords.CREATED_AT)));
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
                .expressionAttributeValues(Map.of(":e", Attrs.s(AuditRecords.entityKey(AuditRecords.IMPORT_ROWS, origin.importId())),
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
