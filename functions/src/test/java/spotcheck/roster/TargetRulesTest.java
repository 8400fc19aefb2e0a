package spotcheck.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.roster.TargetRules.Checked;
import spotcheck.roster.TargetRules.TargetFields;
import spotcheck.validation.Checks;

class TargetRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final String CODE = "91350100M000100Y43";
    private final MapReferences refs = new MapReferences()
            .county("dongyuan", "东源县")
            .county("heping", "和平县")
            .org("dept-res", "资源科")
            .item("ITEM-1", "林木采伐监督检查")
            .item("ITEM-2", "植物检疫检查")
            .item("ITEM-3", "木材经营加工抽查")
            .item("ITEM-4", "木材经营加工抽查");

    private static TargetFields fields(String creditCode, String name, String county) {
        return new TargetFields(creditCode, name, "enterprise", county, List.of("ITEM-1"), "B", null, null,
                "张三", "广东省河源市东源县仙塘镇工业园8号", "13800138000", "360426199101010071");
    }

    private Checked valid(TargetFields in) {
        Checks checks = new Checks();
        Optional<Checked> c = TargetRules.check(checks, in, refs, TODAY);
        assertThat(checks.problems()).isEmpty();
        return c.orElseThrow();
    }

    private List<String> problemFields(TargetFields in) {
        Checks checks = new Checks();
        assertThat(TargetRules.check(checks, in, refs, TODAY)).isEmpty();
        return checks.problems().stream().map(DomainException.Detail::field).toList();
    }

    @Test
    void aValidTargetIsKeyedByItsCreditCodeAndNormalised() {
        Checked c = valid(new TargetFields(" 91350100m000100y43 ", "  东源县  仙塘木材加工厂 ", " enterprise ",
                "东源县", List.of("林木采伐监督检查", "ITEM-2", "ITEM-1", " "), " C ", null, "ignored while active",
                " 张三 ", "东源县仙塘镇", "138 0013 8000", " 360426 199101010071"));
        assertThat(c.targetId()).isEqualTo(CODE);
        assertThat(c.reviewFlags()).isEmpty();
        TargetFields f = c.fields();
        assertThat(f.creditCode()).isEqualTo(CODE);
        assertThat(f.name()).isEqualTo("东源县 仙塘木材加工厂");
        assertThat(f.type()).isEqualTo("enterprise");
        assertThat(f.county()).isEqualTo("dongyuan");
        assertThat(f.items()).containsExactly("ITEM-1", "ITEM-2");
        assertThat(f.riskClass()).isEqualTo("C");
        assertThat(f.status()).isEqualTo("active");
        assertThat(f.statusReason()).isNull();
        assertThat(f.legalRep()).isEqualTo("张三");
        assertThat(f.contactPhone()).isEqualTo("13800138000");
        assertThat(f.idNumber()).isEqualTo("360426199101010071");
    }

    @Test
    void everyProblemIsReportedInOneGo() {
        TargetFields in = new TargetFields("91350100O000100Y43", " ", "company", "紫金县",
                List.of("ITEM-1", "没有这个事项", "木材经营加工抽查"), "E", "closed", null, "张".repeat(51),
                "地".repeat(201), "call me", "360426199102300071");
        assertThat(problemFields(in)).containsExactlyInAnyOrder("creditCode", "name", "type", "riskClass", "status",
                "legalRep", "address", "county", "items", "items", "contactPhone", "idNumber");
    }

    @Test
    void requiredFieldsAreNamed() {
        TargetFields empty = new TargetFields(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(problemFields(empty)).containsExactlyInAnyOrder("name", "type", "county", "riskClass");
    }

    @Test
    void problemsSayWhatWasWrong() {
        Checks checks = new Checks();
        TargetRules.check(checks, new TargetFields("9135 0100", "厂", "enterprise", "紫金县", List.of("木材经营加工抽查"),
                "A", null, null, null, null, null, null), refs, TODAY);
        assertThat(checks.problems()).extracting(DomainException.Detail::message).containsExactly(
                "creditCode '9135 0100': a credit code has 18 characters, this has 8",
                "'紫金县' is not an active county",
                "'木材经营加工抽查' is not an active inspection item");
    }

    @Test
    void aChecksumMismatchIsAcceptedAndFlagged() {
        Checked c = valid(fields("91350100M000100Y44", "仙塘木材加工厂", "dongyuan"));
        assertThat(c.targetId()).isEqualTo("91350100M000100Y44");
        assertThat(c.fields().creditCode()).isEqualTo("91350100M000100Y44");
        assertThat(c.reviewFlags()).containsExactly(TargetRules.FLAG_CHECKSUM);
    }

    @Test
    void aLegacyRegistrationNumberIsAcceptedAndFlagged() {
        Checked c = valid(fields("441625000012345", "仙塘木材加工厂", "dongyuan"));
        assertThat(c.targetId()).isEqualTo("441625000012345");
        assertThat(c.reviewFlags()).containsExactly(TargetRules.FLAG_LEGACY_NUMBER);
    }

    @Test
    void withoutACreditCodeTheIdComesFromCountyAndName() {
        String id = valid(fields(null, "东源县仙塘镇李四果园（个体）", "dongyuan")).targetId();
        assertThat(id).matches("T-[0-9A-HJKMNP-TV-Z]{16}");
        // the same target as typed another time: spaces, full-width forms, the county by name
        assertThat(valid(fields("", " 东源县 仙塘镇李四果园(个体) ", "东源县")).targetId()).isEqualTo(id);
        assertThat(valid(fields(null, "东源县仙塘镇李四果园\u3000（个体）", "dongyuan")).targetId()).isEqualTo(id);
        assertThat(TargetRules.naturalId(null, "ＡＢＣ 木业", "dongyuan"))
                .isEqualTo(TargetRules.naturalId(null, "ABC木业", "dongyuan"));
        // another county or another name is another target
        assertThat(valid(fields(null, "东源县仙塘镇李四果园（个体）", "heping")).targetId()).isNotEqualTo(id);
        assertThat(valid(fields(null, "东源县仙塘镇王五果园（个体）", "dongyuan")).targetId()).isNotEqualTo(id);
        // a credit code, when there is one, is the id whatever the name
        assertThat(TargetRules.naturalId(CODE, "任何名称", "heping")).isEqualTo(CODE);
    }

    @Test
    void phonesAreStoredWithoutSeparators() {
        assertThat(phone("138 0013 8000")).isEqualTo("13800138000");
        assertThat(phone("138-0013-8000")).isEqualTo("13800138000");
        assertThat(phone("(0762) 338-8123")).isEqualTo("07623388123");
        assertThat(phone("（0762）3388123")).isEqualTo("07623388123");
        assertThat(phone("+86 138 0013 8000")).isEqualTo("+8613800138000");
        // typed with a full-width input method
        assertThat(phone("（０７６２）３３８８１２３")).isEqualTo("07623388123");
        assertThat(phone("１３８－００１３－８０００")).isEqualTo("13800138000");
        assertThat(phone("  ")).isNull();
        assertThat(problemFields(withPhone("123456"))).containsExactly("contactPhone");
        assertThat(problemFields(withPhone("138 0013 800a"))).containsExactly("contactPhone");
    }

    private static TargetFields withPhone(String phone) {
        return new TargetFields(CODE, "仙塘木材加工厂", "enterprise", "dongyuan", List.of(), "A", null, null, null,
                null, phone, null);
    }

    private String phone(String typed) {
        return valid(withPhone(typed)).fields().contactPhone();
    }

    @Test
    void idNumbersAreCheckedAndNormalised() {
        assertThat(valid(idNumber("360426 19910101 0071")).fields().idNumber()).isEqualTo("360426199101010071");
        assertThat(problemFields(idNumber("360426199101010072"))).containsExactly("idNumber");
        assertThat(problemFields(idNumber("360426203001010071"))).containsExactly("idNumber");
        assertThat(valid(idNumber(" ")).fields().idNumber()).isNull();
    }

    private static TargetFields idNumber(String id) {
        return new TargetFields(null, "李四果园", "individual", "dongyuan", List.of(), "A", null, null, "李四", null,
                null, id);
    }

    @Test
    void namesResolveToIdsAndAmbiguousOrUnknownOnesAreRejected() {
        Checked c = valid(new TargetFields(CODE, "厂", "enterprise", "和平县", List.of("植物检疫检查", "ITEM-3", "ITEM-4"),
                "A", null, null, null, null, null, null));
        assertThat(c.fields().county()).isEqualTo("heping");
        // a name two items share must be given as an id
        assertThat(c.fields().items()).containsExactly("ITEM-2", "ITEM-3", "ITEM-4");
        assertThat(problemFields(new TargetFields(CODE, "厂", "enterprise", "dongyuan",
                List.of("木材经营加工抽查"), "A", null, null, null, null, null, null))).containsExactly("items");
        // a department is not a county
        assertThat(problemFields(fields(CODE, "厂", "资源科"))).containsExactly("county");
        assertThat(problemFields(fields(CODE, "厂", "dept-res"))).containsExactly("county");
    }

    @Test
    void aDeregisteredTargetKeepsItsReason() {
        TargetFields in = new TargetFields(CODE, "厂", "enterprise", "dongyuan", List.of(), "D", "deregistered",
                " 2024年已注销 ", null, null, null, null);
        TargetFields f = valid(in).fields();
        assertThat(f.status()).isEqualTo("deregistered");
        assertThat(f.statusReason()).isEqualTo("2024年已注销");
        assertThat(valid(fields(CODE, "厂", "dongyuan")).fields().status()).isEqualTo("active");
    }
}
