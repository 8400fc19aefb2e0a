package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;

/** The committed demo rosters are what {@link DemoFiles} writes, and make sense against the item list. */
class DemoFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) throws IOException {
        try (InputStream in = DemoFilesTest.class.getResourceAsStream("/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Map<String, String>> targetRows() throws IOException {
        List<String> lines = resource("targets.csv").lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(header.size());
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theCommittedFilesAreWhatTheGeneratorWrites() throws IOException {
        DemoFiles.Output generated = DemoFiles.generate();
        assertThat(resource("targets.csv")).isEqualTo(generated.targetsCsv());
        assertThat(resource("inspectors.json")).isEqualTo(generated.inspectorsJson());
    }

    @Test
    @SuppressWarnings("unchecked")
    void targetsHaveValidCodesExceptTwoAndFitTheirItems() throws IOException {
        List<Map<String, Object>> items;
        try (InputStream in = getClass().getResourceAsStream("/demo/items.json")) {
            items = JSON.readValue(in, new TypeReference<>() { });
        }
        Map<String, String> typeWords = Map.of("企业", "enterprise", "个体工商户", "individual", "农民专业合作社", "other",
                "产品", "product", "项目", "project", "行为", "behavior");
        List<Map<String, String>> rows = targetRows();
        assertThat(rows).hasSize(300);
        // a bureau's file is GBK: every character must have a GBK form
        assertThat(Charset.forName("GBK").newEncoder().canEncode(resource("targets.csv"))).isTrue();
        int mismatches = 0;
        for (Map<String, String> row : rows) {
            String code = row.get("统一社会信用代码");
            String type = typeWords.get(row.get("类型"));
            if (code.isEmpty()) {
                assertThat(type).isIn("product", "project", "behavior");
            } else {
                assertThat(code.substring(0, 2)).isEqualTo(Map.of("enterprise", "91", "individual", "92", "other",
                        "93").get(type));
                CreditCode.Verdict verdict = CreditCode.check(code).verdict();
                assertThat(verdict).as(code).isIn(CreditCode.Verdict.VALID, CreditCode.Verdict.CHECKSUM_MISMATCH);
                mismatches += verdict == CreditCode.Verdict.CHECKSUM_MISMATCH ? 1 : 0;
                String county = DemoFiles.COUNTIES.stream().filter(c -> c.name().equals(row.get("所属县区")))
                        .findFirst().orElseThrow().code();
                assertThat(code.substring(2, 8)).isEqualTo(county);
            }
            String id = row.get("身份证号");
            if (!id.isEmpty()) {
                assertThat(type).isEqualTo("individual");
                assertThat(IdNumber.problem(id, LocalDate.now())).as(id).isEmpty();
            }
            for (String itemName : row.get("抽查事项").split("、")) {
                Map<String, Object> item = items.stream().filter(i -> i.get("name").equals(itemName)).findFirst()
                        .orElseThrow();
                assertThat(item).doesNotContainKey("retire");
                assertThat((List<String>) item.get("targetTypes")).as(row.get("名称") + " / " + itemName).contains(type);
            }
        }
        assertThat(mismatches).isEqualTo(DemoFiles.CHECKSUM_MISMATCHES);
        assertThat(rows.stream().map(r -> r.get("名称")).distinct()).hasSize(rows.size());
        assertThat(rows.stream().collect(Collectors.groupingBy(r -> r.get("信用风险等级"), Collectors.counting())))
                .containsAllEntriesOf(Map.of("A", 60L, "B", 180L, "C", 45L, "D", 15L));
    }

    @Test
    @SuppressWarnings("unchecked")
    void inspectorsQualifyForTheirDepartmentsActiveItems() throws IOException {
        List<Map<String, Object>> inspectors = JSON.readValue(resource("inspectors.json"), new TypeReference<>() { });
        Map<String, String> departments = JSON.<List<Map<String, Object>>>readValue(resource("items.json"),
                new TypeReference<>() { }).stream().collect(Collectors.toMap(i -> (String) i.get("itemId"),
                i -> (String) i.get("department")));
        Set<String> codes = targetRows().stream().map(r -> r.get("统一社会信用代码")).collect(Collectors.toSet());
        assertThat(inspectors).hasSize(59);
        assertThat(inspectors.stream().map(i -> i.get("certificateNo")).distinct()).hasSize(59);
        for (Map<String, Object> i : inspectors) {
            String org = (String) i.get("org");
            assertThat((String) i.get("certificateNo")).matches("44160020\\d{3}");
            List<String> qualified = (List<String>) i.get("qualifiedItems");
            assertThat(qualified).isNotEmpty().doesNotContain("HYLY-013");
            if (org.equals("hy-police")) {
                // the police officers check blasting units only, and all may be drawn
                assertThat(qualified).containsExactly("HYGA-001");
                assertThat(i).doesNotContainKey("deactivate");
                assertThat((String) i.get("certificateValidUntil")).startsWith("202").isGreaterThan("2027");
                assertThat((List<?>) i.get("conflicts")).isEmpty();
            } else {
                assertThat(qualified).doesNotContain("HYGA-001");
            }
            if (org.startsWith("hy-forestry-")) {
                assertThat(qualified).allSatisfy(item -> assertThat(departments.get(item)).isEqualTo(org));
            }
            assertThat((List<?>) i.get("conflicts")).allSatisfy(c -> assertThat(codes).contains((String) c));
        }
        assertThat(inspectors).filteredOn(i -> ((String) i.get("certificateValidUntil")).startsWith("2025"))
                .hasSize(3);
        assertThat(inspectors).filteredOn(i -> i.containsKey("deactivate")).hasSize(3);
        assertThat(inspectors).filteredOn(i -> !((List<?>) i.get("conflicts")).isEmpty()).hasSize(4);
        assertThat(inspectors).filteredOn(i -> i.get("org").equals("hy-police")).hasSize(4);
    }
}
