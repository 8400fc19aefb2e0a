package spotcheck.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.Actor;
import spotcheck.core.DomainException;
import spotcheck.core.Page;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;

/**
 * The one write path, as the services see it: versioned entities read, listed and changed, each
 * change with its history entry (where the kind keeps one), its unique-key claims and its audit
 * record in one all-or-nothing transaction; a job's unaudited checkpoint; and an import's batches (many entities
 * read by id, many new ones created with one audit record for the lot). {@link EntityStore}
 * keeps them in DynamoDB; the tests have an in-memory twin that honours the same conditions. A list is
 * described by {@link EntityStore.ListIndex} and {@link EntityStore.Filter} (declared there, where they began).
 */
public interface Store {

    /** The clock's instant, as entities record it ({@code createdAt}, {@code updatedAt}). */
    String now();

    <T extends Versioned> Optional<T> get(EntityKind<T> kind, String id);

    /**
     * The entity of {@code kind} that holds the unique key {@code key} now, if one does: the claim read, then its
     * owner (two consistent reads, no index). An owner that gave the key up between the two reads is not answered.
     */
    <T extends Versioned> Optional<T> holderOf(EntityKind<T> kind, UniqueKey key);

    /** The entity, or 404 naming the kind and id. */
    default <T extends Versioned> T require(EntityKind<T> kind, String id) {
        return get(kind, id).orElseThrow(() -> DomainException.notFound(
                "No " + kind.auditName() + " with id '" + id + "'"));
    }

    /** Stores a new entity at version 1; 409 if the id or one of its unique keys is taken. */
    default <T extends Versioned> void create(EntityKind<T> kind, T entity, Actor actor) {
        create(kind, entity, actor, "create", null);
    }

    /** As {@link #create(EntityKind, Versioned, Actor)}, recorded as {@code action}. */
    default <T extends Versioned> void create(EntityKind<T> kind, T entity, Actor actor, String action) {
        create(kind, entity, actor, action, null);
    }

    /** As {@link #create(EntityKind, Versioned, Actor)}, recorded as {@code action} of the import {@code importId}. */
    <T extends Versioned> void create(EntityKind<T> kind, T entity, Actor actor, String action, String importId);

    /**
     * Replaces {@code before} with {@code after} (whose version must be before's + 1),
     * provided nobody changed it meanwhile and no other entity holds a unique key it takes;
     * otherwise 409 and nothing changes. A unique key it gives up is freed in the same change.
     */
    default <T extends Versioned> void update(EntityKind<T> kind, T before, T after, Actor actor, String action) {
        update(kind, before, after, actor, action, null);
    }

    /** As {@link #update(EntityKind, Versioned, Versioned, Actor, String)}, made by the import {@code importId}. */
    <T extends Versioned> void update(EntityKind<T> kind, T before, T after, Actor actor, String action,
                                      String importId);

    /**
     * A job's checkpoint: writes {@code after} (version 1 when {@code before} is null, else before's + 1) as
     * the current state, without history or audit record, provided the stored state is still {@code before}
     * (absent when null). Answers false, having changed nothing, when it is not.
     */
    <T extends Versioned> boolean checkpoint(EntityKind<T> kind, T before, T after);

    /** The current states of many entities by id, read in batches; ids nobody has used are missing from the answer. */
    <T extends Versioned> Map<String, T> getAll(EntityKind<T> kind, Collection<String> ids);

    /**
     * One chunk of an import's rows: the import, the chunk's last row, and {@code at}, the {@code createdAt} its new
     * entities carry (the chunk's audit record is found by it from an entity's trail).
     */
    record ImportChunk(String importId, long lastRow, String at) { }

    /**
     * Creates the new entities of one import chunk at version 1, each with its history entry (where the kind keeps
     * one), and records the chunk once: one audit record ({@code import-rows/IMP-…}) listing every entity created or
     * resumed, by id and version, with its digest. Entities whose kind gives them unique keys are each created in a
     * transaction of their own (with their claims and audit record, as {@link #create} does); one whose key another
     * entity holds is left out and answered. The others are written in batches without a condition, so the caller
     * has read that they are absent. {@code resumed} are entities an interrupted run of the same import already wrote:
     * their history entry is written again (the run may have died before it) and they are listed. Writing the same
     * chunk again changes nothing.
     *
     * @return the entities of {@code created} that could not be created, by id, with the 409 saying why
     */
    <T extends Versioned> Map<String, DomainException> createAll(EntityKind<T> kind, List<T> created, List<T> resumed,
                                                                 Actor actor, ImportChunk chunk);

    /**
     * This store, counting the DynamoDB requests and capacity of its batch reads and writes and of its transactional
     * creates and updates into {@code stats} (the import benchmark reads them); the in-memory store counts nothing.
     */
    default Store metered(BatchWriter.Stats stats) {
        return this;
    }

    /** One page of a kind, in id order, keeping only entities that pass every filter. */
    default <T extends Versioned> Page<T> list(EntityKind<T> kind, List<Filter> filters, int limit, String next) {
        return list(kind, ListIndex.byKind(kind), filters, limit, next);
    }

    /**
     * One page of a kind read from {@code index} in the order of its sort key, keeping only entities that pass
     * every filter. At most {@code limit} entities are read per call (ten rounds with filters): without filters
     * a page holds exactly {@code limit} entities whenever that many more exist. {@code next} is absent when
     * nothing follows; it is opaque, and only a cursor of the same index, partition and range is accepted (400).
     */
    <T extends Versioned> Page<T> list(EntityKind<T> kind, ListIndex index, List<Filter> filters, int limit,
                                       String next);

    /**
     * One page of {@code index} read as compact records of {@code type}: of each index item only the record's
     * components are asked for (an index that projects just those, such as byPool, holds nothing more), in the
     * order of its sort key, at most {@code limit} per call; {@code next} as for lists. The page's
     * {@code readUnits} are what the store reports: DynamoDB's consumed capacity; the in-memory twin counts as
     * DynamoDB bills an index query (the items' sizes summed, rounded up to 4 KB, half a unit per 4 KB).
     */
    <R extends Record> IndexPage<R> listProjected(EntityKind<?> kind, ListIndex index, Class<R> type, int limit,
                                                  String next);

    /** The kept versions of one entity, oldest first. */
    <T extends Versioned> Page<HistoryEntry<T>> history(EntityKind<T> kind, String id, int limit, String next);

    /** A client's update must name the version it read; any other is stale: 409 before any write. */
    static void requireVersion(EntityKind<?> kind, Versioned current, long versionSent) {
        if (current.version() != versionSent) {
            throw DomainException.conflict(staleMessage(kind, current.id()) + " (current version " + current.version()
                    + ")");
        }
    }

    static String staleMessage(EntityKind<?> kind, String id) {
        return "The " + kind.auditName() + " '" + id + "' was changed by someone else; read it again and retry";
    }
}
