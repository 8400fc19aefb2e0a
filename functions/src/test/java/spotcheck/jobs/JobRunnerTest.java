package spotcheck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static spotcheck.store.StoreFixtures.CLOCK;
import static spotcheck.store.StoreFixtures.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import spotcheck.store.MemoryStore;
import spotcheck.store.MemoryStore.AuditEntry;

/** The runner on the in-memory store: claims, steps and checkpoints, continuation, supersession and the end. */
class JobRunnerTest {
    static final String EVENT = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}";

    final MemoryStore store = new MemoryStore(CLOCK);
    /** What the continuation port was asked: function, then event. */
    final List<List<String>> continued = new ArrayList<>();
    final JobRunner runner = new JobRunner(store, (function, event) -> continued.add(List.of(function, event)),
            CLOCK, () -> new JobRunner.Rhythm(5_000, 30_000, Long.MAX_VALUE));
    /** The numbers the work counted, in order, over every run. */
    final List<Long> counted = new ArrayList<>();

    /** Counts from its checkpoint to its total, a number per step. */
    final JobRunner.Work<Chore> counting = run -> {
        for (long i = run.job().done() + 1; i <= run.job().total(); i++) {
            run.beforeStep();
            counted.add(i);
            long n = i;
            run.afterStep(c -> c.at(n));
        }
        return run.job().at(run.job().total()).withResult("counted to " + run.job().total());
    };

    static JobRunner.Invocation invocation(String requestId, LongSupplier remaining) {
        return new JobRunner.Invocation(requestId, "spotcheck-ImportFunction", () -> EVENT, remaining);
    }

    static JobRunner.Invocation unhurried(String requestId) {
        return invocation(requestId, () -> Long.MAX_VALUE);
    }

    /** Plenty of time for {@code steps} steps, then less than the runner stops at. */
    static LongSupplier runsOutAfter(int steps) {
        AtomicLong asked = new AtomicLong();
        return () -> asked.incrementAndGet() < steps ? 600_000 : 10_000;
    }

    @Test
    void aFirstClaimStoresTheJobRunningAtAttemptOneAndEachClaimMovesAttemptAndVersionOn() {
        Chore first = runner.claim(Chore.KIND, Chore.fresh("C1", 5), UnaryOperator.identity()).orElseThrow();
        Chore expected = new Chore("C1", "running", 1, null, 5, 0, null, "op-1", 1, NOW, NOW, null);
        assertThat(first).isEqualTo(expected);
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(expected);
        Chore second = runner.claim(Chore.KIND, Chore.fresh("C1", 5), c -> c.withResult("adopted")).orElseThrow();
        assertThat(second).isEqualTo(new Chore("C1", "running", 2, null, 5, 0, "adopted", "op-1", 2, NOW, NOW, null));
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(second);
        assertThat(store.audit()).as("claims are checkpoints: no audit record").isEmpty();
    }

    @Test
    void aRunStepsToTheEndAndFinishesWithItsAuditRecord() {
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        JobRunner.Outcome<Chore> outcome = runner.run(Chore.KIND, claimed, counting, unhurried("req-1"));
        Chore done = new Chore("C1", "succeeded", 1, null, 3, 3, "counted to 3", "op-1", 2, NOW, NOW, NOW);
        assertThat(outcome).isEqualTo(new JobRunner.Outcome<>(JobRunner.Ending.FINISHED, done));
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(done);
        assertThat(counted).containsExactly(1L, 2L, 3L);
        assertThat(store.audit("chore/C1")).containsExactly(new AuditEntry("chore/C1", "succeeded", "op-1",
                "hy-forest", "req-1", 2, List.of("done", "finishedAt", "result", "status", "version"), null));
        assertThat(continued).isEmpty();
    }

    @Test
    void aRepeatedEventForAFinishedJobChangesNothing() {
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 2), UnaryOperator.identity()).orElseThrow();
        Chore done = runner.run(Chore.KIND, claimed, counting, unhurried("req-1")).job();
        assertThat(runner.claim(Chore.KIND, Chore.fresh("C1", 2), UnaryOperator.identity())).isEmpty();
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(done);
        assertThat(store.audit()).hasSize(1);
    }

    @Test
    void aRunOutOfTimeSavesItsCheckpointAsksForOneContinuationWithTheSameEventAndTheNextRunResumes() {
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 7), UnaryOperator.identity()).orElseThrow();
        JobRunner.Outcome<Chore> paused = runner.run(Chore.KIND, claimed, counting,
                invocation("req-1", runsOutAfter(3)));
        Chore saved = new Chore("C1", "running", 1, null, 7, 3, null, "op-1", 2, NOW, NOW, null);
        assertThat(paused).isEqualTo(new JobRunner.Outcome<>(JobRunner.Ending.PAUSED, saved));
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(saved);
        assertThat(continued).containsExactly(List.of("spotcheck-ImportFunction", EVENT));
        assertThat(store.audit()).isEmpty();

        // the continuation's run: the same event claims the job again and goes on after the checkpoint
        Chore again = runner.claim(Chore.KIND, Chore.fresh("C1", 7), UnaryOperator.identity()).orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.done()).isEqualTo(3);
        JobRunner.Outcome<Chore> done = runner.run(Chore.KIND, again, counting, unhurried("req-2"));
        assertThat(done.ending()).isEqualTo(JobRunner.Ending.FINISHED);
        assertThat(done.job().status()).isEqualTo("succeeded");
        assertThat(done.job().attempt()).isEqualTo(2);
        assertThat(counted).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(continued).hasSize(1);
    }

    @Test
    void checkpointsAreSavedWhenDueWithoutStoppingTheRun() {
        JobRunner everyStep = new JobRunner(store, (f, e) -> continued.add(List.of(f, e)), CLOCK,
                () -> new JobRunner.Rhythm(-1, 30_000, Long.MAX_VALUE));
        List<Long> seen = new ArrayList<>();
        JobRunner.Work<Chore> watching = run -> {
            for (long i = 1; i <= 3; i++) {
                long n = i;
                run.afterStep(c -> c.at(n));
                seen.add(store.require(Chore.KIND, "C1").done());
            }
            return run.job();
        };
        Chore claimed = everyStep.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        assertThat(everyStep.run(Chore.KIND, claimed, watching, unhurried("req-1")).job().version()).isEqualTo(5);
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(continued).isEmpty();
    }

    @Test
    void aSliceLimitStopsARunAfterItsFirstStepWhateverTimeIsLeft() {
        JobRunner sliced = new JobRunner(store, (f, e) -> continued.add(List.of(f, e)), CLOCK,
                () -> new JobRunner.Rhythm(5_000, 30_000, 0));
        Chore claimed = sliced.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        assertThat(sliced.run(Chore.KIND, claimed, counting, unhurried("req-1")).ending())
                .isEqualTo(JobRunner.Ending.PAUSED);
        assertThat(store.require(Chore.KIND, "C1").done()).isEqualTo(1);
        assertThat(counted).containsExactly(1L);
        assertThat(continued).hasSize(1);
    }

    @Test
    void aRunTakenOverByAnotherStopsAtItsNextCheckWithoutWritingAndTheOtherFinishes() {
        Chore older = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        Chore newer = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        JobRunner.Outcome<Chore> stopped = runner.run(Chore.KIND, older, counting, unhurried("req-old"));
        assertThat(stopped.ending()).isEqualTo(JobRunner.Ending.SUPERSEDED);
        assertThat(counted).isEmpty();
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(newer);
        // a superseded run's checkpoint and end fail too, changing nothing
        JobRunner.Work<Chore> noChecks = run -> {
            run.save(c -> c.at(1));
            return run.job();
        };
        assertThat(runner.run(Chore.KIND, older, noChecks, unhurried("req-old")).ending())
                .isEqualTo(JobRunner.Ending.SUPERSEDED);
        assertThat(runner.run(Chore.KIND, older, run -> run.job().at(3), unhurried("req-old")).ending())
                .isEqualTo(JobRunner.Ending.SUPERSEDED);
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(newer);
        assertThat(runner.run(Chore.KIND, newer, counting, unhurried("req-new")).job().status())
                .isEqualTo("succeeded");
        assertThat(counted).containsExactly(1L, 2L, 3L);
        assertThat(store.audit("chore/C1")).extracting(AuditEntry::requestId).containsExactly("req-new");
    }

    @Test
    void aJobThatCannotFinishFailsWithItsReasonThroughTheKindsHookAndItsAuditRecord() {
        JobRunner.Work<Chore> refusing = new JobRunner.Work<>() {
            @Override
            public Chore run(JobRun<Chore> run) throws JobFailure {
                throw new JobFailure("empty_file", "文件是空的 (the file is empty)");
            }

            @Override
            public Chore failing(Chore job, Failure failure) {
                return job.withResult("report for " + failure.code());
            }
        };
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        Chore failed = runner.run(Chore.KIND, claimed, refusing, unhurried("req-1")).job();
        assertThat(failed).isEqualTo(new Chore("C1", "failed", 1, new Failure("empty_file",
                "文件是空的 (the file is empty)"), 3, 0, "report for empty_file", "op-1", 2, NOW, NOW, NOW));
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(failed);
        assertThat(store.audit("chore/C1")).extracting(AuditEntry::action).containsExactly("failed");
    }

    @Test
    void aJobClaimedMoreTimesThanAnyRealWorkNeedsFailsInsteadOfLoopingOn() {
        Chore worn = new Chore("C1", "running", JobRunner.MAX_ATTEMPTS, null, 3, 1, null, "op-1", 7, NOW, NOW, null);
        assertThat(store.checkpoint(Chore.KIND, null, worn.withState(new JobState("running",
                JobRunner.MAX_ATTEMPTS, null, 1, NOW, NOW, null)))).isTrue();
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        JobRunner.Outcome<Chore> outcome = runner.run(Chore.KIND, claimed, counting, unhurried("req-1"));
        assertThat(outcome.job().status()).isEqualTo("failed");
        assertThat(outcome.job().failure().code()).isEqualTo("too_many_runs");
        assertThat(counted).isEmpty();
        assertThat(continued).isEmpty();
    }

    @Test
    void aPausedRunWithoutAFunctionToContinueInFailsTheInvocation() {
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        JobRunner.Invocation nowhere = new JobRunner.Invocation("req-1", null, () -> EVENT, () -> 0);
        assertThatThrownBy(() -> runner.run(Chore.KIND, claimed, counting, nowhere))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no function to continue in");
        assertThat(store.require(Chore.KIND, "C1").done()).isEqualTo(1);
    }

    @Test
    void theSweepersFailIsConditionalSoAJobThatMovedOnWins() {
        Chore claimed = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        Chore moved = runner.claim(Chore.KIND, Chore.fresh("C1", 3), UnaryOperator.identity()).orElseThrow();
        Failure stalled = new Failure("stalled", "no progress");
        assertThat(runner.fail(Chore.KIND, claimed, stalled, spotcheck.store.StoreFixtures.ADMIN,
                CLOCK.instant())).isFalse();
        assertThat(store.require(Chore.KIND, "C1")).isEqualTo(moved);
        assertThat(runner.fail(Chore.KIND, moved, stalled, spotcheck.store.StoreFixtures.ADMIN, CLOCK.instant()))
                .isTrue();
        assertThat(store.require(Chore.KIND, "C1").failure()).isEqualTo(stalled);
        assertThat(store.audit("chore/C1")).extracting(AuditEntry::action, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("failed", "admin-1"));
    }
}
