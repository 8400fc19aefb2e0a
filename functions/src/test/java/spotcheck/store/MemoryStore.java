package spotcheck.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.core.Actor;
import spotcheck.core.Digests;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;

/**
 * The in-memory twin of {@link EntityStore}: the same conditions (a new entity's id not taken, the version
 * an update read, unique keys held alone), every change all-or-nothing, the same list order, paging and
 * cursors (the index's last key, issued only when more follow, as the emulator does), and the same filters,
 * evaluated on the entity's stored form. It keeps the audit records it writes, for tests to read.
 */
public final class MemoryStore implements Store {
    private static final int MAX_QUERY_ROUNDS = 10;

    /** What an audit record says: the entity ({@code item/ITEM-1}), who, how, which version, what changed. */
    public record AuditEntry(String entity, String action, String actor, String actorOrg, String requestId,
                             long version, List<String> changedFields, String importId) { }

    private final Clock clock;
    /** Current states in their stored form, by {@code pk}. */
    private final Map<String, Map<String, AttributeValue>> current = new HashMap<>();
    /** Unique-key claims: claim key to owner id. */
    private final Map<String, String> claims = new HashMap<>();
    /** Kept versions by {@code pk}, by version. */
    private final Map<String, TreeMap<Long, HistoryEntry<Map<String, AttributeValue>>>> history = new HashMap<>();
    /** Audit records by their key ({@code entity|sk}), in the order first written. */
    private final Map<String, AuditEntry> audit = new LinkedHashMap<>();

    public MemoryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String now() {
        return clock.instant().toString();
    }

    @Override
    public synchronized <T extends Versioned> Optional<T> get(EntityKind<T> kind, String id) {
        return Optional.ofNullable(current.get(kind.pk(id))).map(item -> EntityStore.fromItem(kind, item));
    }

    @Override
    public synchronized <T extends Versioned> Optional<T> holderOf(EntityKind<T> kind, UniqueKey key) {
        String owner = claims.get(claimKey(kind, key));
        return owner == null ? Optional.empty() : get(kind, owner).filter(e -> EntityStore.holds(kind, e, key));
    }

    @Override
    public synchronized <T extends Versioned> void create(EntityKind<T> kind, T entity, Actor actor, String action,
                                                          String importId) {
        if (entity.version() != 1) {
            throw new IllegalArgumentException("A new entity starts at version 1");
        }
        boolean failed = current.containsKey(kind.pk(entity.id()));
        write(kind, null, entity, actor, action, importId, failed,
                "A " + kind.auditName() + " with id '" + entity.id() + "' already exists");
    }

