package spotcheck.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spotcheck.core.DomainException.Detail;
import spotcheck.validation.Checks;

/** Dates as staff type them (years 1990 to 2100) and item rows from a file, with exact outcomes. */
class RowRulesTest {
    private final MapReferences refs = new MapReferences().org("hy-forestry-resources", "资源管理科");

    @Test
    void datesFrom1990To2100AreAccepted() {
        for (String[] ok : new String[][] {{"1990-01-01", "1990-01-01"}, {"2100/12/31", "2100-12-31"},
                {"2027年6月30日", "2027-06-30"}}) {
            Checks checks = new Checks();
            assertThat(InspectorRules.date(checks, "validUntil", ok[0])).isEqualTo(ok[1]);
            assertThat(checks.problems()).isEmpty();
        }
    }

    @Test
    void datesOutsideTheRangeOrUnreadableAreNull() {
        assertDateProblem("1989-12-31", "validUntil 1989-12-31 is not a plausible date");
        assertDateProblem("2101-01-01", "validUntil 2101-01-01 is not a plausible date");
        assertDateProblem("2027-02-30", "'2027-02-30' is not a date of the form YYYY-MM-DD");
        assertDateProblem(" ", "validUntil is required (YYYY-MM-DD)");
    }

    private static void assertDateProblem(String raw, String message) {
        Checks checks = new Checks();
        assertThat(InspectorRules.date(checks, "validUntil", raw)).isNull();
        assertThat(checks.problems()).containsExactly(new Detail("validUntil", message));
    }

    private static ItemRules.ItemFields item(String id, String department, String name) {
        return new ItemRules.ItemFields(id, name, department, "key", " 《森林法》第五十六条 ", " 检查采伐许可证 ",
                List.of("on_site"), List.of("enterprise"));
    }

    @Test
    void anItemRowByDepartmentName() {
        Checks checks = new Checks();
        Optional<Item> item = ItemRules.checkRow(checks, item(null, " 资源管理科 ", " 林木采伐监督检查 "), refs);
        assertThat(checks.problems()).isEmpty();
        Item i = item.orElseThrow();
        assertThat(i.itemId()).matches("ITEM-[0-9A-Z]{10}");
        assertThat(i.itemId()).isEqualTo(ItemRules.checkRow(new Checks(),
                item(null, "hy-forestry-resources", "林木采伐监督检查"), refs).orElseThrow().itemId());
        assertThat(i.name()).isEqualTo("林木采伐监督检查");
        assertThat(i.department()).isEqualTo("hy-forestry-resources");
        assertThat(i.legalBasis()).isEqualTo("《森林法》第五十六条");
        assertThat(i.content()).isEqualTo("检查采伐许可证");
        assertThat(i.status()).isEqualTo("active");
        assertThat(i.version()).isEqualTo(1);
    }

    @Test
    void anItemRowKeepsItsGivenIdOrTheDepartmentsExistingOne() {
        assertThat(ItemRules.checkRow(new Checks(), item("ITEM-7", "资源管理科", "采伐检查"), refs).orElseThrow().itemId())
                .isEqualTo("ITEM-7");
        References existing = new MapReferences().org("hy-forestry-resources", "资源管理科");
        References withItem = new References() {
            public Optional<String> county(String s) {
                return existing.county(s);
            }

            public Optional<String> org(String s) {
                return existing.org(s);
            }

            public Optional<String> item(String s) {
                return Optional.empty();
            }

            @Override
            public Optional<String> itemOf(String department, String name) {
                return department.equals("hy-forestry-resources") && name.equals("采伐检查")
                        ? Optional.of("ITEM-OLD") : Optional.empty();
            }
        };
        assertThat(ItemRules.checkRow(new Checks(), item(null, "资源管理科", "采伐检查"), withItem).orElseThrow().itemId())
                .isEqualTo("ITEM-OLD");
    }

    @Test
    void anItemRowWithProblemsGivesNoItemAndNamesThem() {
        Checks missing = new Checks();
        assertThat(ItemRules.checkRow(missing, item(null, " ", "采伐检查"), refs)).isEmpty();
        assertThat(missing.problems()).containsExactly(new Detail("department", "department is required"));

        Checks unknown = new Checks();
        assertThat(ItemRules.checkRow(unknown, item("-bad", "林业局", null), refs)).isEmpty();
        assertThat(unknown.problems()).containsExactly(
                new Detail("department", "'林业局' is not an active department, bureau or agency"),
                new Detail("itemId", "itemId must be 2-64 letters, digits, '-' or '_', starting with a letter or digit"),
                new Detail("name", "name is required"));
    }
}
