package spotcheck.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import spotcheck.core.Actor;
import spotcheck.core.Principal;
import spotcheck.core.Role;

/** Accounts and a fixed clock for services tested on the in-memory store. */
public final class StoreFixtures {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T01:02:03Z"), ZoneOffset.UTC);
    public static final String NOW = "2026-03-02T01:02:03Z";
    public static final Actor ADMIN = new Actor(new Principal("admin-1", "Admin", "hy-bureau", Set.of(Role.ADMIN)),
            "req-admin");
    public static final Actor OPERATOR = new Actor(new Principal("op-1", "Operator", "hy-forest", Set.of(Role.OPERATOR)),
            "req-op");
    public static final Actor DONGYUAN = new Actor(new Principal("county-1", "Dongyuan", "dongyuan",
            Set.of(Role.COUNTY)), "req-county");

    private StoreFixtures() { }
}
