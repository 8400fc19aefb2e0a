package spotcheck.core;

/**
 * Configuration from the Lambda environment. A JVM system property of the same name
 * wins, so that the local stack can run several functions in one process.
 */
public final class Env {
    private Env() { }

    public static String get(String name, String byDefault) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? byDefault : value;
    }

    public static String require(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }
}