    @Override
    public synchronized <T extends Versioned> void update(EntityKind<T> kind, T before, T after, Actor actor,
                                                          String action, String importId) {
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("An update moves the version on by one");
        }
        Map<String, AttributeValue> stored = current.get(kind.pk(after.id()));
        boolean failed = stored == null || Attrs.num(stored, "version") != before.version();
        write(kind, before, after, actor, action, importId, failed, Store.staleMessage(kind, after.id()));
    }

    /** One transaction: every condition checked first, the first failing one answered, else every write made. */
    private <T extends Versioned> void write(EntityKind<T> kind, T before, T after, Actor actor, String action,
                                             String importId, boolean entityFailed, String conflictMessage) {
        List<UniqueKey> held = before == null ? List.of() : kind.uniqueKeys().apply(before);
        List<UniqueKey> wanted = kind.uniqueKeys().apply(after);
        Set<String> heldClaims = new HashSet<>(held.stream().map(UniqueKey::claim).toList());
        Set<String> wantedClaims = new HashSet<>(wanted.stream().map(UniqueKey::claim).toList());
        List<UniqueKey> claiming = wanted.stream().filter(k -> !heldClaims.contains(k.claim())).toList();
        List<UniqueKey> freeing = held.stream().filter(k -> !wantedClaims.contains(k.claim())).toList();
        // A claim someone else holds answers with its own 409, naming them, whatever else failed (as DynamoDB's
        // cancellation reasons are read: the first failed write with an answer of its own).
        for (UniqueKey key : claiming) {
            String owner = claims.get(claimKey(kind, key));
            if (owner != null && !owner.equals(after.id())) {
                String message = "The " + kind.auditName() + " '" + owner + "' already has " + key.description();
                throw new DomainException(DomainException.Kind.CONFLICT, message,
                        List.of(new DomainException.Detail(key.field(), message)));
            }
        }
        boolean freeingFailed = freeing.stream().anyMatch(k -> {
            String owner = claims.get(claimKey(kind, k));
            return owner != null && !owner.equals(after.id());
        });
        String at = now();
        String pk = kind.pk(after.id());
        boolean historyTaken = kind.keepsHistory() && history.getOrDefault(pk, new TreeMap<>())
                .containsKey(after.version());
        String entityKey = AuditRecords.entityKey(kind.auditName(), after.id());
        String auditKey = entityKey + "|" + String.format("%010d#%s", after.version(), at);
        if (entityFailed || freeingFailed || historyTaken || audit.containsKey(auditKey)) {
            throw DomainException.conflict(conflictMessage);
        }
        current.put(pk, EntityStore.currentItem(kind, after));
        claiming.forEach(k -> claims.put(claimKey(kind, k), after.id()));
        freeing.forEach(k -> claims.remove(claimKey(kind, k)));
        if (kind.keepsHistory()) {
            history.computeIfAbsent(pk, p -> new TreeMap<>()).put(after.version(), new HistoryEntry<>(
                    after.version(), at, actor.principal().subject(), action, AttributeMapper.toItem(after)));
        }
        audit.put(auditKey, new AuditEntry(entityKey, action, actor.principal().subject(), org(actor),
                actor.requestId(), after.version(), Digests.changedFields(before, after), importId));
    }

    private static String org(Actor actor) {
        String org = actor.principal().org();
        return org == null || org.isEmpty() ? null : org;
    }

    @Override
    public synchronized <T extends Versioned> Map<String, T> getAll(EntityKind<T> kind, Collection<String> ids) {
        Map<String, T> found = new LinkedHashMap<>();
        for (String id : ids) {
            get(kind, id).ifPresent(e -> found.put(id, e));
        }
        return found;
    }

    @Override
    public synchronized <T extends Versioned> Map<String, DomainException> createAll(EntityKind<T> kind,
            List<T> created, List<T> resumed, Actor actor, ImportChunk chunk) {
        Map<String, DomainException> rejected = new LinkedHashMap<>();
        for (T e : EntityStore.createEachWithKeys(this, kind, created, actor, chunk, rejected)) {
            // as BatchWriteItem: no condition, the caller has read that it is absent
            current.put(kind.pk(e.id()), EntityStore.currentItem(kind, e));
            keepHistory(kind, e, actor, chunk.at());
        }
        List<String> written = new ArrayList<>(created.stream().map(Versioned::id).filter(id -> !rejected
                .containsKey(id)).map(id -> id + "@1").toList());
        for (T e : resumed) {
            if (e.version() == 1) {
                keepHistory(kind, e, actor, chunk.at());
            }
            written.add(e.id() + "@" + e.version());
        }
        if (!written.isEmpty()) {
            // one record per chunk, put without a condition: the same chunk again replaces it
            String entity = AuditRecords.entityKey(AuditRecords.IMPORT_ROWS, chunk.importId());
            audit.put(entity + "|" + String.format("%s#%010d", chunk.at(), chunk.lastRow()), new AuditEntry(entity,
                    "write", actor.principal().subject(), org(actor), actor.requestId(), chunk.lastRow(), written,
                    chunk.importId()));
        }
        return rejected;
    }

    private <T extends Versioned> void keepHistory(EntityKind<T> kind, T e, Actor actor, String at) {
        if (kind.keepsHistory()) {
            history.computeIfAbsent(kind.pk(e.id()), p -> new TreeMap<>()).put(e.version(), new HistoryEntry<>(
                    e.version(), at, actor.principal().subject(), "import", AttributeMapper.toItem(e)));
        }
    }

    private static String claimKey(EntityKind<?> kind, UniqueKey key) {
        return "UNIQUE#" + kind.prefix() + "#" + key.claim();
    }

    @Override
    public synchronized <T extends Versioned> boolean checkpoint(EntityKind<T> kind, T before, T after) {
        if (after.version() != (before == null ? 1 : before.version() + 1)) {
            throw new IllegalArgumentException("A checkpoint moves the version on by one");
        }
        Map<String, AttributeValue> stored = current.get(kind.pk(after.id()));
        boolean holds = before == null ? stored == null
                : stored != null && Attrs.num(stored, "version") == before.version();
        if (holds) {
            current.put(kind.pk(after.id()), EntityStore.currentItem(kind, after));
        }
        return holds;
    }

    @Override
    public synchronized <T extends Versioned> Page<T> list(EntityKind<T> kind, ListIndex index, List<Filter> filters,
                                                           int limit, String next) {
        List<Map<String, AttributeValue>> partition = partition(kind, index, next);
        List<T> found = new ArrayList<>();
        int read = 0;
        Map<String, AttributeValue> lastKey = null;
        for (int round = 0; round < MAX_QUERY_ROUNDS && found.size() < limit; round++) {
            // as a query: read at most what still fits the page, then filter what was read
            int upTo = Math.min(partition.size(), read + limit - found.size());
            for (Map<String, AttributeValue> item : partition.subList(read, upTo)) {
                if (filters.stream().allMatch(f -> passes(item, f))) {
                    found.add(EntityStore.fromItem(kind, item));
                }
            }
            read = upTo;
            if (read >= partition.size()) {
                lastKey = null;
                break;
            }
            lastKey = indexKey(index, partition.get(read - 1));
        }
        return new Page<>(found, Cursor.encode(lastKey));
    }

    @Override
    public synchronized <R extends Record> IndexPage<R> listProjected(EntityKind<?> kind, ListIndex index,
                                                                      Class<R> type, int limit, String next) {
        List<Map<String, AttributeValue>> partition = partition(kind, index, next);
        List<Map<String, AttributeValue>> page = partition.subList(0, Math.min(limit, partition.size()));
        List<R> found = new ArrayList<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : page) {
            // what the index holds of the item: its keys and the projected attributes
            Map<String, AttributeValue> projected = new LinkedHashMap<>(indexKey(index, item));
            for (String name : AttributeMapper.components(type)) {
                if (item.containsKey(name)) {
                    projected.put(name, item.get(name));
                }
            }
            bytes += BatchWriter.itemBytes(projected);
            projected.keySet().removeAll(indexKey(index, item).keySet());
            found.add(AttributeMapper.fromItem(projected, type, Set.of()));
        }
        Map<String, AttributeValue> lastKey = page.size() < partition.size() && !page.isEmpty()
                ? indexKey(index, page.get(page.size() - 1)) : null;
        return new IndexPage<>(found, Cursor.encode(lastKey), (bytes + 4095) / 4096 * 0.5);
    }

    /** The current states an index's partition (and range) holds after the cursor, in the index's order. */
    private List<Map<String, AttributeValue>> partition(EntityKind<?> kind, ListIndex index, String next) {
        Map<String, AttributeValue> start = EntityStore.listStart(kind, index, next);
        // as DynamoDB orders string keys: by their UTF-8 bytes, that is by code point
        Comparator<String> bytes = (a, b) -> java.util.Arrays.compare(a.codePoints().toArray(),
                b.codePoints().toArray());
        Comparator<Map<String, AttributeValue>> order = Comparator
                .comparing((Map<String, AttributeValue> i) -> Attrs.str(i, index.sortAttribute()), bytes)
                .thenComparing(i -> Attrs.str(i, "pk"), bytes).thenComparing(i -> Attrs.str(i, "sk"), bytes);
        return current.values().stream()
                .filter(i -> index.hashValue().equals(Attrs.str(i, index.hashAttribute())))
                .filter(i -> Attrs.str(i, index.sortAttribute()) != null)
                .filter(i -> index.inRange(Attrs.str(i, index.sortAttribute())))
                .filter(i -> start == null || order.compare(i, start) > 0)
                .sorted(order).toList();
    }

    /** An item's key in an index: the table's and the index's key attributes, as a cursor holds them. */
    private static Map<String, AttributeValue> indexKey(ListIndex index, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : List.of("pk", "sk", index.hashAttribute(), index.sortAttribute())) {
            key.put(name, item.get(name));
        }
        return key;
    }

    /** A filter as DynamoDB evaluates it: {@code =} on a string, {@code contains} on a list (or substring). */
    private static boolean passes(Map<String, AttributeValue> item, Filter f) {
        AttributeValue v = item.get(f.attribute());
        if (v == null) {
            return false;
        }
        if (!f.inList()) {
            return f.value().equals(v.s());
        }
        if (v.hasL()) {
            return v.l().stream().anyMatch(e -> f.value().equals(e.s()));
        }
        if (v.hasSs()) {
            return v.ss().contains(f.value());
        }
        return v.s() != null && v.s().contains(f.value());
    }

    @Override
    public synchronized <T extends Versioned> Page<HistoryEntry<T>> history(EntityKind<T> kind, String id,
                                                                            int limit, String next) {
        Map<String, AttributeValue> start = EntityStore.historyStart(kind, id, next);
        List<HistoryEntry<Map<String, AttributeValue>>> kept = new ArrayList<>(
                history.getOrDefault(kind.pk(id), new TreeMap<>()).values());
        String after = start == null ? null : Attrs.str(start, "sk");
        List<HistoryEntry<Map<String, AttributeValue>>> rest = kept.stream()
                .filter(e -> after == null || sk(e.version()).compareTo(after) > 0).toList();
        List<HistoryEntry<T>> entries = new ArrayList<>();
        for (HistoryEntry<Map<String, AttributeValue>> e : rest.subList(0, Math.min(limit, rest.size()))) {
            entries.add(new HistoryEntry<>(e.version(), e.at(), e.actor(), e.action(),
                    EntityStore.fromItem(kind, e.item())));
        }
        Map<String, AttributeValue> lastKey = null;
        if (rest.size() > limit && !entries.isEmpty()) {
            lastKey = new LinkedHashMap<>();
            lastKey.put("pk", Attrs.s(kind.pk(id)));
            lastKey.put("sk", Attrs.s(sk(entries.get(entries.size() - 1).version())));
        }
        return new Page<>(entries, Cursor.encode(lastKey));
    }

    private static String sk(long version) {
        return String.format("V#%010d", version);
    }

    /** Every audit record written, in the order written. */
    public synchronized List<AuditEntry> audit() {
        return List.copyOf(audit.values());
    }

    /** The audit records of one entity ({@code item/ITEM-1}), in the order written. */
    public synchronized List<AuditEntry> audit(String entity) {
        return audit.values().stream().filter(a -> a.entity().equals(entity)).toList();
    }

    /** The owner of a unique key's claim, if someone holds it. */
    public synchronized Optional<String> claimOwner(EntityKind<?> kind, UniqueKey key) {
        return Optional.ofNullable(claims.get(claimKey(kind, key)));
    }
}
