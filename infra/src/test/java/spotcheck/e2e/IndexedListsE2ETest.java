package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.handlers.ImportHandler;
import spotcheck.handlers.Services;
import spotcheck.imports.ImportJob;
import spotcheck.local.LocalStack;
import spotcheck.roster.Target;
import spotcheck.roster.TargetService;
import spotcheck.store.BatchWriter;
import spotcheck.store.Dynamo;
import spotcheck.store.EntityStore;
import spotcheck.store.S3Files;
import spotcheck.store.Tables;

/**
 * Lists filtered by county or risk class, and a county account's lists, read an index of exactly what
 * they want: full pages (the limit, whenever more exist), each target once across the pages, and only
 * matching targets read. The county has 45 targets: 25 made through the API, 20 imported from a file.
 */
class IndexedListsE2ETest extends WorldTest {
    static final Set<String> MINE = new HashSet<>();
    static final Set<String> MINE_D = new HashSet<>();
    static final Set<String> WITH_ITEM = new HashSet<>();
    static String itemId;

    @BeforeAll
    static void fortyFiveTargetsInOneCountyAmongOthers() {
        itemId = w.newItem(w.deptA, "林木采伐监督检查 " + w.suffix);
        for (int i = 0; i < 25; i++) {
            String code = w.newCreditCode();
            Map<String, Object> body = World.target(w.county, "木材加工厂 " + code, code);
            body.put("riskClass", "D");
            if (i % 2 == 0) {
                body.put("items", List.of(itemId));
                WITH_ITEM.add(code);
            }
            Api.Reply r = api.post("/targets", w.adminToken, Api.json(body));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            MINE.add(code);
            MINE_D.add(code);
        }
        for (int i = 0; i < 10; i++) {
            String code = w.newCreditCode();
            Map<String, Object> body = World.target(w.county2, "家具厂 " + code, code);
            body.put("riskClass", i % 2 == 0 ? "D" : "C");
            body.put("items", List.of(itemId));
            assertThat(api.post("/targets", w.adminToken, Api.json(body)).status()).isEqualTo(201);
        }
        // 20 more arrive by import (BatchWriteItem): they must land in the indexes as well
        StringBuilder csv = new StringBuilder("统一社会信用代码,名称,类型,所属县区,信用风险等级,抽查事项,法定代表人\n");
        for (int i = 0; i < 20; i++) {
            String code = w.newCreditCode();
            csv.append(code).append(",木业公司").append(code).append(",企业,").append(w.county).append(",B,")
                    .append(i % 2 == 0 ? itemId : "").append(",李四\n");
            MINE.add(code);
            if (i % 2 == 0) {
                WITH_ITEM.add(code);
            }
        }
        S3Client s3 = Uploads.s3();
        String bucket = "lists-" + w.suffix;
        s3.createBucket(b -> b.bucket(bucket));
        String key = "imports/targets/lists-" + w.suffix + ".csv";
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = Uploads.put(s3, bucket, key, bytes);
        S3Event event = ImportsE2ETest.event(bucket, key, bytes.length, put.eTag(), put.versionId());
        new ImportHandler(Stack.services().importProcessor()).handleRequest(event, null);
        ImportJob job = ImportsE2ETest.job(key);
        assertThat(job.status()).as(String.valueOf(job.error())).isEqualTo(ImportJob.SUCCEEDED);
        assertThat(job.rows().created()).isEqualTo(20);
    }

    /** The pages of a list at {@code limit}, each page's size in order; asserts no target comes twice. */
    private static List<Integer> pages(String query, String token, int limit, List<JsonNode> into) {
        List<Integer> sizes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String next = null;
        do {
            Api.Reply page = api.get("/targets?" + query + (query.isEmpty() ? "" : "&") + "limit=" + limit
                    + (next == null ? "" : "&next=" + next), token);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("items").forEach(t -> {
                assertThat(seen.add(t.get("targetId").asText())).as("listed twice: " + t).isTrue();
                into.add(t);
            });
            sizes.add(page.json().get("items").size());
            next = page.json().hasNonNull("next") ? page.json().get("next").asText() : null;
            assertThat(sizes).hasSizeLessThan(1000);
        } while (next != null);
        return sizes;
    }

    private static Set<String> ids(List<JsonNode> targets) {
        Set<String> ids = new HashSet<>();
        targets.forEach(t -> ids.add(t.get("targetId").asText()));
        return ids;
    }

    @Test
    void aCountysListComesInFullPagesEachTargetOnce() {
        List<JsonNode> listed = new ArrayList<>();
        List<Integer> sizes = pages("county=" + w.county, w.adminToken, 20, listed);
        assertThat(sizes.subList(0, 3)).containsExactly(20, 20, 5);
        assertThat(sizes.stream().skip(3)).allMatch(n -> n == 0);
        assertThat(ids(listed)).isEqualTo(MINE);
    }

