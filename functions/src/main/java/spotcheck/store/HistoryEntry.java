package spotcheck.store;

/** One kept version of an entity: who made it, when, how, and the entity as it then was. */
public record HistoryEntry<T>(long version, String at, String actor, String action, T item) { }
