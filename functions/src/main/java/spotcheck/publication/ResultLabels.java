package spotcheck.publication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published label of each result category (检查结果), by the code a result stores: the categories of the
 * national enterprise credit publicity system (DOMAIN.md). The list the results capability configures can stand
 * in for {@link #STANDARD} (any code-to-label function does); a stored value that is already one of the labels is
 * shown as it is. Pure.
 */
@FunctionalInterface
public interface ResultLabels {

    /** The label published for a result code, or null for a code the list does not know. */
    String label(String code);

    /** The standard categories, by code, in the order the national system lists them. */
    Map<String, String> STANDARD_CATEGORIES = standard();

    ResultLabels STANDARD = code -> code == null ? null
            : STANDARD_CATEGORIES.containsKey(code) ? STANDARD_CATEGORIES.get(code)
            : STANDARD_CATEGORIES.containsValue(code) ? code : null;

    /** The label a public record shows: the category's, or 其他 for a code the list does not know. */
    default String published(String code) {
        String label = label(code);
        return label == null ? "其他" : label;
    }

    private static Map<String, String> standard() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NO_PROBLEM", "未发现问题");
        m.put("CORRECTED", "发现问题已责令改正");
        m.put("FOLLOW_UP", "发现问题待后续处理");
        m.put("NO_ACTIVITY", "未发现开展本次抽查涉及的经营活动");
        m.put("NOT_DISCLOSED", "未按规定公示应当公示的信息");
        m.put("FALSE_DISCLOSURE", "公示信息隐瞒真实情况弄虚作假");
        m.put("UNREACHABLE", "通过登记的住所（经营场所）无法联系");
        m.put("OBSTRUCTED", "不配合检查情节严重");
        m.put("CLOSED", "已关闭停业或正在组织清算");
        m.put("DEREGISTERED", "已注销/被吊销/被撤销/迁出");
        return Collections.unmodifiableMap(m);
    }
}
