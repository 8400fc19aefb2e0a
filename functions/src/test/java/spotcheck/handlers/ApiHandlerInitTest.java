package spotcheck.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the API function's init builds, and what it leaves to first use, seen in a fresh JVM as Lambda's
 * ({@code -Xlog:class+load}): init builds the DynamoDB client and the JSON mapper every request uses, and
 * not the S3 client, the presigner, the Secrets Manager client or the bundled calendars, which few
 * requests need; the SnapStart priming hook then reads the calendars, still without S3 or the secret.
 */
class ApiHandlerInitTest {
    private static final String BUNDLED_CALENDARS = "spotcheck.calendar.OfficialCalendars$Bundled";
    private static final List<String> FIRST_USE_ONLY = List.of(BUNDLED_CALENDARS,
            "software.amazon.awssdk.services.s3.DefaultS3Client",
            "software.amazon.awssdk.services.s3.internal.presigner.DefaultS3Presigner",
            "software.amazon.awssdk.services.secretsmanager.DefaultSecretsManagerClient");

    private static Map<String, List<String>> loaded;

    /** Run in the child JVM: init as Lambda does it, then the priming hook, each after a marker line. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("#init");
            ApiHandler handler = new ApiHandler();
            System.out.println("#priming");
            handler.beforeCheckpoint(null);
            System.out.println("#end");
        }
    }

    @BeforeAll
    static void runInitAndPrimingInAFreshJvm() throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-cp", classPath, Probe.class.getName()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_REGION", "us-east-1");
        // nothing listens there: init and priming must not need it
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        env.put("DATA_TABLE", "data");
        env.put("AUDIT_TABLE", "audit");
        env.put("UPLOADS_BUCKET", "uploads");
        env.put("AUDIT_KEY_SECRET", "audit-key");
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        loaded = new HashMap<>();
        List<String> phase = null;
        for (String line : lines) {
            if (line.startsWith("#")) {
                phase = new ArrayList<>();
                loaded.put(line.substring(1), phase);
            } else if (phase != null && line.contains("[class,load] ")) {
                String rest = line.substring(line.indexOf("[class,load] ") + "[class,load] ".length());
                phase.add(rest.substring(0, rest.indexOf(' ')));
            }
        }
        assertThat(loaded).containsKeys("init", "priming", "end");
    }

    @Test
    void initBuildsTheDynamoDbClientAndTheJsonMapper() {
        assertThat(loaded.get("init")).contains("software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient",
                "spotcheck.core.Json", "spotcheck.handlers.Routes");
    }

    @Test
    void initLeavesS3TheSecretAndTheCalendarsToFirstUse() {
        assertThat(loaded.get("init")).doesNotContainAnyElementsOf(FIRST_USE_ONLY);
    }

    @Test
    void primingReadsTheCalendarsButBuildsNoS3OrSecretsClient() {
        assertThat(loaded.get("priming")).contains(BUNDLED_CALENDARS)
                .doesNotContainAnyElementsOf(FIRST_USE_ONLY.subList(1, FIRST_USE_ONLY.size()));
    }
}
