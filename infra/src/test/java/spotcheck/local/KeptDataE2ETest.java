package spotcheck.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.bench.BulkTargets;
import spotcheck.bench.KeptDataRun;
import spotcheck.local.template.TemplateModelTest;

/**
 * The stack run as a user runs it, with a roster of some size: a county's first page answers quickly even
 * while the data just written is being saved, Ctrl-C stops the stack and its emulator within 15 s, and a
 * start on the kept data has every target. {@code KeptDataBenchmark} runs the same with 100,000 targets.
 */
class KeptDataE2ETest {
    private static final int TARGETS = 5_000;

    @Test
    void aRosterIsListedQuicklyAndKeptAcrossCtrlC(@TempDir Path dir) throws Exception {
        assumeTrue(StackProcess.canRunInOwnProcessGroup(), "setsid is needed to send Ctrl-C to a process group");
        KeptDataRun.Figures f = new KeptDataRun(StackProcess.fromClassPath(), dir, TemplateModelTest.REAL_TEMPLATE)
                .run(TARGETS);

        assertThat(f.firstPage().status()).isEqualTo(200);
        assertThat(f.firstPage().items()).isEqualTo(KeptDataRun.PAGE);
        assertThat(f.firstPage().took()).isLessThan(Duration.ofSeconds(2));
        assertThat(f.interruptStop()).as("Ctrl-C to the stack's process group").isNotNull()
                .isLessThan(Duration.ofSeconds(15));
        assertThat(f.leftRunning()).as("the emulator's processes after Ctrl-C").isEmpty();
        assertThat(f.snapshotBytes()).isPositive();

        assertThat(f.firstPageAfterRestart().items()).isEqualTo(KeptDataRun.PAGE);
        assertThat(f.firstPageAfterRestart().took()).isLessThan(Duration.ofSeconds(2));
        assertThat(f.countyExpected()).isEqualTo(BulkTargets.inCounty(TARGETS, KeptDataRun.COUNTY));
        assertThat(f.countyListed()).isEqualTo(f.countyExpected());
        assertThat(f.countyExact()).as("the county's targets listed after the restart are the ones written").isTrue();
        assertThat(f.lastTargetFound()).isTrue();
        assertThat(f.terminateStop()).as("SIGTERM").isNotNull().isLessThan(Duration.ofSeconds(15));
    }
}
