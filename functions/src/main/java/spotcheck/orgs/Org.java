package spotcheck.orgs;

import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/** The bureau, one of its departments, a county bureau, or an external agency (for joint checks). */
public record Org(
        String orgId,
        String name,
        String kind,
        String parentId,
        String divisionCode,
        String status,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Org> KIND = new EntityKind<>("ORG", "org", Org.class, false);

    @Override
    public String id() {
        return orgId;
    }
}
