package spotcheck.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spotcheck.core.DomainException;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.jobs.JobFailure;
import spotcheck.roster.References;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.Sheets;
import spotcheck.store.Store;
import spotcheck.roster.RosterEntry;
import spotcheck.validation.Checks;

/**
 * An import's first pass: every row checked, and the file as a whole, before anything is written, so a bad file
 * fails without a trace. Rejected rows go to the error report: invalid ones, rows repeating an earlier row, rows
 * that would change an entity the requester may not change (another county's target), and rows that would change a
 * field only others may set (an inspector's linked login, {@link RowKind#heldTo}).
 */
final class CheckPass<T extends RosterEntry> {
    /** Rows read and written per round: one BatchGetItem, a few BatchWriteItems. */
    static final int CHUNK = 100;

    private final RowKind<T> kind;
    private final Store store;
    private final References refs;
    private final LocalDate today;
    private final Principal requester;

    /** What the pass found: the rows to write (by row number), how many data rows, how many repeated one. */
    record Result(BitSet accepted, long total, long duplicates) { }

    /** A row that passed its checks, with its entity (version 1, not yet stamped). */
    record Pending<T>(SheetReader.Row row, T entity) { }

    CheckPass(RowKind<T> kind, Store store, References refs, LocalDate today, Principal requester) {
        this.kind = kind;
        this.store = store;
        this.refs = refs;
        this.today = today;
        this.requester = requester;
    }

    Result run(Path file, String fileName, SheetLimits limits, ErrorReport report)
            throws IOException, SheetException, JobFailure {
        BitSet accepted = new BitSet();
        long total = 0;
        long duplicates = 0;
        try (SheetReader reader = Sheets.open(file, fileName, limits)) {
            List<String> header = reader.header();
            HeaderMap columns = HeaderMap.of(header, kind.columns());
            report.start(header);
            // Someone who is not an administrator may only change what is already in their scope.
            boolean checkOwners = !requester.has(Role.ADMIN);
            List<Pending<T>> window = new ArrayList<>();
            FirstRows firstRow = new FirstRows();
            for (SheetReader.Row row = reader.next(); row != null; row = reader.next()) {
                total++;
                Checks checks = new Checks();
                Optional<RowKind.Checked<T>> checked = check(columns, row, checks);
                if (checked.isEmpty()) {
                    report.add(row, String.join("；", checks.problems().stream()
                            .map(DomainException.Detail::message).toList()));
                    continue;
                }
                long first = firstRow.putIfAbsent(checked.get().entity().id(), row.number());
                if (first != 0) {
                    duplicates++;
                    report.add(row, "与第 " + first + " 行重复 (duplicate of row " + first + ": same "
                            + checked.get().keyLabel() + ")");
                    continue;
                }
                accepted.set(Math.toIntExact(row.number()));
                if (checkOwners) {
                    window.add(new Pending<>(row, checked.get().entity()));
                    if (window.size() == CHUNK) {
                        rejectOthersEntities(columns, window, accepted, report);
                    }
                }
            }
            rejectOthersEntities(columns, window, accepted, report);
        }
        return new Result(accepted, total, duplicates);
    }

    /** One row checked, and the requester's right to import it; the second pass makes its entity again. */
    Optional<RowKind.Checked<T>> check(HeaderMap columns, SheetReader.Row row, Checks checks) {
        Optional<RowKind.Checked<T>> checked = kind.check(columns, row.cells(), refs, today, checks);
        if (checked.isPresent()) {
            try {
                kind.requireScope(requester, checked.get().entity());
            } catch (DomainException forbidden) {
                checks.problem("scope", forbidden.getMessage());
                return Optional.empty();
            }
        }
        return checked;
    }

    /**
     * Rejects the rows that would change an entity the requester may not change (another county's target), or a
     * field of it, or of a new one, that only others may set (an inspector's linked login).
     */
    private void rejectOthersEntities(HeaderMap columns, List<Pending<T>> window, BitSet accepted,
                                      ErrorReport report) throws IOException {
        if (window.isEmpty()) {
            return;
        }
        Map<String, T> stored = store.getAll(kind.entityKind(), window.stream().map(p -> p.entity().id()).toList());
        for (Pending<T> p : window) {
            T before = stored.get(p.entity().id());
            if (before != null) {
                try {
                    kind.requireScope(requester, before);
                } catch (DomainException forbidden) {
                    accepted.clear(Math.toIntExact(p.row().number()));
                    // Neither the owner nor its county is named: the importer may not see them.
                    report.add(p.row(), "already in the roster under an organisation your account may not change");
                    continue;
                }
            }
            try {
                kind.heldTo(requester, before, before == null ? p.entity()
                        : kind.merge(before, p.entity(), columns, p.row().cells()));
            } catch (DomainException forbidden) {
                accepted.clear(Math.toIntExact(p.row().number()));
                report.add(p.row(), forbidden.getMessage());
            }
        }
        window.clear();
    }
}
