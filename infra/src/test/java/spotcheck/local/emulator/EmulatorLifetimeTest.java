package spotcheck.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spotcheck.local.template.TemplateModelTest;

/** A stack killed outright (kill -9) leaves no emulator running. */
class EmulatorLifetimeTest {
    @Test
    void motoDiesWithAKilledStack(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "spotcheck.local.LocalStack", "--api-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--template", TemplateModelTest.testTemplate().toString());
        builder.redirectError(dir.resolve("stderr.log").toFile());
        Process stack = builder.start();
        List<ProcessHandle> emulator;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertThat(ready).as("the stack's first line; its log is in " + dir.resolve("stderr.log"))
                    .startsWith("READY api=http://127.0.0.1:");
            emulator = stack.toHandle().descendants().toList();
            assertThat(emulator).as("the emulator's processes")
                    .anyMatch(p -> p.info().commandLine().orElse("").contains(Emulator.COMMAND));
        } finally {
            stack.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertThat(stack.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (emulator.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(emulator.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                + p.info().commandLine().orElse(""))).as("processes left running after the stack was killed")
                .isEmpty();
    }
}
