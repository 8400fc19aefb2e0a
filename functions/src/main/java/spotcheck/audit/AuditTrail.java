package spotcheck.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.api.ApiException;
import spotcheck.api.Page;
import spotcheck.api.Principal;
import spotcheck.store.Attrs;
import spotcheck.store.Cursor;
import spotcheck.store.Tables;

/**
 * Writes audit records as part of the transaction that makes the change, and reads
 * an entity's trail. Entity keys look like {@code item/ITEM-0001}.
 */
public final class AuditTrail {
    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Clock clock;

    public AuditTrail(DynamoDbClient dynamo, Tables tables, Clock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    public static String entityKey(String type, String id) {
        return type + "/" + id;
    }

    /**
     * The audit write for a change; add it to the change's transaction.
     * The sort key starts with the entity version, so a trail reads in version order.
     */
    public TransactWriteItem record(Principal actor, String requestId, String entity, String action, long version,
                                    Object before, Object after) {
        return TransactWriteItem.builder().put(put(actor, requestId, entity, action, version, before, after)).build();
    }

    /** The same record as a plain write, for changes made outside a transaction (an import's batches). */
    public Put put(Principal actor, String requestId, String entity, String action, long version, Object before,
                   Object after) {
        String at = clock.instant().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("entity", Attrs.s(entity));
        item.put("sk", Attrs.s(String.format("%010d#%s", version, at)));
        item.put("at", Attrs.s(at));
        item.put("action", Attrs.s(action));
        item.put("actor", Attrs.s(actor.subject()));
        Attrs.putIfPresent(item, "actorOrg", actor.org());
        item.put("version", Attrs.n(version));
        Attrs.putIfPresent(item, "beforeDigest", Digests.sha256(before));
        Attrs.putIfPresent(item, "afterDigest", Digests.sha256(after));
        item.put("changedFields", Attrs.list(Digests.changedFields(before, after)));
        Attrs.putIfPresent(item, "requestId", requestId);
        return Put.builder().tableName(tables.audit()).item(item)
                .conditionExpression("attribute_not_exists(entity)").build();
    }

    public Page<AuditRecord> trail(String entity, int limit, String next) {
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
        List<AuditRecord> records = response.items().stream().map(AuditTrail::fromItem).toList();
        return new Page<>(records, Cursor.encode(response.lastEvaluatedKey()));
    }

    private static AuditRecord fromItem(Map<String, AttributeValue> item) {
        return new AuditRecord(Attrs.str(item, "entity"), Attrs.str(item, "at"), Attrs.str(item, "action"),
                Attrs.str(item, "actor"), Attrs.str(item, "actorOrg"), Attrs.num(item, "version"),
                Attrs.str(item, "beforeDigest"), Attrs.str(item, "afterDigest"),
                Attrs.strings(item, "changedFields"), Attrs.str(item, "requestId"));
    }
}
