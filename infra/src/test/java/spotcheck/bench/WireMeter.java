package spotcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A counting proxy in front of the AWS emulator: every request of the local stack's functions (DynamoDB and S3
 * alike) passes through it unchanged, and each DynamoDB request is counted by operation, with the capacity
 * DynamoDB bills for it, computed from the items on the wire as DynamoDB sizes them (attribute names and values):
 * a write 1 WCU per started KB of the item (twice in a transaction), a read of items 1 RCU per started 4 KB
 * (a query sums its items, then rounds; eventually consistent reads, which every index read is, half). Reads of the
 * byPool index (the draw's candidates) and writes of task items ({@code TSK#}) and of the audit table are kept
 * apart. Writes to secondary indexes are not in the write units: they are reported separately by the benchmark.
 *
 * <p>What a query with a projection reads is counted from the attributes it returns; the benchmark measures the
 * full index entries (keys included) in a pass of its own.
 */
final class WireMeter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    /** What was counted since the last {@link #reset}. */
    static final class Counts {
        final Map<String, Long> requests = new TreeMap<>();
        double readUnits;
        double poolReadUnits;
        long poolQueries;
        long poolItems;
        long poolBytes;
        double writeUnits;
        double taskWriteUnits;
        long taskItems;
        long taskBytes;
        double auditWriteUnits;
        long auditItems;

        long requests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        String byOperation() {
            StringBuilder s = new StringBuilder();
            requests.forEach((op, n) -> s.append(s.length() == 0 ? "" : ", ").append(op).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", n)));
            return s.toString();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI target;
    private volatile String auditTable;
    private Counts counts = new Counts();

    private WireMeter(URI target, String auditTable) throws IOException {
        this.target = target;
        this.auditTable = auditTable;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy to {@code target}; writes to the table named {@code auditTable} are audit records. */
    static WireMeter in(URI target, String auditTable) throws IOException {
        return new WireMeter(target, auditTable);
    }

    /** Writes to this table are audit records (known once the stack has read its template). */
    void auditTable(String name) {
        this.auditTable = name;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The counts so far, and a fresh start. */
    synchronized Counts reset() {
        Counts c = counts;
        counts = new Counts();
        return c;
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            URI to = URI.create(target.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
            HttpRequest.Builder b = HttpRequest.newBuilder(to).timeout(Duration.ofMinutes(10))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r;
            try {
                r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            String operation = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (operation != null && operation.startsWith("DynamoDB_") && r.statusCode() == 200) {
                count(operation.substring(operation.indexOf('.') + 1), body, r.body());
            }
            r.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            boolean head = "HEAD".equals(ex.getRequestMethod());
            long length = head || r.body().length == 0 ? -1 : r.body().length;
            if (head) {
                r.headers().firstValue("content-length").ifPresent(v -> ex.getResponseHeaders().set("Content-Length", v));
            }
            ex.sendResponseHeaders(r.statusCode(), length);
            if (length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("wire meter: " + e);
            throw e;
        }
    }

    private synchronized void count(String operation, byte[] requestBody, byte[] responseBody) throws IOException {
        Counts c = counts;
        c.requests.merge(operation, 1L, Long::sum);
        JsonNode request = JSON.readTree(requestBody);
        JsonNode response = JSON.readTree(responseBody);
        switch (operation) {
            case "PutItem" -> written(c, request.path("TableName").asText(), request.get("Item"), 1);
            case "UpdateItem", "DeleteItem" -> c.writeUnits += 1;
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    if (item.has("Put")) {
                        written(c, item.at("/Put/TableName").asText(), item.at("/Put/Item"), 2);
                    } else {
                        c.writeUnits += 2;
                    }
                }
            }
            case "BatchWriteItem" -> {
                Iterator<Map.Entry<String, JsonNode>> tables = request.path("RequestItems").fields();
                while (tables.hasNext()) {
                    Map.Entry<String, JsonNode> t = tables.next();
                    for (JsonNode w : t.getValue()) {
                        if (w.has("PutRequest")) {
                            written(c, t.getKey(), w.at("/PutRequest/Item"), 1);
                        } else {
                            c.writeUnits += 1;
                        }
                    }
                }
            }
            case "GetItem" -> {
                double units = response.has("Item") ? units(size(response.get("Item")), 4096) : 1;
                c.readUnits += request.path("ConsistentRead").asBoolean(false) ? units : units / 2;
            }
            case "BatchGetItem" -> {
                Iterator<Map.Entry<String, JsonNode>> tables = request.path("RequestItems").fields();
                while (tables.hasNext()) {
                    Map.Entry<String, JsonNode> t = tables.next();
                    JsonNode found = response.at("/Responses/" + t.getKey());
                    double units = t.getValue().path("Keys").size() - found.size();
                    for (JsonNode item : found) {
                        units += units(size(item), 4096);
                    }
                    c.readUnits += t.getValue().path("ConsistentRead").asBoolean(false) ? units : units / 2;
                }
            }
            case "Query", "Scan" -> {
                long bytes = 0;
                for (JsonNode item : response.path("Items")) {
                    bytes += size(item);
                }
                double units = Math.max(1, units(bytes, 4096));
                units = request.path("ConsistentRead").asBoolean(false) ? units : units / 2;
                c.readUnits += units;
                if ("byPool".equals(request.path("IndexName").asText())) {
                    c.poolQueries++;
                    c.poolItems += response.path("Items").size();
                    c.poolBytes += bytes;
                    c.poolReadUnits += units;
                }
            }
            default -> { }
        }
    }

    private void written(Counts c, String table, JsonNode item, int factor) {
        long bytes = size(item);
        double units = factor * Math.max(1, units(bytes, 1024));
        c.writeUnits += units;
        if (table.equals(auditTable)) {
            c.auditWriteUnits += units;
            c.auditItems++;
        } else if (item.path("pk").path("S").asText().startsWith("TSK#")) {
            c.taskWriteUnits += units;
            c.taskItems++;
            c.taskBytes += bytes;
        }
    }

    private static long units(long bytes, int per) {
        return (bytes + per - 1) / per;
    }

    /** An item's size as DynamoDB counts it: each attribute's name and value, in UTF-8 bytes. */
    static long size(JsonNode item) {
        long bytes = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            bytes += utf8(f.getKey()) + valueSize(f.getValue());
        }
        return bytes;
    }

    private static long valueSize(JsonNode v) {
        Map.Entry<String, JsonNode> typed = v.fields().next();
        JsonNode x = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(x.asText());
            case "N" -> numberSize(x.asText());
            case "B" -> Base64.getDecoder().decode(x.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(x, n -> utf8(n.asText()));
            case "NS" -> sum(x, n -> numberSize(n.asText()));
            case "L" -> 3 + sum(x, n -> 1 + valueSize(n));
            case "M" -> {
                long s = 3;
                Iterator<Map.Entry<String, JsonNode>> it = x.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    s += 1 + utf8(e.getKey()) + valueSize(e.getValue());
                }
                yield s;
            }
            default -> utf8(x.toString());
        };
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> each) {
        long s = 0;
        for (JsonNode n : array) {
            s += each.applyAsLong(n);
        }
        return s;
    }

    private static long numberSize(String n) {
        String digits = n.replaceAll("[^0-9]", "").replaceAll("^0+", "");
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
