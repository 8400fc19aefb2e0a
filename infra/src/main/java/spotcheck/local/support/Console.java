package spotcheck.local.support;

/**
 * The stack's own log lines, on standard error: standard output carries only the
 * READY line, so scripts can read it without filtering. Callers pass names of
 * resources, routes, counts and codes, never request bodies or claims.
 */
public final class Console {
    private Console() { }

    public static void info(String message) {
        System.err.println("[local] " + message);
    }

    public static void warn(String message) {
        System.err.println("[local] WARN " + message);
    }
}
