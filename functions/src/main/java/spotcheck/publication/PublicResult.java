package spotcheck.publication;

import java.util.List;

/**
 * One published result as the public sees it ({@code GET /public/results}) and as the batch export writes it: the
 * fields DOMAIN.md lists and nothing else. Plan number and name (absent for a problem-driven check, which no plan
 * made), task number and name, check type (定向 or 不定向), inspecting authority (检查机关), completion date, the
 * target's name and credit code, and per item its name and the published label of its result. Made only by
 * {@link Redactor}.
 */
public record PublicResult(
        String planId,
        String planName,
        String taskId,
        String taskName,
        String checkType,
        String authority,
        String completedDate,
        String targetName,
        String creditCode,
        List<Item> items,
        String publishedAt) {

    public PublicResult {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One item checked (检查事项) and its result (检查结果), by the category's published label. */
    public record Item(String itemId, String item, String result) { }
}
