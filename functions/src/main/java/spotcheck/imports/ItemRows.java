package spotcheck.imports;

import static java.util.Map.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spotcheck.core.Principal;
import spotcheck.roster.Item;
import spotcheck.roster.ItemAccess;
import spotcheck.roster.ItemRules;
import spotcheck.roster.References;
import spotcheck.sheets.Column;
import spotcheck.validation.Checks;

/** Inspection-item list rows (抽查事项清单). Retiring an item stays an API action, with its reason. */
final class ItemRows extends RowKind<Item> {
    static final List<Column<Item>> COLUMNS = List.of(
            Column.optional("itemId", "事项编号", "", "optional; empty: matched by department and name", Item::itemId,
                    "编号", "item id"),
            Column.required("name", "事项名称", "林木采伐监督检查", "", Item::name, "抽查事项", "抽查事项名称", "检查事项",
                    "item name"),
            Column.required("department", "实施部门", "资源科", "the department, bureau or agency, by name or id",
                    Item::department, "所属科室", "责任科室", "实施科室", "部门", "实施主体", "department"),
            Column.required("category", "事项类别", "重点检查事项", "一般检查事项 / 重点检查事项", Item::category, "类别",
                    "事项类型", "category"),
            Column.required("legalBasis", "检查依据", "《中华人民共和国森林法》第五十六条", "", Item::legalBasis, "抽查依据",
                    "法律依据", "legal basis"),
            Column.required("content", "抽查内容", "检查采伐许可证持证和按证采伐情况", "", Item::content, "检查内容",
                    "content"),
            Column.required("methods", "检查方式", "实地核查、书面检查",
                    "实地核查 / 书面检查 / 网络监测 / 检验检测 / 委托专业机构辅助, separated by 、",
                    i -> String.join("、", i.methods()), "抽查方式", "methods"),
            Column.required("targetTypes", "检查对象类型", "企业、个体工商户", "企业 / 个体工商户 / 其他 / 产品 / 项目 / 行为",
                    i -> String.join("、", i.targetTypes()), "抽查对象", "检查对象", "对象类型", "target types"));

    private static final Map<String, String> CATEGORIES = Map.ofEntries(entry("一般", "general"),
            entry("一般检查事项", "general"), entry("一般事项", "general"), entry("重点", "key"),
            entry("重点检查事项", "key"), entry("重点事项", "key"));
    private static final Map<String, String> METHODS = Map.ofEntries(entry("实地核查", "on_site"),
            entry("现场检查", "on_site"), entry("实地检查", "on_site"), entry("书面检查", "written"),
            entry("书面审查", "written"), entry("网络监测", "online_monitoring"), entry("检验检测", "testing"),
            entry("委托专业机构辅助", "expert_assisted"), entry("专业机构辅助", "expert_assisted"));
    private static final Map<String, String> TYPES = Map.ofEntries(entry("企业", "enterprise"),
            entry("个体工商户", "individual"), entry("个体", "individual"), entry("其他", "other"), entry("其它", "other"),
            entry("产品", "product"), entry("项目", "project"), entry("行为", "behavior"));

    ItemRows() {
        super("items", Item.KIND, COLUMNS, "抽查事项清单导入模板", ItemRows::sameItem);
    }

    @Override
    public Optional<Checked<Item>> check(HeaderMap h, List<String> cells, References refs, LocalDate today,
                                         Checks checks) {
        ItemRules.ItemFields fields = new ItemRules.ItemFields(h.get(cells, "itemId"), h.get(cells, "name"),
                h.get(cells, "department"), vocabulary(h.get(cells, "category"), CATEGORIES),
                h.get(cells, "legalBasis"), h.get(cells, "content"),
                split(h.get(cells, "methods")).stream().map(m -> vocabulary(m, METHODS)).toList(),
                split(h.get(cells, "targetTypes")).stream().map(t -> vocabulary(t, TYPES)).toList());
        return ItemRules.checkRow(checks, fields, refs).map(i -> new Checked<>(i, "item " + i.department() + " / "
                + i.name()));
    }

    @Override
    public void requireScope(Principal requester, Item i) {
        ItemAccess.POLICY.requireEdit(requester, i.department());
    }

    private static boolean sameItem(Item a, Item b) {
        return a.name().equals(b.name()) && a.department().equals(b.department()) && a.category().equals(b.category())
                && a.legalBasis().equals(b.legalBasis()) && a.content().equals(b.content())
                && a.methods().equals(b.methods()) && a.targetTypes().equals(b.targetTypes())
                && Objects.equals(a.status(), b.status());
    }

    /** Retiring and reinstating stay API actions, each with its reason: an import keeps the status. */
    @Override
    public Item merge(Item stored, Item f, HeaderMap h, List<String> cells) {
        return new Item(f.itemId(), f.name(), f.department(), f.category(), f.legalBasis(), f.content(), f.methods(),
                f.targetTypes(), stored.status(), stored.retiredReason(), f.importId(), f.version(), f.createdAt(),
                f.updatedAt());
    }

    @Override
    public Item stamp(Item i, long version, String createdAt, String updatedAt, String importId) {
        return new Item(i.itemId(), i.name(), i.department(), i.category(), i.legalBasis(), i.content(), i.methods(),
                i.targetTypes(), i.status(), i.retiredReason(), importId, version, createdAt, updatedAt);
    }
}
