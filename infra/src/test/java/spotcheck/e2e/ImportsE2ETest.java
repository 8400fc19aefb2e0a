package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import spotcheck.handlers.Services;
import spotcheck.handlers.ImportHandler;
import spotcheck.imports.ImportJob;
import spotcheck.imports.ImportProcessor;
import spotcheck.jobs.JobRunner;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.store.Dynamo;
import spotcheck.store.S3Files;
import spotcheck.store.Tables;
import spotcheck.validation.CreditCode;

/**
 * The import function given real S3 event JSON for real files in the emulator's S3: GBK CSV
 * and XLSX, bad rows and bad files, repeated events and interrupted runs. These files go to a
 * bucket of their own without notifications, so the stack's own S3 delivery stays out of the way.
 */
class ImportsE2ETest extends WorldTest {
    static final String HEADER = "统一社会信用代码,名称,类型,所属县区,信用风险等级,抽查事项,法定代表人,地址,联系电话";
    static final AtomicInteger SERIAL = new AtomicInteger();
    static S3Client s3;
    static String quietBucket;
    static String countyName;
    static String itemName;
    static String itemId;

    @BeforeAll
    static void setUp() {
        s3 = Uploads.s3();
        quietBucket = "quiet-" + w.suffix;
        s3.createBucket(b -> b.bucket(quietBucket));
        countyName = "测试县" + w.suffix;
        w.createOrg("cty2-" + w.suffix, countyName, "county", w.bureau, "441625");
        itemName = "林木采伐监督检查" + w.suffix;
        itemId = w.newItem(w.deptA, itemName);
    }

    /** A valid credit code, distinct per call: region 441625 (东源县), an enterprise. */
    static String code() {
        int base = Math.floorMod(w.suffix.hashCode(), 9000) * 1000;
        String body = "91441625MA" + String.format("%07d", base + SERIAL.incrementAndGet());
        return body + CreditCode.checkCharacter(body);
    }

    static List<String> row(String... cells) {
        return List.of(cells);
    }

