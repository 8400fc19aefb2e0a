package spotcheck.e2e;

import spotcheck.local.LocalStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;

/**
 * {@code --demo} loads the Heyuan bureau, its item list and both rosters through the API (the
 * targets through an upload to the bucket), and loading again on a restart changes nothing.
 */
class DemoDataTest {
    static final String TARGETS_KEY = "imports/targets/demo-targets.csv";

    @Test
    void theDemoLoadsOrgsItemsAndRostersAndARestartChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("spotcheck-demo");
        Map<String, Long> versions;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir).reset(true)
                .demo(true))) {
            assertDemo(stack);
            assertEveryTargetsTrailStartsWithItsImport(stack);
            versions = versions(stack);
        }
        // a second start on the same data loads the demo again: everything is already there
        try (LocalStack stack = LocalStack.start(new LocalStack.Options().apiPort(0).dataDir(dir).demo(true))) {
            assertDemo(stack);
            assertThat(versions(stack)).isEqualTo(versions);
        }
    }

    /** The demo's targets were created by one import of the file put into the bucket: each trail shows it. */
    private static void assertEveryTargetsTrailStartsWithItsImport(LocalStack stack) {
        Api api = new Api(stack.apiUrl().toString().replaceAll("/$", ""));
        String auditor = stack.token("demo-auditor", "审计", "hy-forestry", "auditor");
        List<JsonNode> targets = all(api, "/targets", stack.token("demo-admin", "管理员", "hy-forestry", "admin"));
        assertThat(targets).hasSize(300);
        String importId = targets.get(0).get("importId").asText();
        assertThat(importId).startsWith("IMP-");
        for (JsonNode t : targets) {
            String id = t.get("targetId").asText();
            JsonNode trail = api.get("/audit?entity=target/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                    auditor).json().get("items");
            assertThat(trail).as(id).hasSize(1);
            assertThat(trail.get(0).get("action").asText()).isEqualTo("import");
            assertThat(trail.get(0).get("version").asLong()).isEqualTo(1);
            assertThat(trail.get(0).get("importId").asText()).isEqualTo(importId);
            assertThat(trail.get(0).get("actor").asText()).isEqualTo("s3-upload");
            assertThat(trail.get(0).get("afterDigest").asText()).matches("[0-9a-f]{64}");
        }
    }

    private static void assertDemo(LocalStack stack) {
        Api api = new Api(stack.apiUrl().toString().replaceAll("/$", ""));
        String token = stack.token("demo-reader", "读者", "hy-forestry", "auditor");
        String admin = stack.token("demo-admin", "管理员", "hy-forestry", "admin");
        JsonNode orgs = api.get("/orgs?limit=200", token).json().get("items");
        assertThat(orgs).extracting(o -> o.get("orgId").asText())
                .contains("hy-forestry", "hy-forestry-resources", "dongyuan", "lianping", "hy-police");
        assertThat(orgs).filteredOn(o -> o.get("kind").asText().equals("county")).hasSize(6);
        assertThat(orgs).filteredOn(o -> o.get("kind").asText().equals("department")).hasSize(5);

        JsonNode items = api.get("/items?limit=200", token).json().get("items");
        assertThat(items).hasSize(14);
        assertThat(api.get("/items?department=hy-police", token).json().get("items"))
                .extracting(i -> i.get("name").asText()).containsExactly("爆破作业单位抽查");
        JsonNode retired = api.get("/items/HYLY-013", token).json();
        assertThat(retired.get("status").asText()).isEqualTo("retired");
        assertThat(api.get("/items/HYLY-013/history", token).json().get("items")).hasSize(2);

        assertInspectors(api, token);
        assertTargets(api, token, admin);
        assertPlansDrawn(api, token);
        assertStats(api, token);
    }

    /** The demo's plans are the stack clock's year's (the system clock's here). */
    static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();

    /**
     * The year's three plans, each drawn once with the witness, to the stratum: a stratified plan of the
     * resources department over HYLY-001 and HYLY-003 (123 candidates: A 21, B 79, C 18, D 5), a joint plan with
     * the police over HYLY-008 and HYGA-001 (18 candidates, 30%), every task of which has a police officer and a
     * forestry officer, and a targeted plan over two counties' wildlife businesses of classes B to D (10, 30%).
     * Each draw verifies.
     */
    private static void assertPlansDrawn(Api api, String token) {
        Map<String, JsonNode> plans = all(api, "/plans?year=" + YEAR, token).stream()
                .collect(Collectors.toMap(p -> p.get("name").asText(), p -> p));
        assertThat(plans).containsOnlyKeys(YEAR + "年度林木采伐和木材经营加工双随机抽查",
                YEAR + "年度自然保护地内爆破作业部门联合抽查", YEAR + "年度东源县和平县野生动植物经营利用定向抽查");
        Map<String, String> orgOf = all(api, "/inspectors", token).stream().collect(Collectors.toMap(
                i -> i.get("inspectorId").asText(), i -> i.get("org").asText()));
        Map<String, String> strata = new TreeMap<>();
        Map<String, Integer> unassigned = new TreeMap<>();
        for (JsonNode plan : plans.values()) {
            assertThat(plan.get("status").asText()).isEqualTo("drawn");
            String planId = plan.get("planId").asText();
            String drawId = "DRW-" + planId.substring("PLAN-".length()) + "-1";
            JsonNode record = api.get("/public/draws/" + drawId, token).json();
            assertThat(record.get("witness").asText()).isEqualTo("河源市林业局 " + YEAR + " 年度双随机抽查 公证: 演示");
            assertThat(api.get("/draws/" + planId.replace("PLAN-", "DRW-") + "-2", token).status()).isEqualTo(404);
            StringBuilder line = new StringBuilder();
            record.get("strata").forEach(st -> line.append(st.get("stratum").asText()).append(' ')
                    .append(st.get("candidates").asInt()).append('→').append(st.get("drawn").asInt()).append(' '));
            strata.put(plan.get("name").asText().substring(6), line.toString().trim());
            int without = 0;
            for (JsonNode t : record.get("targets")) {
                without += t.hasNonNull("unassigned") ? 1 : 0;
            }
            unassigned.put(plan.get("name").asText().substring(6), without);
            JsonNode verify = api.get("/public/draws/" + drawId + "/verify", token).json();
            assertThat(verify.get("verified").asBoolean()).as(verify.toString()).isTrue();
            List<JsonNode> tasks = all(api, "/tasks?planId=" + planId, token);
            assertThat(tasks).hasSize(record.get("targets").size());
            if (plan.get("joint").asBoolean()) {
                assertThat(plan.get("departments")).extracting(JsonNode::asText)
                        .containsExactly("hy-forestry-protection", "hy-police");
                assertThat(tasks).allSatisfy(t -> {
                    assertThat(t.get("status").asText()).isEqualTo("assigned");
                    List<String> orgs = new ArrayList<>();
                    t.get("inspectors").forEach(x -> orgs.add(orgOf.get(x.asText())));
                    assertThat(orgs).as(t.toString()).hasSize(2)
                            .containsExactlyInAnyOrder("hy-police", "hy-forestry-protection");
                    assertThat(t.get("items")).extracting(JsonNode::asText).containsExactly("HYLY-008", "HYGA-001");
                });
            }
        }
        assertThat(strata).isEqualTo(Map.of(
                "林木采伐和木材经营加工双随机抽查", "A 21→1 B 79→3 C 18→1 D 5→1",
                "自然保护地内爆破作业部门联合抽查", "ALL 18→6",
                "东源县和平县野生动植物经营利用定向抽查", "ALL 10→3"));
        assertThat(unassigned.get("自然保护地内爆破作业部门联合抽查")).isZero();
    }

    /** The year's coverage: 15 of the 300 targets drawn (the three plans' targets are disjoint), 5%, over 3%. */
    private static void assertStats(Api api, String token) {
        Api.Reply r = api.get("/stats?year=" + YEAR, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("overall").toString()).isEqualTo(
                "{\"inScope\":300,\"drawn\":15,\"required\":9,\"ratio\":\"0.0500\",\"meetsFloor\":true}");
        assertThat(s.at("/tasks/total").asLong()).isEqualTo(15);
        assertThat(s.at("/tasks/assigned").asLong() + s.at("/tasks/unassigned").asLong()).isEqualTo(15);
        assertThat(s.at("/problemDriven/tasks").asLong()).isZero();
        long byCounty = 0;
        for (JsonNode c : s.get("byCounty")) {
            byCounty += c.get("drawn").asLong();
        }
        assertThat(byCounty).isEqualTo(15);
        assertThat(s.get("byCounty")).hasSize(6);
        Map<String, Long> departments = new TreeMap<>();
        s.get("byDepartment").forEach(d -> departments.put(d.get("department").asText(), d.get("drawn").asLong()));
        assertThat(departments.get("hy-forestry-resources")).isEqualTo(6);
        // the joint plan's six count for the protection department or the police, the targeted plan's three for
        // the protection department
        assertThat(departments.get("hy-forestry-protection") + departments.get("hy-police")).isEqualTo(9);
        assertThat(departments.get("hy-forestry-protection")).isGreaterThanOrEqualTo(3);
        assertThat(s.at("/byDepartment/0/inScope").isNumber()).isTrue();
        System.out.println("demo GET /stats?year=" + YEAR + " read: " + s.get("read"));
    }

    private static void assertInspectors(Api api, String token) {
        List<JsonNode> inspectors = all(api, "/inspectors", token);
        assertThat(count(inspectors, i -> i.get("org").asText())).isEqualTo(Map.ofEntries(
                Map.entry("hy-forestry-resources", 8L), Map.entry("hy-forestry-restoration", 5L),
                Map.entry("hy-forestry-protection", 7L), Map.entry("hy-forestry-pest", 6L),
                Map.entry("hy-forestry-legal", 4L), Map.entry("yuancheng", 3L), Map.entry("dongyuan", 5L),
                Map.entry("heping", 4L), Map.entry("longchuan", 5L), Map.entry("zijin", 4L),
                Map.entry("lianping", 4L), Map.entry("hy-police", 4L)));
        assertThat(inspectors).allSatisfy(i -> {
            assertThat(i.get("certificateNo").asText()).matches("44160020\\d{3}");
            assertThat(i.get("qualifiedItems")).isNotEmpty();
        });
        // expired in 2025 and not renewed
        assertThat(inspectors).filteredOn(i -> i.get("certificateValidUntil").asText().compareTo("2026-01-01") < 0)
                .hasSize(3).allSatisfy(i -> assertThat(LocalDate.parse(i.get("certificateValidUntil").asText()))
                        .isBefore(LocalDate.now()));
        List<JsonNode> inactive = all(api, "/inspectors?status=inactive", token);
        assertThat(inactive).hasSize(3).allSatisfy(i ->
                assertThat(i.get("statusReason").asText()).matches("^(调离|退休).*"));
        List<JsonNode> withConflicts = inspectors.stream().filter(i -> !i.get("conflicts").isEmpty()).toList();
        assertThat(withConflicts).hasSize(4);
        // a conflict names a demo target by its credit code
        withConflicts.forEach(i -> i.get("conflicts").forEach(c ->
                assertThat(api.get("/targets/" + c.asText(), token).status()).isEqualTo(200)));
    }

    private static void assertTargets(Api api, String token, String admin) {
        List<JsonNode> targets = all(api, "/targets", admin);
        assertThat(targets).hasSize(300);
        assertThat(count(targets, t -> t.get("county").asText())).isEqualTo(Map.of("yuancheng", 35L,
                "dongyuan", 65L, "heping", 45L, "longchuan", 60L, "zijin", 55L, "lianping", 40L));
        assertThat(count(targets, t -> t.get("riskClass").asText())).isEqualTo(Map.of("A", 60L, "B", 180L,
                "C", 45L, "D", 15L));
        assertThat(count(targets, t -> t.get("type").asText())).isEqualTo(Map.of("enterprise", 150L,
                "individual", 90L, "other", 10L, "product", 20L, "project", 22L, "behavior", 8L));
        // every credit code is valid but the two early ones kept for review
        List<JsonNode> coded = targets.stream().filter(t -> t.hasNonNull("creditCode")).toList();
        assertThat(coded).hasSize(250).allSatisfy(t -> {
            boolean flagged = t.get("reviewFlags").toString().contains("credit_code_checksum");
            assertThat(CreditCode.check(t.get("creditCode").asText()).verdict()).as(t.toString())
                    .isEqualTo(flagged ? CreditCode.Verdict.CHECKSUM_MISMATCH : CreditCode.Verdict.VALID);
            assertThat(t.get("targetId").asText()).isEqualTo(t.get("creditCode").asText());
        });
        assertThat(all(api, "/targets?flag=credit_code_checksum", token)).hasSize(2);
        List<JsonNode> withId = targets.stream().filter(t -> t.hasNonNull("idNumber")).toList();
        assertThat(withId).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("type").asText()).isEqualTo("individual");
            assertThat(IdNumber.problem(t.get("idNumber").asText(), LocalDate.now())).isEmpty();
        });
        assertThat(targets).filteredOn(t -> t.hasNonNull("contactPhone")).isNotEmpty();
        assertThat(targets).filteredOn(t -> t.hasNonNull("address")).isNotEmpty();
        // private fields stay masked for an auditor
        JsonNode masked = api.get("/targets/" + withId.get(0).get("targetId").asText(), token).json();
        assertThat(masked.get("idNumber").asText()).isNotEqualTo(withId.get(0).get("idNumber").asText());

        // one import from the bucket, however many starts
        JsonNode imports = api.get("/imports?key=" + URLEncoder.encode(TARGETS_KEY, StandardCharsets.UTF_8), admin)
                .json().get("items");
        assertThat(imports).hasSize(1);
        JsonNode job = imports.get(0);
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("source").asText()).isEqualTo("s3");
        assertThat(job.at("/rows/total").asLong()).isEqualTo(300);
        assertThat(job.at("/rows/imported").asLong()).isEqualTo(300);
        assertThat(job.at("/rows/rejected").asLong()).isZero();
    }

    /** Every entity's version, by kind and id: a load that changes nothing leaves it as it was. */
    private static Map<String, Long> versions(LocalStack stack) {
        Api api = new Api(stack.apiUrl().toString().replaceAll("/$", ""));
        String admin = stack.token("demo-admin", "管理员", "hy-forestry", "admin");
        Map<String, Long> versions = new TreeMap<>();
        Map.of("/orgs", "orgId", "/items", "itemId", "/inspectors", "inspectorId", "/targets", "targetId")
                .forEach((path, id) -> all(api, path, admin).forEach(e ->
                        versions.put(path + "/" + e.get(id).asText(), e.get("version").asLong())));
        all(api, "/plans?year=" + YEAR, admin).forEach(p -> versions.put("/plans/" + p.get("planId").asText(),
                p.get("version").asLong()));
        assertThat(versions).hasSize(13 + 14 + 59 + 300 + 3);
        return versions;
    }

    /** Every page of a list. */
    static List<JsonNode> all(Api api, String path, String token) {
        List<JsonNode> all = new ArrayList<>();
        String next = null;
        do {
            String page = path + (path.contains("?") ? "&" : "?") + "limit=200"
                    + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            Api.Reply r = api.get(page, token);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            r.json().get("items").forEach(all::add);
            next = r.json().path("next").isTextual() ? r.json().get("next").asText() : null;
        } while (next != null);
        return all;
    }

    static Map<String, Long> count(List<JsonNode> entities, Function<JsonNode, String> key) {
        return entities.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
