package spotcheck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.roster.Target;
import spotcheck.store.BatchWriter;
import spotcheck.store.EntityStore;

/**
 * A bureau's worth of targets put straight into the data table, stored as the store stores a target
 * ({@link EntityStore#currentItem}: the byKind, byCounty and byRisk keys included) and written in
 * batches of 25: the quick way to a big roster when what is measured is not the import. Target
 * {@code i} is in county {@code COUNTIES[i % 6]}, with the credit code, name and contacts of row
 * {@code i} of a generated roster ({@link RosterFiles}).
 */
public final class BulkTargets {
    /** The six county-level divisions of Heyuan, as the demo names them. */
    public static final List<String> COUNTIES = List.of("yuancheng", "dongyuan", "heping", "longchuan", "zijin",
            "lianping");
    private static final String RISK_CLASSES = "ABBBCD";
    private static final String CREATED_AT = "2026-03-02T01:00:00Z";
    private static final int CHUNK = 1_000;

    private final RosterFiles rows = new RosterFiles("东源县", List.of("ITEM-bulk-1", "ITEM-bulk-2"), 8);

    /** Target {@code i}. */
    public Target target(int i) {
        List<String> row = rows.row(i);
        String code = row.get(0);
        String type = switch (code.substring(0, 2)) {
            case "92" -> "individual";
            case "93" -> "other";
            default -> "enterprise";
        };
        return new Target(code, code, row.get(1), type, county(i), List.of("ITEM-bulk-1"),
                String.valueOf(RISK_CLASSES.charAt(Math.floorMod(code.hashCode(), RISK_CLASSES.length()))), "active",
                null, row.get(6), row.get(7), row.get(8).startsWith("1") ? row.get(8) : null, null, List.of(), null, 1,
                CREATED_AT, CREATED_AT);
    }

    public static String county(int i) {
        return COUNTIES.get(i % COUNTIES.size());
    }

    /** How many of targets 0 to {@code n - 1} are in the county. */
    public static int inCounty(int n, String county) {
        int index = COUNTIES.indexOf(county);
        return n / COUNTIES.size() + (index < n % COUNTIES.size() ? 1 : 0);
    }

    /** Writes targets {@code from} to {@code to - 1} into the table; answers the DynamoDB requests it took. */
    public long put(DynamoDbClient dynamo, String table, int from, int to) {
        BatchWriter writer = new BatchWriter(dynamo, table);
        for (int start = from; start < to; start += CHUNK) {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + CHUNK); i++) {
                items.add(EntityStore.currentItem(Target.KIND, target(i)));
            }
            writer.putAll(items);
        }
        return writer.stats().writeRequests;
    }
}