    static List<List<String>> header(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of(HEADER.split(",")));
        all.addAll(rows);
        return all;
    }

    /** Puts a file in the quiet bucket and hands its S3 event, as JSON, to a fresh import function. */
    static ImportJob importDirectly(String key, byte[] bytes) {
        PutObjectResponse put = Uploads.put(s3, quietBucket, key, bytes);
        S3Event event = event(quietBucket, key, bytes.length, put.eTag(), put.versionId());
        new ImportHandler(processor(Stack.services())).handleRequest(event, null);
        return job(key);
    }

    static ImportProcessor processor(Services s) {
        return s.importProcessor();
    }

    static ImportJob job(String key) {
        Services s = Stack.services();
        List<ImportJob> jobs = s.entities.list(ImportJob.KIND, List.of(spotcheck.store.EntityStore.Filter.eq("key",
                key)), 200, null).items();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    static S3Event event(String bucket, String key, long size, String eTag, String versionId) {
        try (InputStream in = ImportsE2ETest.class.getResourceAsStream("/events/s3-object-created.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${BUCKET}", bucket)
                    .replace("${KEY}", URLEncoder.encode(key, StandardCharsets.UTF_8))
                    .replace("${SIZE}", Long.toString(size))
                    .replace("${ETAG}", eTag.replace("\"", ""))
                    .replace("${VERSION}", versionId == null ? "" : versionId);
            return LambdaEventSerializers.serializerFor(S3Event.class, ImportsE2ETest.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<List<String>> readReport(ImportJob job) throws Exception {
        try (InputStream in = s3.getObject(r -> r.bucket(job.bucket()).key(job.reportKey()))) {
            return Uploads.rows(in.readAllBytes(), "report.csv");
        }
    }

    @Test
    void aGbkCsvWithBadRowsImportsTheGoodOnesAndReportsTheRest() throws Exception {
        String good1 = code();
        String good2 = code();
        String flagged = good2.substring(0, 17) + (good2.charAt(17) == '0' ? '1' : '0');
        String good3 = code();
        List<List<String>> rows = header(List.of(
                row(good1, "东源县仙塘木材加工厂", "企业", countyName, "B", itemName, "张三", "河源市东源县仙塘镇工业园", "13800138000"),
                row(flagged, "东源县早期登记林场", "企业", countyName, "A类", itemName, "李四", "", ""),
                row("", "东源县蓝口镇苗木产品", "产品", countyName, "较高风险", "", "", "", ""),
                row("91441625MA4UJ8KXSS", "代码含非法字符公司", "企业", countyName, "B", "", "", "", ""),
                row(good3, "不存在县区的公司", "企业", "火星县", "B", "", "", "", ""),
                row(good1, "东源县仙塘木材加工厂（重复）", "企业", countyName, "C", "", "", "", ""),
                row(code(), "", "企业", countyName, "D", "", "", "", ""),
                row(code(), "风险等级错误公司", "企业", countyName, "E", "", "", "", "")));
        String key = "imports/targets/河源 名录-" + w.suffix + ".csv";
        ImportJob job = importDirectly(key, Uploads.csv(Charset.forName("GBK"), rows));

        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(8, 3, 5, 3, 0, 0, 1));
        JsonNode t1 = api.get("/targets/" + good1, w.adminToken).json();
        assertThat(t1.get("name").asText()).isEqualTo("东源县仙塘木材加工厂");
        assertThat(t1.get("county").asText()).isEqualTo("cty2-" + w.suffix);
        assertThat(t1.get("items")).extracting(JsonNode::asText).containsExactly(itemId);
        assertThat(t1.get("address").asText()).isEqualTo("河源市东源县仙塘镇工业园");
        assertThat(t1.get("importId").asText()).isEqualTo(job.importId());
        JsonNode t2 = api.get("/targets/" + flagged, w.adminToken).json();
        assertThat(t2.get("reviewFlags")).extracting(JsonNode::asText).containsExactly("credit_code_checksum");
        assertThat(t2.get("riskClass").asText()).isEqualTo("A");
        JsonNode products = api.get("/targets?county=cty2-" + w.suffix + "&type=product", w.adminToken).json();
        assertThat(products.get("items")).hasSize(1);
        assertThat(products.at("/items/0/riskClass").asText()).isEqualTo("C");

        List<List<String>> report = readReport(job);
        assertThat(report.get(0)).endsWith("行号", "错误原因");
        assertThat(report).hasSize(6);
        assertThat(report.stream().skip(1).map(r -> r.get(9))).containsExactly("5", "6", "7", "8", "9");
        assertThat(report.get(1).get(10)).contains("creditCode").contains("not allowed");
        assertThat(report.get(2).get(10)).contains("'火星县' is not an active county");
        assertThat(report.get(3).get(10)).contains("与第 2 行重复").contains(good1);
        assertThat(report.get(4).get(10)).contains("name is required");
        assertThat(report.get(5).get(10)).contains("'E' is not a valid riskClass");
        assertThat(report.get(2).get(1)).isEqualTo("不存在县区的公司");
        assertThat(api.get("/targets/" + good3, w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void theSameEventTwiceGivesOneImport() {
        String c = code();
        String key = "imports/targets/twice-" + w.suffix + ".csv";
        byte[] bytes = Uploads.csv(StandardCharsets.UTF_8, header(List.of(
                row(c, "重复事件测试公司", "企业", countyName, "B", "", "", "", ""))));
        PutObjectResponse put = Uploads.put(s3, quietBucket, key, bytes);
        S3Event event = event(quietBucket, key, bytes.length, put.eTag(), put.versionId());
        ImportHandler handler = new ImportHandler(processor(Stack.services()));
        handler.handleRequest(event, null);
        ImportJob first = job(key);
        handler.handleRequest(event, null);
        ImportJob second = job(key);
        assertThat(second).isEqualTo(first);
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(api.get("/targets/" + c, w.adminToken).json().get("version").asLong()).isEqualTo(1);
        JsonNode trail = api.get("/audit?entity=import/" + first.importId(), w.adminToken).json();
        assertThat(trail.get("items")).extracting(n -> n.get("action").asText()).containsExactly("succeeded");
        JsonNode writes = api.get("/audit?entity=import-rows/" + first.importId(), w.adminToken).json();
        assertThat(writes.get("items")).extracting(n -> n.get("action").asText()).containsExactly("write");
    }

    @Test
    void importingTheSameRosterAgainChangesOnlyWhatChanged() {
        String a = code();
        String b = code();
        List<List<String>> rows = List.of(row(a, "再导入甲公司", "企业", countyName, "B", "", "", "", ""),
                row(b, "再导入乙公司", "企业", countyName, "B", "", "", "", ""));
        ImportJob first = importDirectly("imports/targets/again-1-" + w.suffix + ".csv",
                Uploads.csv(StandardCharsets.UTF_8, header(rows)));
        assertThat(first.rows().created()).isEqualTo(2);
        List<List<String>> changed = List.of(rows.get(0), row(b, "再导入乙公司", "企业", countyName, "D", "", "", "", ""));
        ImportJob second = importDirectly("imports/targets/again-2-" + w.suffix + ".csv",
                Uploads.csv(StandardCharsets.UTF_8, header(changed)));
        assertThat(second.rows()).isEqualTo(new ImportJob.Rows(2, 2, 0, 0, 1, 1, 0));
        assertThat(api.get("/targets/" + a, w.adminToken).json().get("version").asLong()).isEqualTo(1);
        JsonNode tb = api.get("/targets/" + b, w.adminToken).json();
        assertThat(tb.get("version").asLong()).isEqualTo(2);
        assertThat(tb.get("riskClass").asText()).isEqualTo("D");
    }

    /** 350 rows; the function's time "runs out" after every chunk, so each run resumes the last one's checkpoint. */
    @Test
    void anImportStoppedForTimeResumesFromItsCheckpoint() {
        List<List<String>> rows = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            String c = code();
            codes.add(c);
            rows.add(row(c, "续传测试公司" + i, "企业", countyName, "ABCD".substring(i % 4, i % 4 + 1), "", "", "", ""));
        }
        String key = "imports/targets/resume-" + w.suffix + ".csv";
        byte[] bytes = Uploads.csv(StandardCharsets.UTF_8, header(rows));
        PutObjectResponse put = Uploads.put(s3, quietBucket, key, bytes);
        ImportProcessor.Upload upload = new ImportProcessor.Upload(quietBucket, key, put.versionId(),
                put.eTag().replace("\"", ""), bytes.length, "0055AED6DCD90281E5");
        Services s = Stack.services();
        List<String> continued = new ArrayList<>();
        ImportProcessor processor = new ImportProcessor(new JobRunner(s.entities, (f, e) -> continued.add(e),
                s.clock, JobRunner.Rhythm::defaults), s.entities, s.files, s.clock, ImportProcessor.Settings.defaults());
        int runs = 0;
        Optional<ImportJob> done = Optional.empty();
        while (done.isEmpty()) {
            runs++;
            assertThat(runs).isLessThan(10);
            JobRunner.Outcome<ImportJob> outcome = processor.run(upload, new JobRunner.Invocation("run-" + runs,
                    "ImportFunction", () -> "the same event", () -> 1_000)).orElseThrow();
            if (outcome.ending() == JobRunner.Ending.PAUSED) {
                ImportJob job = job(key);
                assertThat(job.status()).isEqualTo("running");
                assertThat(job.checkpointRow()).isEqualTo(1L + runs * 100L);
            } else {
                done = Optional.of(outcome.job());
            }
        }
        assertThat(continued).hasSize(3).containsOnly("the same event");
        assertThat(runs).isEqualTo(4);
        assertThat(done.get().rows()).isEqualTo(new ImportJob.Rows(350, 350, 0, 350, 0, 0, 0));
        assertThat(done.get().attempt()).isEqualTo(4);
        for (String c : List.of(codes.get(0), codes.get(100), codes.get(349))) {
            assertThat(api.get("/targets/" + c, w.adminToken).json().get("version").asLong()).isEqualTo(1);
        }
    }

    /** The function dies mid-write (no checkpoint yet); Lambda's retry finds the rows it wrote and counts them once. */
    @Test
    void anImportThatCrashedMidWriteResumesWithoutLosingOrDoublingRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(row(code(), "崩溃测试公司" + i, "企业", countyName, "B", "", "", "", ""));
        }
        String key = "imports/targets/crash-" + w.suffix + ".csv";
        byte[] bytes = Uploads.csv(StandardCharsets.UTF_8, header(rows));
        PutObjectResponse put = Uploads.put(s3, quietBucket, key, bytes);
        S3Event event = event(quietBucket, key, bytes.length, put.eTag(), put.versionId());

        Services live = Stack.services();
        DynamoDbClient dying = new DyingClient(live.dynamo, 3);
        Services crashing = new Services(dying, live.tables, live.clock, live.files, live.bucket);
        try {
            new ImportHandler(crashing.importProcessor()).handleRequest(event, null);
            throw new AssertionError("the import should have died");
        } catch (IllegalStateException died) {
            assertThat(died).hasMessageContaining("container died");
        }
        assertThat(job(key).status()).isEqualTo("running");
        new ImportHandler(processor(live)).handleRequest(event, null);
        ImportJob job = job(key);
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(120, 120, 0, 120, 0, 0, 0));
        assertThat(job.attempt()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        String next = "";
        do {
            JsonNode page = api.get("/targets?county=cty2-" + w.suffix + "&limit=200" + next, w.adminToken).json();
            page.get("items").forEach(t -> names.add(t.get("name").asText()));
            next = page.hasNonNull("next") ? "&next=" + URLEncoder.encode(page.get("next").asText(),
                    StandardCharsets.UTF_8) : null;
        } while (next != null);
        assertThat(names.stream().filter(n -> n.startsWith("崩溃测试公司"))).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void badFilesFailAsAWholeWithAReasonAndWriteNothing() throws Exception {
        String c = code();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("empty.csv", new byte[0]);
        files.put("header-only.csv", (HEADER + "\r\n").getBytes(Charset.forName("GBK")));
        files.put("unknown-headers.csv", ("统一社会信用代码,名称,类型,所属县区,信用风险等级,经营范围\r\n" + c
                + ",某公司,企业," + countyName + ",B,木材\r\n").getBytes(Charset.forName("GBK")));
        files.put("unbalanced.csv", (HEADER + "\r\n" + c + ",\"未闭合的引号公司,企业," + countyName + ",B,,,,\r\n")
                .getBytes(StandardCharsets.UTF_8));
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        files.put("junk.csv", junk);
        files.put("fake.xlsx", "PK\u0003\u0004 not really a workbook".getBytes(StandardCharsets.ISO_8859_1));
        Map<String, String> codes = Map.of("empty.csv", "empty_file", "header-only.csv", "header_only",
                "unknown-headers.csv", "unknown_headers", "unbalanced.csv", "unbalanced_quotes", "junk.csv", "binary",
                "fake.xlsx", "not_a_workbook");
        Map<String, String> messages = Map.of("empty.csv", "'empty.csv' is empty.",
                "header-only.csv", "'header-only.csv' has a header row but no data rows",
                "unknown-headers.csv", "经营范围",
                "unbalanced.csv", "Row 2 of 'unbalanced.csv' opens a quoted cell (\") that is never closed",
                "junk.csv", "'junk.csv' is not a table: it contains binary data.",
                "fake.xlsx", "'fake.xlsx' is not a readable Excel workbook: it is damaged or in another format.");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ImportJob job = importDirectly("imports/targets/bad-" + w.suffix + "/" + f.getKey(), f.getValue());
            assertThat(job.status()).as(f.getKey()).isEqualTo("failed");
            assertThat(job.error().code()).as(f.getKey() + ": " + job.error().message())
                    .isEqualTo(codes.get(f.getKey()));
            assertThat(job.error().message()).as(f.getKey()).contains(messages.get(f.getKey()));
            assertThat(readReport(job).get(1)).contains(codes.get(f.getKey()));
        }
        assertThat(api.get("/targets/" + c, w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void anItemListImportsByDepartmentAndNameAndKeepsHistory() {
        String newName = "野生植物采集收购出售检查" + w.suffix;
        List<List<String>> rows = List.of(
                row("事项名称", "实施部门", "事项类别", "检查依据", "抽查内容", "检查方式", "检查对象类型"),
                row(newName, w.deptA, "重点检查事项", "《中华人民共和国野生植物保护条例》", "检查采集证和收购出售情况",
                        "实地核查、书面检查", "企业、个体工商户"),
                row("木材经营检查" + w.suffix, "火星科", "一般", "依据", "内容", "实地核查", "企业"),
                row(itemName, w.deptA, "重点", "《中华人民共和国森林法》第五十六条", "检查采伐许可证（2026年修订）",
                        "实地核查", "企业"),
                row("方式错误的事项" + w.suffix, w.deptA, "一般", "依据", "内容", "飞行检查", "企业"));
        ImportJob job = importDirectly("imports/items/事项清单-" + w.suffix + ".xlsx", Uploads.xlsx(rows));
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(4, 2, 2, 1, 1, 0, 0));

        JsonNode existing = api.get("/items/" + itemId, w.adminToken).json();
        assertThat(existing.get("version").asLong()).isEqualTo(2);
        assertThat(existing.get("content").asText()).isEqualTo("检查采伐许可证（2026年修订）");
        JsonNode history = api.get("/items/" + itemId + "/history", w.adminToken).json();
        assertThat(history.get("items")).extracting(h -> h.get("action").asText()).containsExactly("create", "import");
        JsonNode mine = api.get("/items?department=" + w.deptA + "&limit=200", w.adminToken).json();
        JsonNode created = null;
        for (JsonNode i : mine.get("items")) {
            if (i.get("name").asText().equals(newName)) {
                created = i;
            }
        }
        assertThat(created).as(newName + " among " + mine).isNotNull();
        assertThat(created.get("department").asText()).isEqualTo(w.deptA);
        assertThat(created.get("itemId").asText()).matches("ITEM-[0-9A-Z]{10}");
        assertThat(created.get("version").asLong()).isEqualTo(1);
        assertThat(created.get("category").asText()).isEqualTo("key");
        assertThat(created.get("methods")).extracting(JsonNode::asText).containsExactly("on_site", "written");
        assertThat(created.get("targetTypes")).extracting(JsonNode::asText).containsExactly("enterprise", "individual");
        assertThat(api.get("/items/" + created.get("itemId").asText() + "/history", w.adminToken).json()
                .at("/items/0/action").asText()).isEqualTo("import");
    }

    /** Two new items of one name in one file: the second is refused when it is written, and reported with why. */
    @Test
    void aRowTheStoreRefusesWhenWritingGoesToTheReportAndTheRestIsImported() throws Exception {
        String name = "重名事项" + w.suffix;
        String first = "ITEM-DUP-A-" + w.suffix.toUpperCase();
        String second = "ITEM-DUP-B-" + w.suffix.toUpperCase();
        List<List<String>> rows = List.of(
                row("事项编号", "事项名称", "实施部门", "事项类别", "检查依据", "抽查内容", "检查方式", "检查对象类型"),
                row(first, name, w.deptA, "一般", "《森林法》", "检查内容", "实地核查", "企业"),
                row(second, name, w.deptA, "一般", "《森林法》", "检查内容", "实地核查", "企业"));
        ImportJob job = importDirectly("imports/items/重名-" + w.suffix + ".csv", Uploads.csv(StandardCharsets.UTF_8,
                rows));
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.rows()).isEqualTo(new ImportJob.Rows(2, 1, 1, 1, 0, 0, 0));
        assertThat(api.get("/items/" + first, w.adminToken).status()).isEqualTo(200);
        assertThat(api.get("/items/" + second, w.adminToken).status()).isEqualTo(404);
        List<List<String>> report = readReport(job);
        assertThat(report).hasSize(2);
        assertThat(report.get(1).get(0)).isEqualTo(second);
        assertThat(report.get(1).get(8)).isEqualTo("3");
        assertThat(report.get(1).get(9)).isEqualTo("The item '" + first + "' already has the name '" + name
                + "' in department '" + w.deptA + "'");
    }

    /** A workbook that would unpack to 64 MB of XML from a few KB, and a file over the size limit. */
    @Test
    void aZipBombAndAnOversizedFileFailWithoutReadingThem() throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                z.write(spaces);
            }
            z.closeEntry();
        }
        assertThat(zip.size()).isLessThan(200_000);
        ImportJob bomb = importDirectly("imports/targets/bomb-" + w.suffix + ".xlsx", zip.toByteArray());
        assertThat(bomb.status()).isEqualTo("failed");
        assertThat(bomb.error().code()).isEqualTo("workbook_too_large");

        Services s = Stack.services();
        SheetLimits small = new SheetLimits(1_000, 200, 4_000, 1_000_000, 1L << 30, 100);
        ImportProcessor strict = new ImportProcessor(s.jobs, s.entities, s.files, s.clock,
                new ImportProcessor.Settings(small, Path.of(System.getProperty("java.io.tmpdir"))));
        List<List<String>> rows = new ArrayList<>();
        String first = code();
        rows.add(row(first, "超限文件公司", "企业", countyName, "B", "", "", "", ""));
        for (int i = 1; i < 40; i++) {
            rows.add(row(code(), "超限文件公司" + i, "企业", countyName, "B", "", "", "", ""));
        }
        byte[] big = Uploads.csv(StandardCharsets.UTF_8, header(rows));
        String key = "imports/targets/too-large-" + w.suffix + ".csv";
        PutObjectResponse put = Uploads.put(s3, quietBucket, key, big);
        new ImportHandler(strict).handleRequest(event(quietBucket, key, big.length, put.eTag(), null), null);
        ImportJob large = job(key);
        assertThat(large.status()).isEqualTo("failed");
        assertThat(large.error().code()).isEqualTo("too_large");
        assertThat(large.error().message()).contains("Split it into several files");
        assertThat(api.get("/targets/" + first, w.adminToken).status()).isEqualTo(404);
    }

    /** Fails the batch writes after a few, as a container killed mid-import would. */
    static final class DyingClient implements DynamoDbClient {
        private final DynamoDbClient delegate;
        private int writesLeft;

        DyingClient(DynamoDbClient delegate, int writes) {
            this.delegate = delegate;
            this.writesLeft = writes;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            if (writesLeft-- <= 0) {
                throw new IllegalStateException("container died");
            }
            return delegate.batchWriteItem(request);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.GetItemResponse getItem(
                software.amazon.awssdk.services.dynamodb.model.GetItemRequest r) {
            return delegate.getItem(r);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.PutItemResponse putItem(
                software.amazon.awssdk.services.dynamodb.model.PutItemRequest r) {
            return delegate.putItem(r);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.QueryResponse query(
                software.amazon.awssdk.services.dynamodb.model.QueryRequest r) {
            return delegate.query(r);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse batchGetItem(
                software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest r) {
            return delegate.batchGetItem(r);
        }

        @Override
        public software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse transactWriteItems(
                software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest r) {
            return delegate.transactWriteItems(r);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() { }
    }
}
