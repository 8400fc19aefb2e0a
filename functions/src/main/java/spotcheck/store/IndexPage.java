package spotcheck.store;

import java.util.List;

/**
 * A page of compact records read from an index's projection, the cursor of the next page (absent on the last),
 * and the read capacity the page cost as the store reports it (0 where it reports none).
 */
public record IndexPage<R>(List<R> items, String next, double readUnits) { }
