package spotcheck.store;

/** An entity with the integer {@code version} that optimistic updates check. */
public interface Versioned {
    String id();

    long version();
}