    @Test
    void aCountyAccountsPagesHoldOnlyItsOwnAndAllOfThem() {
        List<JsonNode> listed = new ArrayList<>();
        List<Integer> sizes = pages("", w.countyStaff, 20, listed);
        assertThat(sizes.subList(0, 3)).containsExactly(20, 20, 5);
        assertThat(ids(listed)).isEqualTo(MINE);
        // its own county's private fields unmasked
        assertThat(listed).extracting(t -> t.get("county").asText()).containsOnly(w.county);
    }

    @Test
    void aRiskClassComesInFullPages() {
        List<JsonNode> inCounty = new ArrayList<>();
        List<Integer> sizes = pages("county=" + w.county + "&riskClass=D", w.adminToken, 20, inCounty);
        assertThat(sizes.subList(0, 2)).containsExactly(20, 5);
        assertThat(ids(inCounty)).isEqualTo(MINE_D);
        // city-wide: at least this world's 30 class-D targets, so the first page is full
        List<JsonNode> cityWide = new ArrayList<>();
        List<Integer> citySizes = pages("riskClass=D", w.adminToken, 20, cityWide);
        assertThat(citySizes.get(0)).isEqualTo(20);
        assertThat(cityWide).extracting(t -> t.get("riskClass").asText()).containsOnly("D");
        assertThat(ids(cityWide)).containsAll(MINE_D);
        assertThat(cityWide.stream().filter(t -> t.get("county").asText().equals(w.county2)).count()).isEqualTo(5);
        // a county account's risk class: its own only
        List<JsonNode> own = new ArrayList<>();
        assertThat(pages("riskClass=D", w.countyStaff, 20, own).subList(0, 2)).containsExactly(20, 5);
        assertThat(ids(own)).isEqualTo(MINE_D);
    }

    @Test
    void anItemWithinACountyFiltersTheCountysIndexAndStillFillsPages() {
        List<JsonNode> listed = new ArrayList<>();
        List<Integer> sizes = pages("county=" + w.county + "&item=" + itemId, w.adminToken, 20, listed);
        assertThat(sizes.get(0)).isEqualTo(20);
        assertThat(ids(listed)).isEqualTo(WITH_ITEM);
    }

    @Test
    void aCursorOfOneListIsRefusedByAnother() {
        String next = api.get("/targets?county=" + w.county + "&limit=5", w.adminToken).json().get("next").asText();
        Api.Reply other = api.get("/targets?county=" + w.county2 + "&limit=5&next=" + next, w.adminToken);
        assertThat(other.status()).isEqualTo(400);
        Api.Reply byRisk = api.get("/targets?riskClass=D&limit=5&next=" + next, w.adminToken);
        assertThat(byRisk.status()).isEqualTo(400);
        Api.Reply all = api.get("/targets?limit=5&next=" + next, w.adminToken);
        assertThat(all.status()).isEqualTo(400);
    }

    /** Items read by each Query: what DynamoDB bills a query for (ScannedCount), and the bytes it returned. */
    static final class Reads {
        long requests;
        long scanned;
        long returned;
        long bytes;
        double readUnits;
    }

    private static DynamoDbClient counting(DynamoDbClient target, Reads reads) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (args != null && args.length == 1 && args[0] instanceof QueryRequest
                            && result instanceof QueryResponse r) {
                        reads.requests++;
                        reads.scanned += r.scannedCount();
                        reads.returned += r.count();
                        long bytes = 0;
                        for (Map<String, AttributeValue> item : r.items()) {
                            bytes += BatchWriter.itemBytes(item);
                        }
                        reads.bytes += bytes;
                        // eventually consistent: half a unit per started 4 KB read
                        reads.readUnits += Math.max(1, (bytes + 4095) / 4096) / 2.0;
                    }
                    return result;
                });
    }

    private static Services services(Reads reads) {
        LocalStack s = Stack.get();
        return new Services(counting(Dynamo.client(), reads), new Tables(s.tableName("DataTable"),
                s.tableName("AuditTable")), Clock.systemUTC(), S3Files.fromEnvironment(), s.bucket());
    }

    @Test
    void aCountyAccountsFirstPageReadsOnlyItsOwnTargets() {
        Principal county = new Principal("cty-" + w.suffix, "县局人员", w.county, Set.of(Role.COUNTY));
        Reads now = new Reads();
        Page<Target> page = services(now).targets.list(county, new TargetService.Query(null, null, null, null, null,
                null), 20, null);
        assertThat(page.items()).hasSize(20).allMatch(t -> t.county().equals(w.county));
        assertThat(now.requests).isEqualTo(1);
        assertThat(now.scanned).isEqualTo(20);
        assertThat(now.returned).isEqualTo(20);

        // what the same page cost before: the byKind index, filtered by county
        Reads before = new Reads();
        Page<Target> old = services(before).entities.list(Target.KIND, List.of(EntityStore.Filter.eq("county",
                w.county)), 20, null);
        System.out.printf("county first page (limit 20): index byCounty %d request(s), %d items read, %.1f RCU; "
                        + "byKind + filter %d request(s), %d items read (%d kept), %d items on that page%n",
                now.requests, now.scanned, now.readUnits, before.requests, before.scanned, before.returned,
                old.items().size());
        assertThat(before.scanned).isGreaterThan(now.scanned);
    }
}
