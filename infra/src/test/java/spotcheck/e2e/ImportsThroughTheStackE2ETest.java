package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.local.gateway.RawHttp;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.validation.CreditCode;

/**
 * What "done" means for imports, through the running stack: a GBK CSV put into the bucket
 * with a standard S3 client (the AWS CLI where installed) and an XLSX uploaded to a presigned
 * URL both start the import function through S3 notifications; the results are read back over
 * HTTP. Plus the templates and the exports.
 */
class ImportsThroughTheStackE2ETest extends WorldTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String countyName;
    static String county;
    static String itemName;
    static String itemId;

    @BeforeAll
    static void setUp() {
        county = "cty3-" + w.suffix;
        countyName = "验收县" + w.suffix;
        w.createOrg(county, countyName, "county", w.bureau, "441624");
        itemName = "木材经营加工抽查" + w.suffix;
        itemId = w.newItem(w.deptA, itemName);
    }

    static String code(int n) {
        String body = "92441624MA" + String.format("%07d", Math.floorMod(w.suffix.hashCode(), 9000) * 1000 + n);
        return body + CreditCode.checkCharacter(body);
    }

    static JsonNode awaitImport(String query) throws InterruptedException {
        assertThat(Stack.get().awaitS3Events(Duration.ofSeconds(60))).isTrue();
        for (int i = 0; i < 100; i++) {
            JsonNode r = api.get(query, w.adminToken).json();
            JsonNode job = r.has("items") ? r.path("items").path(0) : r;
            String status = job.path("status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish: " + api.get(query, w.adminToken).text());
    }

    static List<List<String>> download(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return read(r.body(), "report.csv");
    }

    static List<List<String>> read(byte[] bytes, String name) {
        return Uploads.rows(bytes, name);
    }

    @Test
    void aGbkCsvCopiedIntoTheBucketIsImported() throws Exception {
        List<List<String>> rows = List.of(
                List.of("统一社会信用代码", "企业名称", "类型", "所属县区", "风险分类", "抽查事项", "法定代表人", "住所", "联系电话", "备注"),
                List.of(code(1), "和平县林丰木业有限公司", "企业", countyName, "A", itemName, "陈一", "和平县阳明镇", "0762-5123456", ""),
                List.of(code(2), "和平县绿源苗圃", "个体工商户", countyName, "一般风险", itemName, "黄二", "", "13900139000", ""),
                List.of(code(3), "和平县青山林场", "企业", countyName, "C", "", "", "", "", "老客户"),
                List.of("9244162", "代码太短的公司", "企业", countyName, "B", "", "", "", "", ""),
                List.of(code(4), "电话错误的公司", "企业", countyName, "B", "", "", "", "12", ""),
                List.of(code(1), "和平县林丰木业有限公司", "企业", countyName, "A", itemName, "陈一", "", "", "同一家又填一次"));
        Path file = Files.createTempFile("hp", ".csv");
        Files.write(file, Uploads.csv(Charset.forName("GBK"), rows));
        String key = "imports/targets/和平县 检查对象-" + w.suffix + ".csv";
        if (onPath("aws")) {
            ProcessBuilder cli = new ProcessBuilder("aws", "s3", "cp", file.toString(), "s3://" + Stack.get().bucket()
                    + "/" + key, "--endpoint-url", Stack.get().awsUrl().toString(), "--only-show-errors");
            Map<String, String> env = cli.environment();
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_CONFIG_FILE", file + ".no-config");
            env.put("AWS_SHARED_CREDENTIALS_FILE", file + ".no-credentials");
            env.remove("AWS_PROFILE");
            cli.redirectErrorStream(true);
            Process p = cli.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
        } else {
            Uploads.put(Uploads.s3(), Stack.get().bucket(), key, Files.readAllBytes(file));
        }
        JsonNode job = awaitImport("/imports?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("source").asText()).isEqualTo("s3");
        assertThat(job.at("/rows/total").asLong()).isEqualTo(6);
        assertThat(job.at("/rows/imported").asLong()).isEqualTo(3);
        assertThat(job.at("/rows/rejected").asLong()).isEqualTo(3);
        assertThat(job.at("/rows/duplicates").asLong()).isEqualTo(1);

        JsonNode t = api.get("/targets/" + code(2), w.adminToken).json();
        assertThat(t.get("name").asText()).isEqualTo("和平县绿源苗圃");
        assertThat(t.get("type").asText()).isEqualTo("individual");
        assertThat(t.get("riskClass").asText()).isEqualTo("B");
        assertThat(t.get("contactPhone").asText()).isEqualTo("13900139000");
        assertThat(api.get("/targets/" + code(2), w.auditor).json().get("contactPhone").asText())
                .isEqualTo("139****9000");
        assertThat(api.get("/targets/" + code(4), w.adminToken).status()).isEqualTo(404);

        List<List<String>> report = download(job.get("reportUrl").asText());
        assertThat(report.get(0)).containsExactly("统一社会信用代码", "企业名称", "类型", "所属县区", "风险分类", "抽查事项",
                "法定代表人", "住所", "联系电话", "备注", "行号", "错误原因");
        assertThat(report.stream().skip(1).map(r -> r.get(10))).containsExactly("5", "6", "7");
        assertThat(report.get(1).get(11)).contains("18 characters");
        assertThat(report.get(2).get(11)).contains("'12' is not a phone number");
        assertThat(report.get(3).get(11)).contains("与第 2 行重复");
    }

    @Test
    void anXlsxOfInspectorsUploadedToItsPresignedUrlIsImported() throws Exception {
        Api.Reply started = api.post("/imports", w.operatorA, Api.json(Map.of("kind", "inspectors",
                "fileName", "执法人员名录.xlsx")));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String importId = started.json().get("importId").asText();
        assertThat(started.json().get("key").asText()).isEqualTo("imports/inspectors/" + importId + "/执法人员名录.xlsx");
        assertThat(api.get("/imports/" + importId, w.operatorA).json().get("status").asText()).isEqualTo("pending");

        String cert1 = "4416" + w.suffix.toUpperCase().replaceAll("[^A-Z0-9]", "") + "01";
        String cert2 = "4416" + w.suffix.toUpperCase().replaceAll("[^A-Z0-9]", "") + "02";
        byte[] xlsx = Uploads.xlsx(List.of(
                List.of("姓名", "单位/科室", "执法证号", "有效期至", "可检查事项", "业务专长", "状态"),
                List.of("李明", w.deptA, cert1, "2028-12-31", itemName, "森林资源、木材加工", "在岗"),
                List.of("王芳", w.deptA, cert2, "2027/6/30", itemName, "", "停用"),
                List.of("赵强", w.deptB, "44169999", "2028-12-31", "", "", ""),
                List.of("钱伟", w.deptA, "", "2028-12-31", "", "", "")));
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(started.json().get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(xlsx)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        JsonNode job = awaitImport("/imports/" + importId);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("source").asText()).isEqualTo("api");
        assertThat(job.at("/rows/total").asLong()).isEqualTo(4);
        assertThat(job.at("/rows/imported").asLong()).isEqualTo(2);
        assertThat(job.at("/rows/rejected").asLong()).isEqualTo(2);

        JsonNode li = api.get("/inspectors/INS-" + cert1, w.inspector).json();
        assertThat(li.get("name").asText()).isEqualTo("李明");
        assertThat(li.get("org").asText()).isEqualTo(w.deptA);
        assertThat(li.get("qualifiedItems")).extracting(JsonNode::asText).containsExactly(itemId);
        assertThat(li.get("expertise")).extracting(JsonNode::asText).containsExactly("森林资源", "木材加工");
        JsonNode wang = api.get("/inspectors/INS-" + cert2, w.inspector).json();
        assertThat(wang.get("status").asText()).isEqualTo("inactive");
        assertThat(wang.get("certificateValidUntil").asText()).isEqualTo("2027-06-30");

        List<List<String>> report = download(job.get("reportUrl").asText());
        assertThat(report).hasSize(3);
        assertThat(report.get(1).get(7)).isEqualTo("4");
        assertThat(report.get(1).get(8)).contains("may not act for organisation '" + w.deptB + "'");
        assertThat(report.get(2).get(8)).contains("certificateNo is required");
        // another department's operator does not see this import
        assertThat(api.get("/imports/" + importId, w.operatorB).status()).isEqualTo(404);
    }

    @Test
    void templatesListTheColumnsInChinese() throws Exception {
        Api.Reply csv = api.get("/imports/templates/targets?format=csv", w.countyStaff);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.header("content-disposition")).contains("filename*=UTF-8''");
        assertThat(csv.text()).startsWith("\uFEFF统一社会信用代码,名称,类型,所属县区,信用风险等级,抽查事项");
        HttpResponse<byte[]> xlsx = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.get().apiUrl()
                        + "/imports/templates/inspectors?format=xlsx")).header("Authorization", "Bearer " + w.adminToken)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<String> header = new ArrayList<>();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(xlsx.body()))) {
            wb.getFirstSheet().openStream().findFirst().orElseThrow().stream()
                    .forEach(c -> header.add(c.getRawValue()));
        }
        assertThat(header).containsExactly("姓名", "单位/科室", "执法证号", "有效期至",
                "可检查事项", "业务专长", "状态", "回避对象",
                "账号");
        assertThat(api.get("/imports/templates/plans", w.adminToken).status()).isEqualTo(404);
    }

    @Test
    void exportsGuardAgainstFormulasAndMaskForAuditors() throws Exception {
        String c = code(50);
        Api.Reply created = api.post("/targets", w.adminToken, Api.json(Map.of("creditCode", c,
                "name", "=HYPERLINK(\"http://example.invalid\",\"点我\")", "type", "enterprise", "county", county,
                "riskClass", "B", "contactPhone", "13800138000", "address", "和平县阳明镇和平路1号")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.get().apiUrl()
                        + "/targets/export?format=xlsx&county=" + county)).header("Authorization", "Bearer " + w.auditor)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        List<List<String>> rows = read(r.body(), "e.xlsx");
        List<String> row = rows.stream().filter(x -> x.get(0).equals(c)).findFirst().orElseThrow();
        assertThat(row.get(1)).startsWith("'=HYPERLINK");
        assertThat(row.get(8)).isEqualTo("138****8000");
        assertThat(row.get(7)).isEqualTo("和平县阳明****");
        Api.Reply csv = api.get("/targets/export?format=csv&county=" + county, w.adminToken);
        assertThat(csv.text()).contains("13800138000").contains("'=HYPERLINK");
        assertThat(api.get("/targets/export", w.inspector).status()).isEqualTo(403);
    }

    /** Starts an import through the API as {@code token} and PUTs the file to its presigned URL. */
    static String upload(String token, String kind, String fileName, byte[] bytes) throws Exception {
        Api.Reply started = api.post("/imports", token, Api.json(Map.of("kind", kind, "fileName", fileName)));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        put(started.json().get("uploadUrl").asText(), bytes);
        return started.json().get("importId").asText();
    }

    static void put(String url, byte[] bytes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static byte[] targetsCsv(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("统一社会信用代码", "名称", "类型", "所属县区", "信用风险等级"));
        all.addAll(rows);
        return Uploads.csv(StandardCharsets.UTF_8, all);
    }

    @Test
    void aCountyCannotTakeOverAnotherCountysTargetByImportingIt() throws Exception {
        String theirs = w.newTarget(w.county2);
        String fresh = code(60);
        String id = upload(w.countyStaff, "targets", "接管.csv", targetsCsv(List.of(
                List.of(theirs, "改名后的企业", "企业", w.county, "D"),
                List.of(fresh, "本县新企业", "企业", w.county, "B"))));
        JsonNode job = awaitImport("/imports/" + id);
        assertThat(job.at("/rows/imported").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.at("/rows/rejected").asLong()).isEqualTo(1);
        JsonNode target = api.get("/targets/" + theirs, w.county2Staff).json();
        assertThat(target.get("county").asText()).isEqualTo(w.county2);
        assertThat(target.get("riskClass").asText()).isEqualTo("B");
        List<List<String>> report = download(api.get("/imports/" + id, w.countyStaff).json().get("reportUrl").asText());
        assertThat(report.get(1).get(6)).isEqualTo("already in the roster under an organisation your account may not change");
    }

    @Test
    void aReimportKeepsWhatItsFileDoesNotSay() throws Exception {
        String c = code(61);
        Api.Reply created = api.post("/targets", w.adminToken, Api.json(Map.of("creditCode", c, "name", "注销企业",
                "type", "enterprise", "county", county, "riskClass", "B", "contactPhone", "13700137000",
                "address", "和平县彭寨镇", "legalRep", "孙七")));
        assertThat(created.status()).isEqualTo(201);
        Api.Reply gone = api.post("/targets/" + c + "/deactivate", w.adminToken,
                "{\"version\":1,\"reason\":\"已注销登记\"}");
        assertThat(gone.status()).isEqualTo(200);
        String id = upload(w.adminToken, "targets", "风险等级更新.csv", targetsCsv(List.of(
                List.of(c, "注销企业", "企业", countyName, "C"))));
        JsonNode job = awaitImport("/imports/" + id);
        assertThat(job.at("/rows/updated").asLong()).as(job.toString()).isEqualTo(1);
        JsonNode t = api.get("/targets/" + c, w.adminToken).json();
        assertThat(t.get("riskClass").asText()).isEqualTo("C");
        assertThat(t.get("status").asText()).isEqualTo("deregistered");
        assertThat(t.get("statusReason").asText()).isEqualTo("已注销登记");
        assertThat(t.get("contactPhone").asText()).isEqualTo("13700137000");
        assertThat(t.get("address").asText()).isEqualTo("和平县彭寨镇");
        assertThat(t.get("legalRep").asText()).isEqualTo("孙七");
        assertThat(t.get("version").asLong()).isEqualTo(3);
        JsonNode trail = api.get("/audit?entity=target/" + c, w.auditor).json();
        assertThat(trail.get("items")).extracting(a -> a.get("action").asText())
                .containsExactly("create", "deactivate", "import");
        assertThat(trail.at("/items/2/changedFields")).extracting(JsonNode::asText).contains("riskClass");
    }

    /**
     * curl sends {@code /imports?key=imports/targets/检查对象.csv} with the key's UTF-8 bytes raw;
     * API Gateway takes that as it takes the percent-encoded form, and so does the local stack.
     */
    @Test
    void anImportIsFoundByARawUtf8KeyAsByItsEncodedForm() throws Exception {
        String key = "imports/targets/检查对象-" + w.suffix + ".csv";
        Uploads.put(Uploads.s3(), Stack.get().bucket(), key,
                targetsCsv(List.of(List.of(code(70), "原样键名企业", "企业", countyName, "B"))));
        String encodedQuery = "/imports?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        assertThat(awaitImport(encodedQuery).get("status").asText()).isEqualTo("succeeded");
        int port = Stack.get().apiUrl().getPort();
        String auth = "Authorization: Bearer " + w.adminToken;

        Api.Reply encoded = api.get(encodedQuery, w.adminToken);
        RawHttp.Reply raw = RawHttp.get(port, "/imports?key=" + key, auth);
        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.json().get("items")).hasSize(1);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.header("content-type")).isEqualTo(encoded.header("content-type"));
        assertThat(raw.body()).isEqualTo(encoded.text());

        String unknown = "imports/targets/没有这个文件-" + w.suffix + ".csv";
        Api.Reply none = api.get("/imports?key=" + URLEncoder.encode(unknown, StandardCharsets.UTF_8), w.adminToken);
        RawHttp.Reply rawNone = RawHttp.get(port, "/imports?key=" + unknown, auth);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("items")).isEmpty();
        assertThat(rawNone.status()).as(rawNone.body()).isEqualTo(200);
        assertThat(rawNone.body()).isEqualTo(none.text());
    }

    @Test
    void aSecondFilePutToTheSameUploadUrlIsAnImportOfItsOwn() throws Exception {
        Api.Reply started = api.post("/imports", w.adminToken, Api.json(Map.of("kind", "targets",
                "fileName", "两次上传.csv")));
        String url = started.json().get("uploadUrl").asText();
        String key = started.json().get("key").asText();
        put(url, targetsCsv(List.of(List.of(code(62), "第一版文件企业", "企业", countyName, "B"))));
        awaitImport("/imports/" + started.json().get("importId").asText());
        put(url, targetsCsv(List.of(List.of(code(63), "第二版文件企业", "企业", countyName, "A"),
                List.of(code(64), "第二版文件企业二", "企业", countyName, "A"))));
        assertThat(Stack.get().awaitS3Events(Duration.ofSeconds(60))).isTrue();
        JsonNode jobs = api.get("/imports?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), w.adminToken)
                .json().get("items");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.findValuesAsText("status")).containsOnly("succeeded");
        assertThat(jobs.get(0).at("/rows/created").asLong()).isEqualTo(2);
        assertThat(jobs.get(1).at("/rows/created").asLong()).isEqualTo(1);
        assertThat(jobs.get(1).get("importId").asText()).isEqualTo(started.json().get("importId").asText());
        assertThat(api.get("/targets/" + code(63), w.adminToken).status()).isEqualTo(200);
    }

    @Test
    void theErrorReportIsOnlyForThoseWhoMaySeeItsRows() throws Exception {
        String id = upload(w.operatorA, "targets", "含错误行.csv", targetsCsv(List.of(
                List.of(code(65), "正确的企业", "企业", countyName, "B"),
                List.of(code(66), "", "企业", countyName, "B"))));
        JsonNode job = awaitImport("/imports/" + id);
        assertThat(job.get("reportUrl").isTextual()).isTrue();
        assertThat(api.get("/imports/" + id, w.operatorA).json().get("reportUrl").isTextual()).isTrue();
        assertThat(api.get("/imports/" + id, w.inspector).json().has("reportUrl")
                && !api.get("/imports/" + id, w.inspector).json().get("reportUrl").isNull()).isFalse();
        JsonNode audited = api.get("/imports/" + id, w.auditor).json();
        assertThat(audited.get("status").asText()).isEqualTo("succeeded");
        assertThat(audited.get("reportUrl") == null || audited.get("reportUrl").isNull()).isTrue();
    }

    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
