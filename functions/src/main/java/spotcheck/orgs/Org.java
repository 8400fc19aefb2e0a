package spotcheck.orgs;

import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * The bureau, one of its departments, a county bureau, or an external agency (for joint checks).
 * {@code headAccount}, where set, is the login (the token's {@code sub}) of its head (负责人), to whom overdue
 * reminders escalate. It is private, and only administrators set it ({@link OrgAccess}).
 */
public record Org(
        String orgId,
        String name,
        String kind,
        String parentId,
        String divisionCode,
        String headAccount,
        String status,
        long version,
        String createdAt,
        String updatedAt) implements Versioned {

    public static final EntityKind<Org> KIND = new EntityKind<>("ORG", "org", Org.class, false);

    @Override
    public String id() {
        return orgId;
    }

    /** The same organisation without its private field (the head's login), for readers who may not see it. */
    public Org withoutHead() {
        return new Org(orgId, name, kind, parentId, divisionCode, null, status, version, createdAt, updatedAt);
    }
}
