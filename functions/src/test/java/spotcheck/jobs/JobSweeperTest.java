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

    /** Continuations a resuming sweeper asked for: function and event. */
    final List<String> invoked = new java.util.ArrayList<>();
    final JobRunner resuming = new JobRunner(store, (f, e) -> invoked.add(f + " " + e), CLOCK,
            JobRunner.Rhythm::defaults);
    final JobSweeper resumer = new JobSweeper(store, resuming, List.of(JobSweeper.Staleness.resumed(Chore.KIND,
            Duration.ofMinutes(20), Duration.ofMinutes(20), new JobSweeper.Resumption<>("chore-fn",
                    c -> "{\"choreId\":\"" + c.choreId() + "\"}"))));

    @Test
    void aResumableKindIsResumedNotFailedCountingARunAndOnlyOnce() {
        Chore stalled = stored("C-run-old", "running", 21);
        Chore lost = stored("C-pending-old", "pending", 25);
        Chore running = stored("C-run-fresh", "running", 19);

        JobSweeper.Swept swept = resumer.sweepAll(NOW, "req-sweep");

        assertThat(swept.failed()).isEmpty();
        assertThat(swept.resumed()).containsExactly("chore/C-pending-old", "chore/C-run-old");
        assertThat(invoked).containsExactly("chore-fn {\"choreId\":\"C-pending-old\"}",
                "chore-fn {\"choreId\":\"C-run-old\"}");
        assertThat(store.require(Chore.KIND, "C-run-old")).isEqualTo(stalled.withState(new JobState("running", 2,
                null, 2, stalled.startedAt(), NOW.toString(), null)));
        assertThat(store.require(Chore.KIND, "C-pending-old")).isEqualTo(lost.withState(new JobState("pending", 1,
                null, 2, lost.startedAt(), NOW.toString(), null)));
        assertThat(store.require(Chore.KIND, "C-run-fresh")).isEqualTo(running);
        assertThat(store.audit("chore/C-run-old")).containsExactly(new AuditEntry("chore/C-run-old", "resumed",
                "job-sweeper", null, "req-sweep", 2, List.of("attempt", "updatedAt", "version"), null));

        // resumed now, so alive now: the same sweep again changes nothing
        List<AuditEntry> after = store.audit();
        assertThat(resumer.sweepAll(NOW, "req-2")).isEqualTo(new JobSweeper.Swept(List.of(), List.of()));
        assertThat(invoked).hasSize(2);
        assertThat(store.audit()).isEqualTo(after);
        // ten minutes on, only the one then abandoned; still abandoned 20 minutes after their resumption, the others
        assertThat(resumer.sweepAll(NOW.plus(Duration.ofMinutes(10)), "req-3").resumed())
                .containsExactly("chore/C-run-fresh");
        assertThat(resumer.sweepAll(NOW.plus(Duration.ofMinutes(21)), "req-4").resumed())
                .containsExactlyInAnyOrder("chore/C-pending-old", "chore/C-run-old");
        assertThat(store.require(Chore.KIND, "C-run-old").attempt()).isEqualTo(3);
    }

    @Test
    void aResumableJobThatHasRunTheMostTimesFailsWithTheRunnersReason() {
        String at = NOW.minus(Duration.ofMinutes(30)).toString();
        Chore worn = new Chore("C-worn", "running", JobRunner.MAX_ATTEMPTS, null, 10, 3, null, "op-1", 1, at, at,
                null);
        assertThat(store.checkpoint(Chore.KIND, null, worn)).isTrue();
        Chore almost = new Chore("C-almost", "running", JobRunner.MAX_ATTEMPTS - 1, null, 10, 3, null, "op-1", 1, at,
                at, null);
        assertThat(store.checkpoint(Chore.KIND, null, almost)).isTrue();

        JobSweeper.Swept swept = resumer.sweepAll(NOW, "req-sweep");

        assertThat(swept).isEqualTo(new JobSweeper.Swept(List.of("chore/C-worn"), List.of("chore/C-almost")));
        Chore failed = store.require(Chore.KIND, "C-worn");
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.failure()).isEqualTo(JobRunner.TOO_MANY_RUNS);
        assertThat(failed.done()).isEqualTo(3);
        assertThat(store.require(Chore.KIND, "C-almost").attempt()).isEqualTo(JobRunner.MAX_ATTEMPTS);
        assertThat(invoked).containsExactly("chore-fn {\"choreId\":\"C-almost\"}");
        // the resumed run claims it: one run more than the maximum, which the runner fails with the same reason
        Chore claimed = resuming.claim(Chore.KIND, Chore.fresh("C-almost", 10), c -> c).orElseThrow();
        JobRunner.Outcome<Chore> outcome = resuming.run(Chore.KIND, claimed, run -> run.job(),
                new JobRunner.Invocation("req-run", "chore-fn", () -> "{}", () -> Long.MAX_VALUE));
        assertThat(outcome.job().failure()).isEqualTo(JobRunner.TOO_MANY_RUNS);
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
