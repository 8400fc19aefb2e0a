package spotcheck.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException;
import spotcheck.roster.InspectorRules.Checked;
import spotcheck.roster.InspectorRules.InspectorFields;
import spotcheck.validation.Checks;

class InspectorRulesTest {
    private final MapReferences refs = new MapReferences()
            .org("dept-res", "资源科")
            .org("dept-pro", "保护科")
            .org("dept-dup", "重名科")
            .org("dept-dup2", "重名科")
            .county("dongyuan", "东源县林业局")
            .item("ITEM-1", "林木采伐监督检查")
            .item("ITEM-2", "植物检疫检查")
            .item("ITEM-3", "木材经营加工抽查")
            .item("ITEM-4", "木材经营加工抽查");

    private static InspectorFields fields(String org, String certificateNo, String validUntil) {
        return new InspectorFields("王五", org, certificateNo, validUntil, List.of("ITEM-1"), List.of("林业"), null,
                null, List.of(), null);
    }

    private Checked valid(InspectorFields in) {
        Checks checks = new Checks();
        Optional<Checked> c = InspectorRules.check(checks, in, refs);
        assertThat(checks.problems()).isEmpty();
        return c.orElseThrow();
    }

    private List<String> problemFields(InspectorFields in) {
        Checks checks = new Checks();
        assertThat(InspectorRules.check(checks, in, refs)).isEmpty();
        return checks.problems().stream().map(DomainException.Detail::field).toList();
    }

    @Test
    void aValidInspectorIsKeyedByTheirCertificateNumber() {
        Checked c = valid(new InspectorFields(" 王五 ", "资源科", " 44160020001 ", "2027-12-31",
                List.of("林木采伐监督检查", "ITEM-2", "ITEM-1"), List.of(" 林业 ", "林业", "野生动物保护", ""), null,
                "ignored while active", List.of("91350100M000100Y43"), " ou_7f3a9c@sso.heyuan "));
        assertThat(c.inspectorId()).isEqualTo("INS-44160020001");
        InspectorFields f = c.fields();
        assertThat(f.name()).isEqualTo("王五");
        assertThat(f.org()).isEqualTo("dept-res");
        assertThat(f.certificateNo()).isEqualTo("44160020001");
        assertThat(f.certificateValidUntil()).isEqualTo("2027-12-31");
        assertThat(f.qualifiedItems()).containsExactly("ITEM-1", "ITEM-2");
        assertThat(f.expertise()).containsExactly("林业", "野生动物保护");
        assertThat(f.status()).isEqualTo("active");
        assertThat(f.statusReason()).isNull();
        assertThat(f.conflicts()).containsExactly("91350100M000100Y43");
        assertThat(f.accountId()).isEqualTo("ou_7f3a9c@sso.heyuan");
    }

    @Test
    void everyProblemIsReportedInOneGo() {
        InspectorFields in = new InspectorFields(" ", "没有这个科", "", "2027-02-30",
                List.of("没有这个事项", "木材经营加工抽查"), List.of("专".repeat(31)), "retired", null,
                List.of("x".repeat(65)), "a b");
        assertThat(problemFields(in)).containsExactlyInAnyOrder("name", "status", "org", "certificateNo",
                "certificateValidUntil", "qualifiedItems", "qualifiedItems", "expertise", "conflicts", "accountId");
    }

    @Test
    void requiredFieldsAreNamed() {
        InspectorFields empty = new InspectorFields(null, null, null, null, null, null, null, null, null, null);
        assertThat(problemFields(empty)).containsExactlyInAnyOrder("name", "org", "certificateNo",
                "certificateValidUntil");
    }

    @Test
    void datesAreAcceptedAsStaffTypeThem() {
        for (String typed : List.of("2027-12-31", "2027/12/31", "2027.12.31", "2027年12月31日", "2027 年 12 月 31 日",
                " 2027/12/31 ")) {
            assertThat(valid(fields("dept-res", "44160020001", typed)).fields().certificateValidUntil())
                    .as(typed).isEqualTo("2027-12-31");
        }
        assertThat(valid(fields("dept-res", "44160020001", "2028/2/5")).fields().certificateValidUntil())
                .isEqualTo("2028-02-05");
        for (String bad : List.of("2027-13-01", "2027/02/30", "31/12/2027", "明年", "1989-12-31", "2101-01-01")) {
            assertThat(problemFields(fields("dept-res", "44160020001", bad))).as(bad)
                    .containsExactly("certificateValidUntil");
        }
    }

