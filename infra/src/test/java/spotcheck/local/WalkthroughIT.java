package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.local.gateway.LocalInvoker;
import spotcheck.local.template.TemplateModelTest;

/**
 * The README's walkthrough, as a user does it: the stack from its jar with {@code --demo}; a stratified plan and a
 * joint plan with the police created, approved and drawn with a witness; both published documents downloaded and
 * checked with the standalone verifier's jar, from the files and by URL; a tampered copy refused with the target
 * and inspector named; a second draw refused (409). Runs after {@code package} (an *IT test), as the jars are
 * needed.
 */
class WalkthroughIT {
    private static final Path STACK_JAR = Path.of("target", "spotcheck-local.jar");
    private static final Path VERIFY_JAR = Path.of("target", "spotcheck-verify.jar");
    /** An inspector id nobody holds, put in place of a drawn one. */
    private static final String TAMPERED = "INS-44160020999";

    /** What a run of the verifier printed and its exit status. */
    record Run(int status, String out, String err) { }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void drawBothKindsOfPlanAndVerifyThemWithTheJar(@TempDir Path dir) throws Exception {
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        String witness = "河源市林业局 " + year + " 年度双随机抽查 公证: 演示";
        long started = System.nanoTime();
        try (StackProcess stack = StackProcess.start(StackProcess.fromJar(STACK_JAR), false, dir.resolve("stack.log"),
                "--demo", "--api-port", "0", "--data-dir", dir.resolve("data").toString(), "--reset",
                "--template", TemplateModelTest.REAL_TEMPLATE.toString())) {
            URI api = stack.api();
            LocalInvoker anonymous = new LocalInvoker(api, null);
            String token = anonymous.post("/local/token", Map.of("sub", "admin-1", "name", "管理员", "org",
                    "hy-forestry", "roles", List.of("admin"))).json().get("token").asText();
            LocalInvoker admin = new LocalInvoker(api, token);

            Map<String, Object> stratified = plan(year, year + "年度木材经营加工双随机抽查（走查）", "hy-forestry-resources",
                    List.of(), List.of("HYLY-001", "HYLY-003"), Map.of("A", "0.02", "B", "0.03", "C", "0.05",
                            "D", "0.10"), "-08-01", "-10-31");
            Map<String, Object> joint = plan(year, year + "年度爆破作业部门联合抽查（走查）", "hy-forestry-protection",
                    List.of("hy-police"), List.of("HYLY-008", "HYGA-001"), Map.of("ALL", "0.3"), "-07-01", "-07-31");
            // the demo's 59 inspectors: one page
            Map<String, String> inspectorOrgs = new TreeMap<>();
            admin.get("/inspectors?limit=200").json().get("items").forEach(i ->
                    inspectorOrgs.put(i.get("inspectorId").asText(), i.get("org").asText()));

            for (Map<String, Object> body : List.of(stratified, joint)) {
                LocalInvoker.Response created = admin.post("/plans", body);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String planId = created.json().get("planId").asText();
                LocalInvoker.Response approved = admin.post("/plans/" + planId + "/approve", Map.of("version", 1));
                assertThat(approved.status()).as(approved.body()).isEqualTo(200);
                LocalInvoker.Response drawn = admin.post("/plans/" + planId + "/draw", Map.of("witness", witness));
                assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
                String drawId = drawn.json().at("/draw/drawId").asText();
                int targets = drawn.json().at("/draw/targets").asInt();
                // stratified: A 21→1, B 79→3, C 18→1, D 5→1; joint: 30% of 18
                assertThat(targets).isEqualTo(6);
                assertThat(drawn.json().at("/draw/unassigned").asInt()).isZero();

                // the two public documents, downloaded without a token
                LocalInvoker.Response record = anonymous.get("/public/draws/" + drawId);
                LocalInvoker.Response candidates = anonymous.get("/public/draws/" + drawId + "/candidates");
                assertThat(record.status()).isEqualTo(200);
                assertThat(candidates.status()).isEqualTo(200);
                Path recordFile = dir.resolve(drawId + ".json");
                Path candidatesFile = dir.resolve(drawId + "-candidates.json");
                Files.writeString(recordFile, record.body(), StandardCharsets.UTF_8);
                Files.writeString(candidatesFile, candidates.body(), StandardCharsets.UTF_8);
                assertThat(record.json().get("witness").asText()).isEqualTo(witness);

                String verified = "verified: " + targets + " targets, " + 2 * targets
                        + " inspector assignments reproduced\n";
                Run fromFiles = verify(dir, recordFile.toString(), candidatesFile.toString());
                assertThat(fromFiles).isEqualTo(new Run(0, verified, ""));
                Run byUrl = verify(dir, "--url", api.resolve("/public/draws/" + drawId).toString());
                assertThat(byUrl).isEqualTo(new Run(0, verified, ""));

                if (body == joint) {
                    // every target has an officer of each department
                    record.json().get("targets").forEach(t -> {
                        List<String> orgs = new ArrayList<>();
                        t.get("inspectors").forEach(x -> orgs.add(inspectorOrgs.get(x.asText())));
                        assertThat(orgs).as(t.toString()).containsExactlyInAnyOrder("hy-forestry-protection",
                                "hy-police");
                    });
                }

                // one inspector changed in a copy, as the README does it with sed: the verifier names the target
                // and both inspectors, and exits 1
                JsonNode first = record.json().get("targets").get(0);
                String targetId = first.get("id").asText();
                String replaced = first.get("inspectors").get(0).asText();
                String tampered = record.body().replaceFirst("\"inspectors\":\\[\"INS-[0-9]*\"",
                        "\"inspectors\":[\"" + TAMPERED + "\"");
                assertThat(tampered).isNotEqualTo(record.body());
                Path tamperedFile = dir.resolve(drawId + "-tampered.json");
                Files.writeString(tamperedFile, tampered, StandardCharsets.UTF_8);
                Run refused = verify(dir, tamperedFile.toString(), candidatesFile.toString());
                assertThat(refused.status()).isEqualTo(1);
                assertThat(refused.out()).startsWith("target " + targetId + ": inspectors expected [" + replaced + ", ")
                        .contains("found [" + TAMPERED + ", ")
                        .endsWith("not verified: 1 difference\n");

                // a plan is drawn once
                LocalInvoker.Response again = admin.post("/plans/" + planId + "/draw", Map.of("witness", witness));
                assertThat(again.status()).as(again.body()).isEqualTo(409);
                assertThat(again.json().at("/error/code").asText()).isEqualTo("conflict");
            }
            stack.terminate();
            assertThat(stack.awaitExit(Duration.ofSeconds(30))).isNotNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(3));
    }

    private static Map<String, Object> plan(int year, String name, String lead, List<String> cooperating,
                                            List<String> items, Map<String, String> quota, String start,
                                            String end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", year);
        body.put("name", name);
        body.put("type", "random");
        body.put("leadDepartment", lead);
        if (!cooperating.isEmpty()) {
            body.put("departments", cooperating);
        }
        body.put("items", items);
        body.put("quota", quota);
        body.put("inspectorsPerTarget", 2);
        body.put("startDate", year + start);
        body.put("endDate", year + end);
        // the demo has drawn these items this year already: draw from all of their targets again
        body.put("excludeDrawnThisYear", false);
        return body;
    }

    private static Run verify(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", VERIFY_JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the verifier ends within a minute").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
