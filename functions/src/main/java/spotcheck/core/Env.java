package spotcheck.core;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;

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

    /**
     * The functions' clock: the system clock (UTC), shifted by {@code SPOTCHECK_CLOCK_OFFSET} (an ISO-8601
     * duration such as {@code PT-2H} or {@code P400DT3H}) when set. Only the local stack sets it, for
     * {@code --clock}; on Lambda it is absent and the functions run on the system clock.
     */
    public static Clock clock() {
        String offset = get("SPOTCHECK_CLOCK_OFFSET", null);
        if (offset == null) {
            return Clock.systemUTC();
        }
        try {
            return Clock.offset(Clock.systemUTC(), Duration.parse(offset.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("SPOTCHECK_CLOCK_OFFSET is not an ISO-8601 duration: " + offset);
        }
    }
}
