package spotcheck.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import spotcheck.core.Page;
import spotcheck.core.Principal;
import spotcheck.sheets.Column;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.store.Store;
import spotcheck.store.EntityStore.Filter;
import spotcheck.store.EntityStore.ListIndex;
import spotcheck.store.EntityKind;
import spotcheck.store.Versioned;

/**
 * Roster exports as .csv or .xlsx, with the import template's column headers first, so an
 * exported file can be edited and imported again: header and values come from the same
 * {@link RosterColumns}, the ones the import reads. Every cell is guarded against formula
 * injection by the sheet writers; private fields are masked or left empty as for the reader's own view.
 */
public final class RosterExports {
    private final Store store;
    private final TargetService targets;
    private final InspectorService inspectors;

    public RosterExports(Store store, TargetService targets, InspectorService inspectors) {
        this.store = store;
        this.targets = targets;
        this.inspectors = inspectors;
    }

    public byte[] targets(Principal reader, TargetService.Query q, String format) {
        TargetService.Listing listing = targets.listing(reader, q);
        return export(Target.KIND, listing.index(), listing.filters(), format, "检查对象名录", RosterColumns.TARGETS,
                t -> TargetAccess.POLICY.view(reader, t));
    }

    /** The inspectors, the 账号 column empty where the reader may not see the linked login. */
    public byte[] inspectors(Principal reader, InspectorService.Query q, String format) {
        return export(Inspector.KIND, ListIndex.byKind(Inspector.KIND), inspectors.filters(q), format, "执法检查人员名录",
                RosterColumns.INSPECTORS, i -> InspectorAccess.POLICY.view(reader, i));
    }

    /** The header and each entity's row, both from the same columns. */
    private <T extends Versioned> byte[] export(EntityKind<T> kind, ListIndex index, List<Filter> filters,
                                                String format,
                                                String sheetName, List<Column<T>> columns, UnaryOperator<T> view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = "csv".equals(format) ? Sheets.csvWriter(out) : Sheets.xlsxWriter(out, sheetName)) {
            w.writeRow(columns.stream().map(Column::header).toList());
            String next = null;
            do {
                Page<T> page = store.list(kind, index, filters, 200, next);
                for (T t : page.items()) {
                    T shown = view.apply(t);
                    w.writeRow(columns.stream().map(c -> c.cell(shown)).toList());
                }
                next = page.next();
            } while (next != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
