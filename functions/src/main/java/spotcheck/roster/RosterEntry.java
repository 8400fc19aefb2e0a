package spotcheck.roster;

import spotcheck.store.Versioned;

/** An entry of a roster (item, inspector, target), which an import may have written: which one, and when. */
public interface RosterEntry extends Versioned {
    /** The import that last wrote it, or null. */
    String importId();

    String createdAt();
}
