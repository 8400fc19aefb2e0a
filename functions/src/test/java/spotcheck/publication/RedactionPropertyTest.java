package spotcheck.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import spotcheck.core.Json;
import spotcheck.plans.Plan;
import spotcheck.plans.PlanScope;
import spotcheck.plans.QuotaRule;
import spotcheck.roster.Target;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.tasks.Task;
import spotcheck.tasks.TaskResult;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;

/**
 * No private value in any public record or export, over every result category and every target type: random
 * targets whose private fields (legal representative, home address, phone, ID number) and whose findings (with ID
 * numbers, phones and a bank account) are filled, and whose public names sometimes carry a phone or an ID number
 * too. The public record, its JSON, and the CSV and XLSX rows made from it must hold none of those values.
 */
class RedactionPropertyTest {
    static final List<String> TYPES = List.of("enterprise", "individual", "other", "product", "project", "behavior");
    final Redactor redactor = new Redactor(ResultLabels.STANDARD);
    final Random random = new Random(20261029L);

    String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    String idNumber() {
        String first = "4416" + digits(2) + (1950 + random.nextInt(60)) + String.format("%02d%02d",
                1 + random.nextInt(12), 1 + random.nextInt(28)) + digits(3);
        return first + IdNumber.checkCharacter(first);
    }

    String mobile() {
        return "1" + (3 + random.nextInt(7)) + digits(9);
    }

    String creditCode() {
        String first = "92441625" + "MA" + digits(7);
        return first + CreditCode.checkCharacter(first);
    }

