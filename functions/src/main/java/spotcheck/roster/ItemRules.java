package spotcheck.roster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import spotcheck.validation.Checks;

/** What makes an inspection item valid (pure). */
public final class ItemRules {
    /** 一般检查事项 / 重点检查事项. */
    public static final Set<String> CATEGORIES = Set.of("general", "key");
    /** 实地核查, 书面检查, 网络监测, 检验检测, 委托专业机构辅助. */
    public static final Set<String> METHODS = Set.of("on_site", "written", "online_monitoring", "testing",
            "expert_assisted");
    /** 企业, 个体工商户, 其他, 产品, 项目, 行为. */
    public static final Set<String> TARGET_TYPES = Set.of("enterprise", "individual", "other", "product",
            "project", "behavior");
    public static final Set<String> STATUSES = Set.of("active", "retired");
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$");

    private ItemRules() { }

    static void check(Checks checks, String name, String department, String category, String legalBasis,
                      String content, List<String> methods, List<String> targetTypes) {
        checks.text("name", name, 200)
                .text("department", department, 63)
                .oneOf("category", category, CATEGORIES)
                .text("legalBasis", legalBasis, 4000)
                .text("content", content, 4000)
                .nonEmptySubset("methods", methods, METHODS)
                .nonEmptySubset("targetTypes", targetTypes, TARGET_TYPES);
    }

    /** What a file row says about an item; the department by id or name. */
    public record ItemFields(String itemId, String name, String department, String category, String legalBasis,
                             String content, List<String> methods, List<String> targetTypes) { }

    /**
     * An item as an import row gives it (active, version 1). Its id: the one given, the one its
     * department already has under this name, or one derived from department and name, so the
     * same row imported again finds the same item.
     */
    public static Optional<Item> checkRow(Checks checks, ItemFields in, References refs) {
        String department = null;
        if (in.department() == null || in.department().isBlank()) {
            checks.problem("department", "department is required");
        } else {
            department = refs.itemOwner(in.department().trim()).orElse(null);
            if (department == null) {
                checks.problem("department", "'" + in.department().trim() + "' is not an active department, bureau"
                        + " or agency");
            }
        }
        if (in.itemId() != null) {
            checkId(checks, in.itemId());
        }
        String name = in.name() == null ? null : in.name().trim();
        check(checks, name, department == null ? "?" : department, in.category(), in.legalBasis(), in.content(),
                in.methods(), in.targetTypes());
        if (!checks.ok()) {
            return Optional.empty();
        }
        String dept = department;
        Optional<String> named = refs.itemOf(dept, name);
        if (in.itemId() != null && named.isPresent() && !named.get().equals(in.itemId())) {
            checks.problem("name", "The item '" + named.get() + "' already has the name '" + name + "' in department '"
                    + dept + "'; give its id, or leave the item id empty to update it");
            return Optional.empty();
        }
        String id = in.itemId() != null ? in.itemId() : named.orElseGet(() ->
                "ITEM-" + TargetRules.naturalId(null, name, dept).substring(2, 12));
        return Optional.of(new Item(id, name, dept, in.category(), in.legalBasis().trim(), in.content().trim(),
                in.methods(), in.targetTypes(), "active", null, null, 1, null, null));
    }

    static void checkId(Checks checks, String itemId) {
        checks.matches("itemId", itemId, ID, "must be 2-64 letters, digits, '-' or '_', starting with a letter or digit");
    }
}
