package spotcheck.roster;

import java.util.List;
import spotcheck.sheets.Column;

/**
 * The columns of the target and inspector rosters: the one definition the import, its
 * template and the export all use. The template's columns come first; the export adds
 * read-only columns after them, which an import skips.
 */
public final class RosterColumns {
    /** The status words an export writes; the import's vocabulary reads them back. */
    static final String TARGET_ACTIVE = "存续";
    static final String TARGET_DEREGISTERED = "注销";
    static final String INSPECTOR_ACTIVE = "在岗";
    static final String INSPECTOR_INACTIVE = "停用";

    public static final List<Column<Target>> TARGETS = List.of(
            Column.optional("creditCode", "统一社会信用代码", "91441625MA4UJ8KX28",
                    "18 characters; leave empty for targets without one (products, projects, behaviours)",
                    Target::creditCode, "社会信用代码", "信用代码", "统一代码", "统一社会信用代码(注册号)", "注册号",
                    "credit code", "unified social credit code"),
            Column.required("name", "名称", "东源县仙塘木材加工厂", "", Target::name, "企业名称", "对象名称",
                    "检查对象名称", "单位名称", "主体名称", "检查对象"),
            Column.required("type", "类型", "企业", "企业 / 个体工商户 / 其他 / 产品 / 项目 / 行为", Target::type,
                    "对象类型", "主体类型", "检查对象类型", "target type"),
            Column.required("county", "所属县区", "东源县", "a county of the bureau, by name or id", Target::county,
                    "县区", "所属区县", "区县", "所在县区", "所属地区", "county"),
            Column.required("riskClass", "信用风险等级", "B", "A (低) / B (一般) / C (较高) / D (高)",
                    Target::riskClass, "风险分类", "信用风险分类", "风险等级", "信用风险类别", "risk class", "risk"),
            Column.optional("items", "抽查事项", "林木采伐监督检查", "item names or ids, separated by 、 or ；",
                    t -> String.join("、", t.items()), "检查事项", "适用抽查事项", "抽查事项名称"),
            Column.optional("legalRep", "法定代表人", "张三", "", Target::legalRep, "法定代表人(负责人)", "负责人",
                    "经营者", "legal representative", "legal rep"),
            Column.optional("address", "地址", "河源市东源县仙塘镇", "private", Target::address, "住所", "经营地址",
                    "住所(经营场所)", "经营场所"),
            Column.optional("contactPhone", "联系电话", "13800138000", "private", Target::contactPhone, "电话", "手机",
                    "联系方式", "phone", "contact phone"),
            Column.optional("idNumber", "身份证号", "", "private; individuals only", Target::idNumber, "身份证号码",
                    "公民身份号码", "法定代表人身份证号", "id number"),
            Column.optional("status", "状态", "存续", "存续 / 注销 (empty: 存续)",
                    t -> "active".equals(t.status()) ? TARGET_ACTIVE : TARGET_DEREGISTERED, "登记状态", "经营状态"),
            Column.exportOnly("targetId", "对象编号", Target::targetId, "target id"),
            Column.exportOnly("statusReason", "状态说明", Target::statusReason, "status reason"),
            Column.exportOnly("reviewFlags", "复核标记", t -> String.join("、", t.reviewFlags()), "review flags"),
            Column.exportOnly("version", "版本", t -> Long.toString(t.version())),
            Column.exportOnly("updatedAt", "更新时间", Target::updatedAt, "updated at"));

    public static final List<Column<Inspector>> INSPECTORS = List.of(
            Column.required("name", "姓名", "李四", "", Inspector::name, "执法人员姓名", "name"),
            Column.required("org", "单位/科室", "资源科", "the department or county bureau, by name or id",
                    Inspector::org, "单位", "科室", "所属单位", "所在单位", "所属科室", "工作单位", "org", "organisation",
                    "organization", "department"),
            Column.required("certificateNo", "执法证号", "44160020001", "", Inspector::certificateNo, "执法证件号",
                    "执法证件号码", "证件号", "执法证编号", "certificate no", "certificate number"),
            Column.required("certificateValidUntil", "有效期至", "2028-12-31", "YYYY-MM-DD",
                    Inspector::certificateValidUntil, "有效期", "证件有效期", "执法证有效期", "valid until"),
            Column.optional("qualifiedItems", "可检查事项", "林木采伐监督检查、植物检疫检查",
                    "item names or ids, separated by 、 or ；", i -> String.join("、", i.qualifiedItems()), "检查事项",
                    "抽查事项", "可抽查事项", "qualified items"),
            Column.optional("expertise", "业务专长", "森林资源、林业有害生物", "separated by 、 or ；",
                    i -> String.join("、", i.expertise()), "专长", "业务特长"),
            Column.optional("status", "状态", "在岗", "在岗 / 停用 (empty: 在岗)",
                    i -> "active".equals(i.status()) ? INSPECTOR_ACTIVE : INSPECTOR_INACTIVE, "人员状态"),
            Column.optional("conflicts", "回避对象", "", "credit codes or target ids of targets they must not inspect",
                    i -> String.join("、", i.conflicts()), "回避", "需回避对象"),
            Column.optional("accountId", "账号", "", "the login of the inspector's own account (the token's sub),"
                    + " which finds their tasks; private; set by administrators only (in anyone else's file: empty,"
                    + " or as it is); an administrator's empty cell: none", Inspector::accountId, "登录账号", "用户账号",
                    "account", "account id"),
            Column.exportOnly("inspectorId", "人员编号", Inspector::inspectorId, "inspector id"),
            Column.exportOnly("statusReason", "状态说明", Inspector::statusReason, "status reason"),
            Column.exportOnly("version", "版本", i -> Long.toString(i.version())),
            Column.exportOnly("updatedAt", "更新时间", Inspector::updatedAt, "updated at"));

    private RosterColumns() {
    }
}
