package spotcheck.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spotcheck.jobs.JobFailure;
import spotcheck.sheets.CellSafety;
import spotcheck.sheets.Column;

/**
 * Which column of a file holds which field, read from its header row (pure). Headers are
 * compared loosely, as people write them: full-width forms folded, spaces, asterisks and
 * "(必填)" dropped, English in any case. Columns that carry nothing to import (序号, 备注)
 * are ignored; any other unknown header fails the file, so a misspelt column is never
 * silently dropped.
 */
public final class HeaderMap {
    static final Set<String> IGNORED = Set.of("序号", "编号", "no", "no.", "#", "备注", "remark", "remarks", "note",
            "notes", "行号", "错误原因",
            // columns an export adds, so an exported file imports again as it is
            "对象编号", "targetid", "人员编号", "inspectorid", "复核标记", "reviewflags", "版本", "version", "更新时间",
            "updatedat", "导入批次", "importid", "状态说明", "statusreason");
    private final Map<String, Integer> indexByField;

    private HeaderMap(Map<String, Integer> indexByField) {
        this.indexByField = indexByField;
    }

    /** The mapping, or the reason the header row cannot be used. */
    public static HeaderMap of(List<String> header, List<? extends Column<?>> columns) throws JobFailure {
        Map<String, Column<?>> byName = new HashMap<>();
        for (Column<?> c : columns) {
            byName.put(normalize(c.header()), c);
            byName.put(normalize(c.field()), c);
            c.aliases().forEach(a -> byName.put(normalize(a), c));
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = normalize(header.get(i));
            Column<?> c = byName.get(name);
            // the kind's own columns first: 编号 is an item's id, though other kinds ignore it; an export's
            // read-only columns (its ids, versions) are skipped
            if (name.isEmpty() || c == null && IGNORED.contains(name) || c != null && !c.imported()) {
                continue;
            }
            if (c == null) {
                unknown.add(header.get(i).trim());
            } else if (index.putIfAbsent(c.field(), i) != null) {
                throw new JobFailure("duplicate_column", "Two columns both mean '" + c.header() + "' ('"
                        + header.get(index.get(c.field())).trim() + "' and '" + header.get(i).trim()
                        + "'); keep one of them");
            }
        }
        if (!unknown.isEmpty()) {
            throw new JobFailure("unknown_headers", "Unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList())
                    + ". The columns understood are: " + String.join(", ", columns.stream().filter(Column::imported)
                    .map(Column::header).toList()) + " (see the template)");
        }
        List<String> missing = columns.stream().filter(c -> c.required() && !index.containsKey(c.field()))
                .map(Column::header).toList();
        if (!missing.isEmpty()) {
            throw new JobFailure("missing_columns", "Required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is") + " missing");
        }
        return new HeaderMap(index);
    }

    /** The row's value for a field: trimmed, null when the column is absent or the cell blank. */
    public String get(List<String> cells, String field) {
        Integer i = indexByField.get(field);
        if (i == null || i >= cells.size()) {
            return null;
        }
        String v = cells.get(i);
        if (v == null || v.isBlank()) {
            return null;
        }
        // Undo the quote an export puts before = + - @ (formula-injection guard), so exports re-import as they were.
        return CellSafety.restore(v.trim());
    }

    public Optional<Integer> index(String field) {
        return Optional.ofNullable(indexByField.get(field));
    }

    static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replace("\ufeff", "").replaceAll("[\\s*_]", "").replace("(必填)", "").replace("(选填)", "");
        return s;
    }
}
