package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import spotcheck.handlers.Services;
import spotcheck.api.Route;
import spotcheck.handlers.Routes;
import spotcheck.store.Dynamo;
import spotcheck.store.Tables;

/**
 * Random malformed bodies against every route of the route table, as an admin and as county staff,
 * through the running stack: every answer to a route that reads a body is a 4xx in the error shape,
 * no answer is a 5xx or HTML, and nothing is written (the audit table, which every change writes to
 * in the change's own transaction, keeps its size). The seed is fixed and printed with any failure.
 */
class MalformedBodiesPropertyE2ETest extends WorldTest {
    private static final long SEED = 0x5107C4EC4L;

    /** One kind of malformed body: a name for the failure message and a maker of its bytes. */
    private record Kind(String name, Function<Random, byte[]> body) { }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] FIELDS = {"name", "kind", "fileName", "department", "county", "org", "version",
            "reason", "holidays", "methods", "items", "orgId", "creditCode", "quota", "scope", "leadDepartment",
            "inspectorsPerTarget", "year"};

    private static String field(Random r) {
        return FIELDS[r.nextInt(FIELDS.length)];
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("truncated", r -> {
                String whole = "{\"" + field(r) + "\":\"林木采伐\",\"" + field(r) + "\":[\"a\",\"b\"],\"version\":1}";
                return utf8(whole.substring(0, 1 + r.nextInt(whole.length() - 1)));
            }),
            new Kind("wrong types", r -> {
                // every field of a different type than any route takes for it
                Object[] wrong = {12345, true, Map.of("x", List.of(1)), List.of(List.of(true))};
                StringBuilder b = new StringBuilder("{");
                for (String f : FIELDS) {
                    if (r.nextBoolean() || f.equals("name")) {
                        b.append(b.length() > 1 ? "," : "").append('"').append(f).append("\":")
                                .append(Api.json(f.equals("version") ? "one" : wrong[r.nextInt(wrong.length)]));
                    }
                }
                return utf8(b.append('}').toString());
            }),
            new Kind("nested 10,000 deep", r -> r.nextBoolean()
                    ? utf8("[".repeat(10_000) + "]".repeat(10_000))
                    : utf8("{\"" + field(r) + "\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001))),
            new Kind("huge number", r -> utf8("{\"version\":" + (r.nextBoolean()
                    ? "9".repeat(200 + r.nextInt(5000)) : "1e" + "9".repeat(200 + r.nextInt(500))) + "}")),
            new Kind("duplicate keys", r -> {
                String f = field(r);
                return utf8("{\"" + f + "\":\"a\",\"" + f + "\":\"b\"}");
            }),
            new Kind("lone surrogate escape", r -> {
                String lone = "\\u" + Integer.toHexString(0xD800 + r.nextInt(0x800));
                return utf8(r.nextBoolean() ? "{\"" + field(r) + "\":\"x" + lone + "y\"}"
                        : "{\"" + lone + "\":\"x\"}");
            }),
            new Kind("invalid UTF-8 bytes", r -> {
                byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xE6, (byte) 0xA3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE9}};
                byte[] prefix = utf8("{\"" + field(r) + "\":\"林");
                byte[] b = bad[r.nextInt(bad.length)];
                byte[] suffix = utf8("\"}");
                byte[] out = new byte[prefix.length + b.length + suffix.length];
                System.arraycopy(prefix, 0, out, 0, prefix.length);
                System.arraycopy(b, 0, out, prefix.length, b.length);
                System.arraycopy(suffix, 0, out, prefix.length + b.length, suffix.length);
                return out;
            }),
            new Kind("non-JSON bytes", r -> {
                byte[] b = new byte[1 + r.nextInt(512)];
                r.nextBytes(b);
                b[0] = (byte) (0x80 | b[0]);   // never a JSON value's first byte
                return b;
            }),
            new Kind("empty", r -> new byte[0]));

    private static List<Route> routeTable() {
        // The route table is built without touching DynamoDB, so any client will do.
        DynamoDbClient unused = DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
        return Routes.table(new Services(unused, new Tables("data", "audit"), Clock.systemUTC(), null, "uploads"));
    }

    private static long auditItems() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        DynamoDbClient dynamo = Dynamo.client();
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(Stack.get().tableName("AuditTable"))
                    .select(Select.COUNT).exclusiveStartKey(start).build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Test
    void everyRouteAnswersMalformedBodiesWithA4xxAndWritesNothing() {
        Map<String, String> parameters = Map.ofEntries(Map.entry("{orgId}", w.county),
                Map.entry("{itemId}", w.newItem(w.deptA, "事项 随机")), Map.entry("{targetId}", w.newTarget(w.county)),
                Map.entry("{inspectorId}", w.newInspector(w.deptA)), Map.entry("{importId}", "IMP-NONE"),
                Map.entry("{kind}", "targets"), Map.entry("{year}", "2099"),
                Map.entry("{planId}", w.newPlan(2099, w.deptA, w.newItem(w.deptA, "事项 计划"))),
                Map.entry("{drawId}", "DRW-2099-NONE-1"), Map.entry("{taskId}", "TSK-2099-NONE-1-X"),
                Map.entry("{caseId}", "CASE-2099-NONE-1-X-ABCDEF"), Map.entry("{batchId}", "PUB-2099-01-01"),
                Map.entry("{notificationId}", "NTF-NONE"));
        Map<String, String> callers = Map.of("admin", w.adminToken, "county", w.countyStaff);
        Stack.get().awaitS3Events(Duration.ofSeconds(30));
        long auditBefore = auditItems();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Route route : routeTable()) {
            String path = route.path();
            for (var p : parameters.entrySet()) {
                path = path.replace(p.getKey(), p.getValue());
            }
            assertThat(path).as("every path parameter of " + route.path() + " has a value here").doesNotContain("{");
            boolean readsBody = route.method().equals("POST") || route.method().equals("PUT");
            for (var caller : callers.entrySet()) {
                for (Kind kind : KINDS) {
                    byte[] body = kind.body().apply(random);
                    Api.Reply r = api.sendBytes(route.method(), path, caller.getValue(), body, "application/json");
                    sent++;
                    String problem = problem(r, readsBody);
                    if (problem != null) {
                        failures.add(route.key() + " as " + caller.getKey() + ", " + kind.name() + ": " + problem
                                + " — " + r.status() + " " + r.text().substring(0, Math.min(200, r.text().length())));
                    }
                }
            }
        }
        assertThat(failures).as("seed " + SEED + ", " + sent + " requests").isEmpty();
        assertThat(auditItems()).as("audit records written, seed " + SEED).isEqualTo(auditBefore);
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Api.Reply r, boolean readsBody) {
        String type = r.header("content-type");
        if (r.status() >= 500) {
            return "a server error";
        }
        if (type != null && type.startsWith("text/html") || r.text().stripLeading().startsWith("<")) {
            return "HTML";
        }
        if (readsBody && (r.status() < 400 || r.status() > 499)) {
            return "not a 4xx";
        }
        if (r.status() >= 400) {
            JsonNode error = r.json() == null ? null : r.json().get("error");
            if (error == null || !error.path("code").isTextual() || error.path("code").asText().isBlank()
                    || !error.path("message").isTextual() || !error.path("details").isArray()) {
                return "not the error shape";
            }
        }
        return null;
    }
}
