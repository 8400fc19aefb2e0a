package spotcheck.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.core.Actor;

/**
 * Versioned entities in the data table. Each create or update is one transaction:
 * the entity (conditional on its version), the claims on its unique keys, its history
 * entry where kept, and its audit record. Layout: {@code pk = PREFIX#id, sk = "#"} for the current state,
 * {@code sk = V#0000000001…} for history, listed by {@code entityKind} through the byKind index, and by
 * the kind's own index keys (targets: county, risk class, the draw's pool) through the indexes those keys name.
 * The in-memory twin of the tests keeps the same layout in mind: change one, change the other.
 */
public final class EntityStore implements Store {
    static final String CURRENT = "#";
    private static final Set<String> STORAGE_ONLY = Set.of("pk", "sk", "entityKind", "entitySort", "countyKey",
            "riskKey", "riskSort", "poolKey", "openJob", "heartbeat", DueIndex.DUE_KEY, DueIndex.DUE_SORT);
    /** Bounds the work of one filtered list call; the cursor carries on from where it stopped. */
    private static final int MAX_QUERY_ROUNDS = 10;

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final AuditRecords audit;
    private final Clock clock;
    /** Where requests and capacity are counted ({@link #metered}); null when nobody reads them. */
    private final BatchWriter.Stats stats;

    public EntityStore(DynamoDbClient dynamo, Tables tables, AuditRecords audit, Clock clock) {
        this(dynamo, tables, audit, clock, null);
    }

    private EntityStore(DynamoDbClient dynamo, Tables tables, AuditRecords audit, Clock clock,
                        BatchWriter.Stats stats) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.audit = audit;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public Store metered(BatchWriter.Stats counted) {
        return new EntityStore(dynamo, tables, audit, clock, counted);
    }

    @Override
    public String now() {
        return clock.instant().toString();
    }

