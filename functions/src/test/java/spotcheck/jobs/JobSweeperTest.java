package spotcheck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static spotcheck.store.StoreFixtures.CLOCK;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** The sweeper on the in-memory store: stale open jobs fail with their reason, everything else is left alone. */
class JobSweeperTest {
    static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    static final Failure STALLED = new Failure("stalled", "导入已中断 (the import stopped making progress)");
    static final Failure NEVER_STARTED = new Failure("upload_missing", "未收到上传的文件 (no file arrived)");

    final MemoryStore store = new MemoryStore(CLOCK);
    final JobRunner runner = new JobRunner(store, (f, e) -> {
        throw new AssertionError("the sweeper continues nothing");
    }, CLOCK, JobRunner.Rhythm::defaults);
    final JobSweeper sweeper = new JobSweeper(store, runner, List.of(new JobSweeper.Staleness<>(Chore.KIND,
            Duration.ofMinutes(30), STALLED, Duration.ofMinutes(75), NEVER_STARTED)));

    /** A job as last seen {@code minutesAgo} before NOW. */
    Chore stored(String id, String status, long minutesAgo) {
        String at = NOW.minus(Duration.ofMinutes(minutesAgo)).toString();
        Chore c = new Chore(id, status, status.equals("pending") ? 0 : 1, null, 10, 0, null, "op-1", 1, at, at,
                status.equals("succeeded") ? at : null);
        assertThat(store.checkpoint(Chore.KIND, null, c)).isTrue();
        return c;
    }

    @Test
    void staleOpenJobsFailWithTheirReasonAndFreshOrFinishedOnesAreLeftAlone() {
        Chore stalled = stored("C-run-old", "running", 31);
        Chore running = stored("C-run-fresh", "running", 29);
        Chore abandoned = stored("C-pending-old", "pending", 76);
        Chore waiting = stored("C-pending-young", "pending", 45);
        Chore finished = stored("C-done", "succeeded", 600);

        assertThat(sweeper.sweep(NOW, "req-sweep")).containsExactlyInAnyOrder("chore/C-run-old",
                "chore/C-pending-old");

        Chore failedRun = store.require(Chore.KIND, "C-run-old");
        assertThat(failedRun).isEqualTo(stalled.withState(new JobState("failed", 1, STALLED, 2, stalled.startedAt(),
                NOW.toString(), NOW.toString())));
        assertThat(store.require(Chore.KIND, "C-pending-old").failure()).isEqualTo(NEVER_STARTED);
        assertThat(store.require(Chore.KIND, "C-pending-old").status()).isEqualTo("failed");
        assertThat(store.require(Chore.KIND, "C-run-fresh")).isEqualTo(running);
        assertThat(store.require(Chore.KIND, "C-pending-young")).isEqualTo(waiting);
        assertThat(store.require(Chore.KIND, "C-done")).isEqualTo(finished);
        assertThat(store.audit("chore/C-run-old")).containsExactly(new AuditEntry("chore/C-run-old", "failed",
                "job-sweeper", null, "req-sweep", 2, List.of("failure", "finishedAt", "status", "updatedAt",
                "version"), null));
        assertThat(store.audit()).hasSize(2);
        assertThat(abandoned.status()).isEqualTo("pending");
    }

    @Test
    void aRepeatedSweepChangesNothing() {
        stored("C1", "running", 40);
        stored("C2", "pending", 80);
        assertThat(sweeper.sweep(NOW, "req-1")).hasSize(2);
        List<AuditEntry> after = store.audit();
        assertThat(sweeper.sweep(NOW, "req-2")).isEmpty();
        assertThat(sweeper.sweep(NOW.plusSeconds(600), "req-3")).isEmpty();
        assertThat(store.audit()).isEqualTo(after);
    }

    @Test
    void aSweepReadsManyPagesOldestFirst() {
        for (int i = 0; i < 230; i++) {
            stored(String.format("C%03d", i), "running", 31 + i);
        }
        stored("C-fresh", "running", 1);
        assertThat(sweeper.sweep(NOW, "req-1")).hasSize(230);
        assertThat(store.require(Chore.KIND, "C-fresh").status()).isEqualTo("running");
    }
}