    @Test
    void noPrivateValueAppearsInAnyPublicRecordOrExport() throws IOException {
        int checked = 0;
        for (int round = 0; round < 20; round++) {
            for (String type : TYPES) {
                for (String category : ResultLabels.STANDARD_CATEGORIES.keySet()) {
                    String id = idNumber();
                    String phone = mobile();
                    String landline = "0762-" + digits(7);
                    String bank = "6222" + digits(15);
                    String address = "河源市东源县仙塘镇" + digits(3) + "号私宅";
                    String legalRep = "赵" + (char) ('甲' + random.nextInt(10)) + "某";
                    String name = switch (random.nextInt(3)) {
                        case 0 -> "东源县兴旺木材店";
                        case 1 -> "个体户 联系电话" + phone;
                        default -> "经营者身份证" + id;
                    };
                    // some individual businesses were registered under their keeper's ID number
                    String code = type.equals("individual") && random.nextBoolean() ? id
                            : type.equals("enterprise") || type.equals("individual") ? creditCode() : null;
                    Target target = new Target(code == null ? "T-" + round : code, code, name, type, "dongyuan",
                            List.of("ITEM-1"), "C", "active", null, legalRep, address, phone, id, List.of(), null, 1,
                            "t", "t");
                    TaskResult result = new TaskResult("2026-09-25", "on_site",
                            List.of(new TaskResult.ItemResult("ITEM-1", category)),
                            "经营者" + legalRep + "（身份证" + id + "，手机" + phone + "，座机" + landline + "，账户" + bank
                                    + "，住址" + address + "）", true, null, "insp-1", "t", "op-a", "t", null,
                            "2026-10-28T16:30:00Z", null);
                    // a drawn task's id ends with its target's id
                    Task task = new Task(Task.drawnId("DRW-2026-X-1", target.targetId()), Task.RANDOM, 2026, "PLAN-2026-X", "DRW-2026-X-1",
                            target.targetId(), "C", List.of("ITEM-1"), List.of("dept-a"), List.of("INS-1", "INS-2"),
                            Task.PUBLISHED, null, false, "改派：" + legalRep + phone, null, null, null, "2026-09-25",
                            "2026-10-29", "2026-10-31", result, List.of(), 3, "t", "t");
                    Plan plan = new Plan("PLAN-2026-X", 2026, "2026年林木采伐监督检查", "annual", "random", "dept-a",
                            List.of("dept-a"), false, List.of("ITEM-1"), PlanScope.EVERYTHING,
                            Map.of("ALL", QuotaRule.ratio("0.03")), 2, "2026-08-01", "2026-10-31", true, List.of(),
                            "in_progress", null, 1, "t", "t");
                    PublicResult record = redactor.publicRecord(new Redactor.Sources(task, plan, target,
                            Map.of("ITEM-1", "林木采伐监督检查"), Map.of("dept-a", "资源科"))).orElseThrow();

                    String json = new String(Json.write(record), StandardCharsets.UTF_8);
                    String csv = csv(record);
                    String xlsx = xlsxText(record);
                    for (String secret : List.of(id, phone, landline.substring(5), bank, address, legalRep,
                            "INS-1", "待检验")) {
                        assertThat(json).as(type + " " + category).doesNotContain(secret);
                        assertThat(csv).as(type + " " + category).doesNotContain(secret);
                        assertThat(xlsx).as(type + " " + category).doesNotContain(secret);
                    }
                    assertThat(record.items()).singleElement().extracting(PublicResult.Item::result)
                            .isEqualTo(ResultLabels.STANDARD_CATEGORIES.get(category));
                    assertThat(record.creditCode()).isEqualTo(code == null || code.equals(id) ? null : code);
                    assertThat(record.taskId()).isEqualTo(code != null && code.equals(id) ? "TSK-2026-X-1"
                            : task.taskId());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(20 * TYPES.size() * 10);
    }

    @Test
    void anExemptOrUnpublishedResultHasNoPublicRecord() {
        for (String status : Task.STATUSES) {
            TaskResult result = new TaskResult("2026-09-25", "on_site",
                    List.of(new TaskResult.ItemResult("ITEM-1", "NO_PROBLEM")), "无", !status.equals(Task.EXEMPT),
                    status.equals(Task.EXEMPT) ? "依法不予公开" : null, "i", "t", "r", "t", null, "t", null);
            Task task = new Task("TSK-2026-X-1-A", Task.RANDOM, 2026, null, null, "T", null, List.of("ITEM-1"),
                    List.of("dept-a"), List.of(), status, null, false, null, null, null, null, "2026-09-25", null,
                    null, result, List.of(), 1, "t", "t");
            assertThat(redactor.publicRecord(new Redactor.Sources(task, null, null, Map.of(), Map.of())).isPresent())
                    .as(status).isEqualTo(status.equals(Task.PUBLISHED));
        }
    }

    @Test
    void freeTextKeepsItsWordsAndLosesItsNumbers() {
        assertThat(Redactor.scrub("张三 13800138000 身份证360426199101010071 账户6222020200112233445"))
                .isEqualTo("张三 138****8000 身份证3604**********0071 账户***************3445");
        assertThat(Redactor.scrub("电话0762-3388123")).isEqualTo("电话***3388123".replace("***3388123",
                spotcheck.privacy.Masking.phone("0762-3388123")));
        assertThat(Redactor.scrub("2026年林木采伐监督检查")).isEqualTo("2026年林木采伐监督检查");
        // numbers in groups, in brackets, and typed full-width
        assertThat(Redactor.scrub("手机138-1234-5678，138 1234 5678，+86 138 1234 5678")).isEqualTo(
                "手机138****5678，138****5678，*********5678");
        assertThat(Redactor.scrub("座机0762 338 8123、020-8765-4321、(0762)3388123、（０７６２）３３８８１２３、0762—3388123"))
                .isEqualTo("座机*******8123、*******4321、*******8123、*******8123、*******8123");
        assertThat(Redactor.scrub("手机１３８１２３４５６７８，身份证３６０４２６１９９１０１０１００７１"))
                .isEqualTo("手机138****5678，身份证3604**********0071");
        assertThat(Redactor.scrub("（2026）第12号 检查于2026-09-25，金额5000元")).isEqualTo(
                "（2026）第12号 检查于2026-09-25，金额5000元");
        assertThat(Redactor.publicCreditCode("360426199101010071")).isNull();
        assertThat(Redactor.publicCreditCode("91350100M000100Y43")).isEqualTo("91350100M000100Y43");
    }

    static String csv(PublicResult record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.csvWriter(out)) {
            for (List<String> row : ResultRows.rowsOf(List.of(record))) {
                w.writeRow(row);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The XLSX's XML parts as text (inline strings are stored as written). */
    static String xlsxText(PublicResult record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.xlsxWriter(out, "results")) {
            for (List<String> row : ResultRows.rowsOf(List.of(record))) {
                w.writeRow(row);
            }
        }
        String decoded = xlsxText(out.toByteArray());
        assertThat(decoded).contains("林木采伐监督检查");
        return decoded;
    }

    /** An XLSX file's XML parts as text, character references decoded. */
    static String xlsxText(byte[] xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("redaction", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    text.append(new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        // the sheet's XML writes characters beyond ASCII as references (&#x6797;): decode them
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(decoded, java.util.regex.Matcher.quoteReplacement(
                    new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
        }
        m.appendTail(decoded);
        return decoded.toString();
    }
}
