package spotcheck.store;

/**
 * A natural key an entity holds alone among its kind (an item's department and name): the
 * store claims it in the same transaction that writes the entity, so two entities can never
 * hold the same one, however concurrent the writes. {@code value} is compared exactly, so it
 * is given already normalised; {@code field} and {@code description} say in a 409 what clashed.
 */
public record UniqueKey(String name, String value, String field, String description) {

    /** What is claimed: the key's name and value. */
    public String claim() {
        return name + "#" + value;
    }
}