    @Test
    void certificateNumbersAreComparedWithoutSpacesOrFullWidthForms() {
        String id = valid(fields("dept-res", "44160020001", "2027-12-31")).inspectorId();
        assertThat(valid(fields("dept-res", "4416 0020 001", "2027-12-31")).inspectorId()).isEqualTo(id);
        assertThat(valid(fields("dept-res", "４４１６００２０００１", "2027-12-31")).inspectorId()).isEqualTo(id);
        assertThat(valid(fields("dept-res", "gd-44160020001", "2027-12-31")).inspectorId())
                .isEqualTo("INS-GD-44160020001");
        // a number in Chinese characters gets an id derived from it, the same each time
        String chinese = valid(fields("dept-res", "粤林执字第 0001 号", "2027-12-31")).inspectorId();
        assertThat(chinese).matches("INS-[0-9A-HJKMNP-TV-Z]{16}");
        assertThat(valid(fields("dept-pro", "粤林执字第0001号", "2027-12-31")).inspectorId()).isEqualTo(chinese);
        assertThat(InspectorRules.normalizeCertificate(" ")).isNull();
    }

    @Test
    void organisationsAndItemsResolveByNameUnlessAmbiguous() {
        assertThat(valid(fields("保护科", "44160020001", "2027-12-31")).fields().org()).isEqualTo("dept-pro");
        assertThat(valid(fields("东源县林业局", "44160020001", "2027-12-31")).fields().org()).isEqualTo("dongyuan");
        assertThat(valid(fields("dept-dup2", "44160020001", "2027-12-31")).fields().org()).isEqualTo("dept-dup2");
        assertThat(problemFields(fields("重名科", "44160020001", "2027-12-31"))).containsExactly("org");
        assertThat(problemFields(fields("no-such-org", "44160020001", "2027-12-31"))).containsExactly("org");
        InspectorFields byItemName = new InspectorFields("王五", "dept-res", "44160020001", "2027-12-31",
                List.of("植物检疫检查", "ITEM-3"), List.of(), null, null, null, null);
        assertThat(valid(byItemName).fields().qualifiedItems()).containsExactly("ITEM-2", "ITEM-3");
        assertThat(valid(byItemName).fields().conflicts()).isEmpty();
    }

    @Test
    void anInactiveInspectorKeepsTheReason() {
        InspectorFields in = new InspectorFields("王五", "dept-res", "44160020001", "2027-12-31", List.of(),
                List.of(), "inactive", " 调离执法岗位 ", List.of(), null);
        assertThat(valid(in).fields().status()).isEqualTo("inactive");
        assertThat(valid(in).fields().statusReason()).isEqualTo("调离执法岗位");
    }

    @Test
    void tooManyTagsAreRefused() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("专长" + i);
        }
        InspectorFields in = new InspectorFields("王五", "dept-res", "44160020001", "2027-12-31", List.of(), many,
                null, null, Collections.nCopies(3, "T-1"), null);
        assertThat(problemFields(in)).containsExactly("expertise");
        assertThat(valid(new InspectorFields("王五", "dept-res", "44160020001", "2027-12-31", List.of(),
                many.subList(0, 20), null, null, Collections.nCopies(3, "T-1"), null)).fields().conflicts())
                .containsExactly("T-1");
    }

    @Test
    void anAccountIdIsTrimmedOptionalAndWithoutSpacesOrControlCharacters() {
        for (String none : new String[] {null, "", "   "}) {
            assertThat(valid(withAccount(none)).fields().accountId()).as("[" + none + "]").isNull();
        }
        assertThat(valid(withAccount("\tauth0|5f1c2a\n")).fields().accountId()).isEqualTo("auth0|5f1c2a");
        assertThat(valid(withAccount("x".repeat(128))).fields().accountId()).hasSize(128);
        assertThat(valid(withAccount("张三@河源")).fields().accountId()).isEqualTo("张三@河源");
        for (String bad : List.of("x".repeat(129), "li si", "li\u3000si", "li\u0000si", "li\u200bsi", "a\u0085b")) {
            Checks checks = new Checks();
            assertThat(InspectorRules.check(checks, withAccount(bad), refs)).isEmpty();
            assertThat(checks.problems()).as(bad).extracting(DomainException.Detail::field)
                    .containsExactly("accountId");
            // the value itself is never repeated in the message
            assertThat(checks.problems().get(0).message()).doesNotContain(bad.trim());
        }
    }

    private static InspectorFields withAccount(String accountId) {
        return new InspectorFields("王五", "dept-res", "44160020001", "2027-12-31", List.of(), List.of(), null, null,
                List.of(), accountId);
    }
}
