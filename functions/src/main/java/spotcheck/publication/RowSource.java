package spotcheck.publication;

import java.util.List;
import spotcheck.core.Actor;
import spotcheck.core.Page;

/**
 * One kind of record a publication batch exports, as a file of its own in the batch ({@code {name}.csv} and
 * {@code .xlsx} under {@code publications/{YYYY}/{batchId}/}): the published results ({@link ResultRows}); the
 * follow-up capability's penalty decisions (published to the city public credit system within 7 working days) are
 * meant to be another. A batch asks each source, in turn, for what is waiting to be exported, then for the rows of
 * those records, then marks them exported; each step is repeated safely when a run is resumed.
 */
public interface RowSource {

    /** The file's base name in the batch, e.g. {@code results}; unique among a batch's sources. */
    String name();

    /** The header row. */
    List<String> header();

    /**
     * One page of the ids of the records waiting for a batch: published and not exported yet (whenever they were
     * published: everything since the last batch), in a stable order; {@code next} as for lists. A source reads
     * them from an index of what waits (results: the byDue index's {@code export} rule), never a scan.
     */
    Page<String> waiting(int limit, String next);

    /** The rows of these records (redacted: as the public may see them), in the order of the ids. */
    List<List<String>> rows(List<String> ids);

    /** Records these as exported in {@code batchId}, so they leave the waiting list; already marked ones are left. */
    void markExported(Actor actor, String batchId, List<String> ids);
}