    @Override
    public <T extends Versioned> Optional<T> get(EntityKind<T> kind, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.data())
                .key(key(kind.pk(id), CURRENT)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AttributeMapper.fromItem(item, kind.type(), STORAGE_ONLY));
    }

    @Override
    public <T extends Versioned> Optional<T> holderOf(EntityKind<T> kind, UniqueKey key) {
        Map<String, AttributeValue> claim = dynamo.getItem(GetItemRequest.builder().tableName(tables.data())
                .key(uniqueKeyItem(kind, key)).consistentRead(true).build()).item();
        String owner = claim == null ? null : Attrs.str(claim, "ownerId");
        return owner == null ? Optional.empty() : get(kind, owner).filter(e -> holds(kind, e, key));
    }

    /** The entity's current state claims the key (it may have given it up since the claim was read). */
    static <T extends Versioned> boolean holds(EntityKind<T> kind, T entity, UniqueKey key) {
        return kind.uniqueKeys().apply(entity).stream().anyMatch(k -> k.claim().equals(key.claim()));
    }

    @Override
    public <T extends Versioned> void create(EntityKind<T> kind, T entity, Actor actor, String action,
                                             String importId) {
        if (entity.version() != 1) {
            throw new IllegalArgumentException("A new entity starts at version 1");
        }
        Transaction tx = new Transaction();
        tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.data())
                .item(current(kind, entity))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        addUniqueKeys(tx, kind, null, entity);
        addHistoryAndAudit(tx, kind, null, entity, actor, action, importId);
        tx.commit(dynamo, "A " + kind.auditName() + " with id '" + entity.id() + "' already exists");
        countTransactional(kind, entity);
    }

    @Override
    public <T extends Versioned> void update(EntityKind<T> kind, T before, T after, Actor actor, String action,
                                             String importId) {
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("An update moves the version on by one");
        }
        Transaction tx = new Transaction();
        tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.data())
                .item(current(kind, after))
                .conditionExpression("#v = :expected")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":expected", Attrs.n(before.version()))).build()).build());
        addUniqueKeys(tx, kind, before, after);
        addHistoryAndAudit(tx, kind, before, after, actor, action, importId);
        tx.commit(dynamo, staleMessage(kind, after.id()));
        countTransactional(kind, after);
    }

    /** A transactional write of an entity, as the import's counts have it: one request, twice the item's units. */
    private <T extends Versioned> void countTransactional(EntityKind<T> kind, T entity) {
        if (stats == null) {
            return;
        }
        stats.writeRequests++;
        stats.itemsWritten++;
        stats.writeUnits += 2 * ((BatchWriter.itemBytes(current(kind, entity)) + 1023) / 1024);
    }

    @Override
    public <T extends Versioned> Map<String, T> getAll(EntityKind<T> kind, Collection<String> ids) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : ids) {
            keys.add(currentKey(kind, id));
        }
        Map<String, T> found = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : batches().getAll(keys)) {
            T e = fromItem(kind, item);
            found.put(e.id(), e);
        }
        return found;
    }

    @Override
    public <T extends Versioned> Map<String, DomainException> createAll(EntityKind<T> kind, List<T> created,
                                                                        List<T> resumed, Actor actor,
                                                                        ImportChunk chunk) {
        Map<String, DomainException> rejected = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String subject = actor.principal().subject();
        for (T e : createEachWithKeys(this, kind, created, actor, chunk, rejected)) {
            items.add(current(kind, e));
            if (kind.keepsHistory()) {
                items.add(historyItem(kind, e, subject, "import", chunk.at()));
            }
        }
        List<String> written = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (T e : created) {
            if (!rejected.containsKey(e.id())) {
                written.add(e.id() + "@1");
                digests.add(audit.digest(e));
            }
        }
        for (T e : resumed) {
            if (kind.keepsHistory() && e.version() == 1) {
                items.add(historyItem(kind, e, subject, "import", chunk.at()));
            }
            written.add(e.id() + "@" + e.version());
            digests.add(audit.digest(e));
        }
        batches().putAll(items);
        if (!written.isEmpty()) {
            Put put = audit.importChunk(actor.principal(), actor.requestId(), chunk.importId(), chunk.lastRow(),
                    chunk.at(), written, digests);
            dynamo.putItem(b -> b.tableName(put.tableName()).item(put.item()));
        }
        return rejected;
    }

    private BatchWriter batches() {
        return new BatchWriter(dynamo, tables.data(), stats != null ? stats : new BatchWriter.Stats());
    }

    /**
     * The part of a chunk's creates both stores share: each entity with unique keys created in its own transaction
     * (its claims are conditions, which a batch cannot hold), a refused one put in {@code rejected}. Answers the
     * others, for a batch.
     */
    static <T extends Versioned> List<T> createEachWithKeys(Store store, EntityKind<T> kind, List<T> created,
                                                            Actor actor, ImportChunk chunk,
                                                            Map<String, DomainException> rejected) {
        List<T> batch = new ArrayList<>();
        for (T e : created) {
            if (e.version() != 1) {
                throw new IllegalArgumentException("A new entity starts at version 1");
            }
            if (kind.uniqueKeys().apply(e).isEmpty()) {
                batch.add(e);
                continue;
            }
            try {
                store.create(kind, e, actor, "import", chunk.importId());
            } catch (DomainException taken) {
                rejected.put(e.id(), taken);
            }
        }
        return batch;
    }

    /** A client's update must name the version it read; any other is stale: 409 before any write. */
    public static void requireVersion(EntityKind<?> kind, Versioned current, long versionSent) {
        Store.requireVersion(kind, current, versionSent);
    }

    public static String staleMessage(EntityKind<?> kind, String id) {
        return Store.staleMessage(kind, id);
    }

    /** A condition on a list: an attribute equal to a value, or a list attribute holding it. */
    public record Filter(String attribute, String value, boolean inList) {
        public static Filter eq(String attribute, String value) {
            return new Filter(attribute, value, false);
        }

        public static Filter contains(String listAttribute, String value) {
            return new Filter(listAttribute, value, true);
        }
    }

    /**
     * Where a list reads: a secondary index, the partition of it ({@code hashAttribute = hashValue}) and, where
     * set, the range of its sort key that starts with {@code sortPrefix}. Every entity of the partition (and
     * range) is one the list wants before any filter: the index, not a filter, does the selecting.
     */
    public record ListIndex(String name, String hashAttribute, String hashValue, String sortAttribute, String sortPrefix,
                            String sortFrom, String sortThrough) {
        public ListIndex {
            if (sortPrefix != null && (sortFrom != null || sortThrough != null)) {
                throw new IllegalArgumentException("A list's range is a prefix or bounds, not both");
            }
        }

        /** A partition, or the range of it whose sort key starts with {@code sortPrefix} (when not null). */
        public ListIndex(String name, String hashAttribute, String hashValue, String sortAttribute, String sortPrefix) {
            this(name, hashAttribute, hashValue, sortAttribute, sortPrefix, null, null);
        }

        /** The range of a partition between two sort keys, both included; a null bound leaves that side open. */
        public static ListIndex between(String name, String hashAttribute, String hashValue, String sortAttribute,
                                        String sortFrom, String sortThrough) {
            return new ListIndex(name, hashAttribute, hashValue, sortAttribute, null, sortFrom, sortThrough);
        }

        /** Whether a sort key is in this list's range. */
        public boolean inRange(String sortKey) {
            return (sortPrefix == null || sortKey.startsWith(sortPrefix))
                    && (sortFrom == null || Cursor.compareKeys(sortKey, sortFrom) >= 0)
                    && (sortThrough == null || Cursor.compareKeys(sortKey, sortThrough) <= 0);
        }

        /** Every entity of a kind, in id order. */
        public static ListIndex byKind(EntityKind<?> kind) {
            return new ListIndex(Tables.BY_KIND_INDEX, "entityKind", kind.prefix(), "entitySort", null);
        }
    }

    @Override
    public <T extends Versioned> boolean checkpoint(EntityKind<T> kind, T before, T after) {
        if (after.version() != (before == null ? 1 : before.version() + 1)) {
            throw new IllegalArgumentException("A checkpoint moves the version on by one");
        }
        try {
            dynamo.putItem(b -> {
                b.tableName(tables.data()).item(current(kind, after));
                if (before == null) {
                    b.conditionExpression("attribute_not_exists(pk)");
                } else {
                    b.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                            .expressionAttributeValues(Map.of(":expected", Attrs.n(before.version())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * One page of a kind read from {@code index}, keeping only entities that pass every filter. Without
     * filters a page holds exactly {@code limit} entities whenever that many more exist. The cursor is the
     * index's last key, and only a cursor of the same index, partition and range is accepted.
     */
    @Override
    public <T extends Versioned> Page<T> list(EntityKind<T> kind, ListIndex index, List<Filter> filters, int limit,
                                              String next) {
        Map<String, AttributeValue> start = listStart(kind, index, next);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String keyCondition = keyCondition(index, names, values);
        StringJoiner filter = new StringJoiner(" AND ");
        int i = 0;
        for (Filter f : filters) {
            names.put("#f" + i, f.attribute());
            values.put(":f" + i, Attrs.s(f.value()));
            filter.add(f.inList() ? "contains(#f" + i + ", :f" + i + ")" : "#f" + i + " = :f" + i);
            i++;
        }
        List<T> found = new ArrayList<>();
        Map<String, AttributeValue> lastKey = start;
        for (int round = 0; round < MAX_QUERY_ROUNDS && found.size() < limit; round++) {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tables.data())
                    .indexName(index.name())
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(lastKey)
                    // Limit counts items read before the filter: never read more than still fit the page.
                    .limit(limit - found.size());
            if (filter.length() > 0) {
                query.filterExpression(filter.toString());
            }
            QueryResponse response = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : response.items()) {
                found.add(AttributeMapper.fromItem(item, kind.type(), STORAGE_ONLY));
            }
            lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            if (lastKey == null) {
                break;
            }
        }
        return new Page<>(found, Cursor.encode(lastKey));
    }

    @Override
    public <R extends Record> IndexPage<R> listProjected(EntityKind<?> kind, ListIndex index, Class<R> type,
                                                         int limit, String next) {
        Map<String, AttributeValue> start = listStart(kind, index, next);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String keyCondition = keyCondition(index, names, values);
        StringJoiner projection = new StringJoiner(", ");
        List<String> fields = AttributeMapper.components(type);
        for (int i = 0; i < fields.size(); i++) {
            names.put("#p" + i, fields.get(i));
            projection.add("#p" + i);
        }
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(tables.data())
                .indexName(index.name())
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .projectionExpression(projection.toString())
                .exclusiveStartKey(start)
                .limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build());
        List<R> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            found.add(AttributeMapper.fromItem(item, type, STORAGE_ONLY));
        }
        Map<String, AttributeValue> lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey() : null;
        ConsumedCapacity used = response.consumedCapacity();
        double units = used == null || used.capacityUnits() == null ? 0 : used.capacityUnits();
        return new IndexPage<>(found, Cursor.encode(lastKey), units);
    }

    /** The key condition of a list on {@code index}: its partition, and the range of its sort key where set. */
    private static String keyCondition(ListIndex index, Map<String, String> names, Map<String, AttributeValue> values) {
        names.put("#k", index.hashAttribute());
        values.put(":k", Attrs.s(index.hashValue()));
        if (index.sortPrefix() != null) {
            names.put("#s", index.sortAttribute());
            values.put(":s", Attrs.s(index.sortPrefix()));
            return "#k = :k AND begins_with(#s, :s)";
        }
        if (index.sortFrom() == null && index.sortThrough() == null) {
            return "#k = :k";
        }
        names.put("#s", index.sortAttribute());
        if (index.sortFrom() != null) {
            values.put(":from", Attrs.s(index.sortFrom()));
        }
        if (index.sortThrough() != null) {
            values.put(":through", Attrs.s(index.sortThrough()));
        }
        return index.sortFrom() == null ? "#k = :k AND #s <= :through"
                : index.sortThrough() == null ? "#k = :k AND #s >= :from"
                : "#k = :k AND #s BETWEEN :from AND :through";
    }

    @Override
    public <T extends Versioned> Page<HistoryEntry<T>> history(EntityKind<T> kind, String id, int limit,
                                                               String next) {
        Map<String, AttributeValue> start = historyStart(kind, id, next);
        QueryResponse response = dynamo.query(QueryRequest.builder().tableName(tables.data())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                .expressionAttributeValues(Map.of(":pk", Attrs.s(kind.pk(id)), ":v", Attrs.s("V#")))
                .exclusiveStartKey(start)
                .limit(limit)
                .consistentRead(true)
                .build());
        List<HistoryEntry<T>> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            T snapshot = AttributeMapper.fromItem(item.get("item").m(), kind.type(), STORAGE_ONLY);
            entries.add(new HistoryEntry<>(Attrs.num(item, "version"), Attrs.str(item, "at"),
                    Attrs.str(item, "actor"), Attrs.str(item, "action"), snapshot));
        }
        return new Page<>(entries, Cursor.encode(response.lastEvaluatedKey()));
    }

    /** Where a list's {@code next} cursor resumes: the index's last key, checked to be one of this list. */
    static Map<String, AttributeValue> listStart(EntityKind<?> kind, ListIndex index, String next) {
        Map<String, AttributeValue> start = Cursor.decode(next, Set.of("pk", "sk", index.hashAttribute(),
                index.sortAttribute()));
        if (start != null && (!index.hashValue().equals(Attrs.str(start, index.hashAttribute()))
                || !Attrs.str(start, "pk").startsWith(kind.prefix() + "#")
                || !index.inRange(Attrs.str(start, index.sortAttribute())))) {
            throw DomainException.malformed("The 'next' cursor belongs to another list");
        }
        return start;
    }

    /** Where a history's {@code next} cursor resumes, checked to be one of this entity's history. */
    static Map<String, AttributeValue> historyStart(EntityKind<?> kind, String id, String next) {
        Map<String, AttributeValue> start = Cursor.decode(next, Set.of("pk", "sk"));
        if (start != null && (!kind.pk(id).equals(Attrs.str(start, "pk")) || !Attrs.str(start, "sk").startsWith("V#"))) {
            throw DomainException.malformed("The 'next' cursor belongs to another list");
        }
        return start;
    }

    /** The stored form of an entity's current state (the in-memory twin keeps the same). */
    public static <T extends Versioned> Map<String, AttributeValue> currentItem(EntityKind<T> kind, T entity) {
        return current(kind, entity);
    }

    /** The stored form of one kept version of an entity. */
    private static <T extends Versioned> Map<String, AttributeValue> historyItem(EntityKind<T> kind, T entity,
                                                                                String actor, String action,
                                                                                String at) {
        Map<String, AttributeValue> history = new HashMap<>();
        history.put("pk", Attrs.s(kind.pk(entity.id())));
        history.put("sk", Attrs.s(String.format("V#%010d", entity.version())));
        history.put("version", Attrs.n(entity.version()));
        history.put("at", Attrs.s(at));
        history.put("actor", Attrs.s(actor));
        history.put("action", Attrs.s(action));
        history.put("item", AttributeValue.builder().m(AttributeMapper.toItem(entity)).build());
        return history;
    }

    /** The key of an entity's current state. */
    static Map<String, AttributeValue> currentKey(EntityKind<?> kind, String id) {
        return key(kind.pk(id), CURRENT);
    }

    /** An entity from its stored form. */
    public static <T extends Versioned> T fromItem(EntityKind<T> kind, Map<String, AttributeValue> item) {
        return AttributeMapper.fromItem(item, kind.type(), STORAGE_ONLY);
    }

    private static <T extends Versioned> Map<String, AttributeValue> current(EntityKind<T> kind, T entity) {
        Map<String, AttributeValue> item = AttributeMapper.toItem(entity);
        item.put("pk", Attrs.s(kind.pk(entity.id())));
        item.put("sk", Attrs.s(CURRENT));
        item.put("entityKind", Attrs.s(kind.prefix()));
        item.put("entitySort", Attrs.s(entity.id()));
        kind.indexKeys().apply(entity).forEach((name, value) -> {
            if (value != null) {
                item.put(name, Attrs.s(value));
            }
        });
        return item;
    }

    /**
     * Claims the unique keys {@code after} takes and frees those it gives up. A claim is an item
     * of its own ({@code pk = UNIQUE#PREFIX#name#value}) naming its owner; a claim someone else
     * holds fails the transaction with a 409 that names them. Keys kept are left as they are.
     */
    private <T extends Versioned> void addUniqueKeys(Transaction tx, EntityKind<T> kind, T before, T after) {
        List<UniqueKey> held = before == null ? List.of() : kind.uniqueKeys().apply(before);
        List<UniqueKey> wanted = kind.uniqueKeys().apply(after);
        // compared by what is claimed, not by how it is described
        Set<String> heldClaims = new HashSet<>(held.stream().map(UniqueKey::claim).toList());
        Set<String> wantedClaims = new HashSet<>(wanted.stream().map(UniqueKey::claim).toList());
        Map<String, String> names = Map.of("#o", "ownerId");
        Map<String, AttributeValue> owner = Map.of(":id", Attrs.s(after.id()));
        String mineOrFree = "attribute_not_exists(pk) OR #o = :id";
        for (UniqueKey key : wanted) {
            if (heldClaims.contains(key.claim())) {
                continue;
            }
            Map<String, AttributeValue> claim = new HashMap<>(uniqueKeyItem(kind, key));
            claim.put("ownerId", Attrs.s(after.id()));
            tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.data()).item(claim)
                    .conditionExpression(mineOrFree).expressionAttributeNames(names)
                    .expressionAttributeValues(owner).build()).build(), () -> uniqueKeyTaken(kind, key));
        }
        for (UniqueKey key : held) {
            if (!wantedClaims.contains(key.claim())) {
                tx.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.data())
                        .key(uniqueKeyItem(kind, key)).conditionExpression(mineOrFree).expressionAttributeNames(names)
                        .expressionAttributeValues(owner).build()).build());
            }
        }
    }

    /** The key of the claim on one unique key. */
    static Map<String, AttributeValue> uniqueKeyItem(EntityKind<?> kind, UniqueKey key) {
        return key("UNIQUE#" + kind.prefix() + "#" + key.claim(), CURRENT);
    }

    /** The 409 for a unique key someone else holds, naming who. */
    private DomainException uniqueKeyTaken(EntityKind<?> kind, UniqueKey key) {
        Map<String, AttributeValue> claim = dynamo.getItem(GetItemRequest.builder().tableName(tables.data())
                .key(uniqueKeyItem(kind, key)).consistentRead(true).build()).item();
        String owner = claim == null ? null : Attrs.str(claim, "ownerId");
        String message = owner == null
                ? "Another " + kind.auditName() + " was just given " + key.description() + "; read again and retry"
                : "The " + kind.auditName() + " '" + owner + "' already has " + key.description();
        return new DomainException(DomainException.Kind.CONFLICT, message, List.of(new DomainException.Detail(key.field(), message)));
    }

    private <T extends Versioned> void addHistoryAndAudit(Transaction tx, EntityKind<T> kind, T before, T after,
                                                          Actor actor, String action, String importId) {
        if (kind.keepsHistory()) {
            Map<String, AttributeValue> history = historyItem(kind, after, actor.principal().subject(), action, now());
            tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.data()).item(history)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        tx.add(audit.record(actor.principal(), actor.requestId(),
                AuditRecords.entityKey(kind.auditName(), after.id()), action, after.version(), before, after,
                importId));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", Attrs.s(pk), "sk", Attrs.s(sk));
    }
}
