package spotcheck.core;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured JSON log lines on standard output (CloudWatch in Lambda). Callers pass
 * identifiers, counts and codes only: never names, ID numbers, phones or addresses.
 */
public final class Log {
    private static volatile PrintStream out = System.out;

    private Log() { }

    public static void info(String event, String requestId, Object... keyValues) {
        write("INFO", event, requestId, keyValues);
    }

    public static void warn(String event, String requestId, Object... keyValues) {
        write("WARN", event, requestId, keyValues);
    }

    public static void error(String event, String requestId, Object... keyValues) {
        write("ERROR", event, requestId, keyValues);
    }

    /** Lets the local stack and tests capture the lines. */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    private static void write(String level, String event, String requestId, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        out.println(Json.writeString(line));
    }
}
