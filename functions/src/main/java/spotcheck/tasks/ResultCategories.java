package spotcheck.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;
import spotcheck.validation.Checks;

/**
 * The result categories a task's item result is recorded in (检查结果): by default the ten of the national
 * credit publicity system (DOMAIN.md), each with a stable code and its published label, and whether it means a
 * problem was found ({@code finding}: the statistics by category read that flag), and whether such a finding calls
 * for listing or a penalty ({@code sanction}: a follow-up that answers it with an order to correct alone cannot be
 * closed; the cases capability reads that flag, {@link #callsForSanction}). An
 * administrator may change the list ({@code PUT /result-categories}): relabel a category as the province words
 * it, add one, retire one ({@code active: false}: no new result uses it), but never remove a code, for stored
 * results name it. Stored as one entity ({@value #ID}); version 0 means the defaults, never stored yet.
 */
public record ResultCategories(String id, List<Category> categories, long version, String updatedAt)
        implements Versioned {

    public static final EntityKind<ResultCategories> KIND = new EntityKind<>("RCAT", "result-categories",
            ResultCategories.class, true);
    /** The one entity's id. */
    public static final String ID = "default";
    /** The most categories the list may hold. */
    public static final int MOST = 50;
    static final int LABEL_MAX = 100;
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    /**
     * One category: its code, its label as published, whether it is a finding, whether new results may use it, and
     * whether its finding calls for listing or a penalty.
     */
    public record Category(String code, String label, boolean finding, boolean active, boolean sanction) {
        /**
         * A category as stored: a list stored before {@code sanction} existed takes the national defaults' flag for
         * its code (false for a code of its own).
         */
        @JsonCreator
        static Category read(@JsonProperty("code") String code, @JsonProperty("label") String label,
                             @JsonProperty("finding") boolean finding, @JsonProperty("active") boolean active,
                             @JsonProperty("sanction") Boolean sanction) {
            return new Category(code, label, finding, active, sanction != null ? sanction
                    : DEFAULT_SANCTIONS.contains(code));
        }
    }

    /**
     * The default categories whose finding calls for listing (列入经营异常名录) or a penalty: 未按规定公示应当公示的信息,
     * 公示信息隐瞒真实情况弄虚作假, 通过登记的住所（经营场所）无法联系, 不配合检查情节严重.
     */
    static final Set<String> DEFAULT_SANCTIONS = Set.of("INFO_NOT_PUBLISHED", "INFO_FALSIFIED", "UNREACHABLE",
            "REFUSED_INSPECTION");

    /** The national list, as DOMAIN.md gives it. */
    public static final List<Category> DEFAULTS = List.of(
            new Category("NO_PROBLEM", "未发现问题", false, true, false),
            new Category("CORRECTED", "发现问题已责令改正", true, true, false),
            new Category("PENDING_FOLLOW_UP", "发现问题待后续处理", true, true, false),
            new Category("NO_RELEVANT_ACTIVITY", "未发现开展本次抽查涉及的经营活动", false, true, false),
            new Category("INFO_NOT_PUBLISHED", "未按规定公示应当公示的信息", true, true, true),
            new Category("INFO_FALSIFIED", "公示信息隐瞒真实情况弄虚作假", true, true, true),
            new Category("UNREACHABLE", "通过登记的住所（经营场所）无法联系", true, true, true),
            new Category("REFUSED_INSPECTION", "不配合检查情节严重", true, true, true),
            new Category("CLOSED_OR_LIQUIDATING", "已关闭停业或正在组织清算", false, true, false),
            new Category("DEREGISTERED", "已注销/被吊销/被撤销/迁出", false, true, false));

    public ResultCategories {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** The defaults, as read before any administrator stored a list. */
    public static ResultCategories defaults() {
        return new ResultCategories(ID, DEFAULTS, 0, null);
    }

    @Override
    public String id() {
        return id;
    }

    /** The category a result names, by its code or its published label (exactly, surrounding blanks ignored). */
    public Optional<Category> find(String codeOrLabel) {
        if (codeOrLabel == null) {
            return Optional.empty();
        }
        String s = codeOrLabel.trim();
        return categories.stream().filter(c -> c.code().equals(s) || c.label().equals(s)).findFirst();
    }

    /** Whether the category of this code is a finding (a problem found); an unknown code is not. */
    public boolean isFinding(String code) {
        return categories.stream().anyMatch(c -> c.code().equals(code) && c.finding());
    }

    /** Whether the category of this code calls for listing or a penalty; an unknown code does not. */
    public boolean callsForSanction(String code) {
        return categories.stream().anyMatch(c -> c.code().equals(code) && c.sanction());
    }

    /** {@link #callsForSanction} of this list, as a predicate over category codes. */
    public Predicate<String> sanctions() {
        return this::callsForSanction;
    }

    /**
     * A category as an administrator sends it: {@code finding} is required, {@code active} defaults to true,
     * {@code sanction} to false.
     */
    public record CategoryInput(String code, String label, Boolean finding, Boolean active, Boolean sanction) {
        public CategoryInput(String code, String label, Boolean finding, Boolean active) {
            this(code, label, finding, active, null);
        }
    }

    /**
     * The new list replacing {@code current}, with every problem recorded in {@code checks} (then the answer is
     * not to be used): at least one active category, at most {@value #MOST}; codes of 2 to 40 capitals, digits or
     * underscores starting with a capital, each once; labels non-blank, at most {@value #LABEL_MAX} characters,
     * each once; {@code finding} given, and true where {@code sanction} is; every current code kept.
     */
    public static List<Category> check(Checks checks, List<CategoryInput> given, List<Category> current) {
        if (given == null || given.isEmpty()) {
            checks.problem("categories", "categories needs at least one category");
            return List.of();
        }
        if (given.size() > MOST) {
            checks.problem("categories", "at most " + MOST + " categories (" + given.size() + " given)");
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        Set<String> labels = new HashSet<>();
        List<Category> out = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            CategoryInput c = given.get(i);
            String field = "categories[" + i + "]";
            if (c == null) {
                checks.problem(field, "a category is an object {code, label, finding, active, sanction}");
                continue;
            }
            if (c.code() == null || !CODE.matcher(c.code()).matches()) {
                checks.problem(field + ".code", "a code is 2 to 40 capitals, digits or underscores, starting with a"
                        + " capital (e.g. NO_PROBLEM)");
            } else if (!codes.add(c.code())) {
                checks.problem(field + ".code", "'" + c.code() + "' is listed twice");
            }
            if (c.label() == null || c.label().isBlank()) {
                checks.problem(field + ".label", "label is required");
            } else if (!c.label().equals(c.label().trim())) {
                checks.problem(field + ".label", "label has surrounding blanks");
            } else {
                checks.optionalText(field + ".label", c.label(), LABEL_MAX);
                if (!labels.add(c.label())) {
                    checks.problem(field + ".label", "'" + c.label() + "' is listed twice");
                }
            }
            if (c.finding() == null) {
                checks.problem(field + ".finding", "finding is required: true when the category means a problem"
                        + " was found");
            }
            boolean sanction = Boolean.TRUE.equals(c.sanction());
            if (sanction && Boolean.FALSE.equals(c.finding())) {
                checks.problem(field + ".sanction", "sanction is for a finding: a category that calls for listing or a"
                        + " penalty means a problem was found (finding: true)");
            }
            out.add(new Category(c.code(), c.label(), Boolean.TRUE.equals(c.finding()), c.active() == null
                    || c.active(), sanction));
        }
        for (Category kept : current) {
            if (!codes.contains(kept.code())) {
                checks.problem("categories", "'" + kept.code() + "' (" + kept.label() + ") may be retired"
                        + " (active: false) but not removed: results name it");
            }
        }
        if (out.stream().noneMatch(Category::active)) {
            checks.problem("categories", "at least one category must be active");
        }
        return out;
    }
}
