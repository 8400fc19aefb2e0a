package spotcheck.core;

/** Who is making a change, and in which request: what audit and history records need. */
public record Actor(Principal principal, String requestId) { }
