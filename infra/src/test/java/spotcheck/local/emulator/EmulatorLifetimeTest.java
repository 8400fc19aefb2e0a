package spotcheck.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import spotcheck.local.StackProcess;
import spotcheck.local.template.TemplateModel;
import spotcheck.local.template.TemplateModelTest;

/**
 * However the stack's JVM ends, its emulator ends too, and keeps what it held: killed outright (kill -9, no
 * shutdown hook runs) or stopped with Ctrl-C (SIGINT to the terminal's process group).
 */
class EmulatorLifetimeTest {
    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("lifetime"));

    @TempDir
    Path dir;

    private StackProcess start(boolean ownProcessGroup) throws Exception {
        return StackProcess.start(StackProcess.fromClassPath(), ownProcessGroup, dir.resolve("stack.log"),
                "--api-port", "0", "--data-dir", dir.resolve("data").toString(),
                "--template", TemplateModelTest.testTemplate().toString());
    }

    private static String table() {
        return TemplateModel.load(TemplateModelTest.testTemplate()).table("Things").orElseThrow().name();
    }

    private static void write(StackProcess stack, String value) {
        try (DynamoDbClient db = stack.dynamo()) {
            db.putItem(r -> r.tableName(table()).item(Map.of("id", KEY.get("id"), "value", AttributeValue.fromS(value))));
        }
    }

    private static String read(StackProcess stack) {
        try (DynamoDbClient db = stack.dynamo()) {
            return db.getItem(r -> r.tableName(table()).key(KEY).consistentRead(true)).item().get("value").s();
        }
    }

    private static List<ProcessHandle> emulatorOf(StackProcess stack) {
        List<ProcessHandle> emulator = stack.handle().descendants().toList();
        assertThat(emulator).as("the emulator's processes")
                .anyMatch(p -> p.info().commandLine().orElse("").contains(Emulator.COMMAND));
        return emulator;
    }

    private static void assertAllEnd(List<ProcessHandle> processes, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(processes.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                + p.info().commandLine().orElse(""))).as("processes left running after the stack ended").isEmpty();
    }

    @Test
    void motoDiesWithAKilledStackAndKeepsItsData() throws Exception {
        List<ProcessHandle> emulator;
        try (StackProcess stack = start(false)) {
            emulator = emulatorOf(stack);
            write(stack, "before the kill");
            stack.kill(); // SIGKILL: no shutdown hook runs
            assertThat(stack.awaitExit(Duration.ofSeconds(10))).isNotNull();
        }
        assertAllEnd(emulator, Duration.ofSeconds(10));

        try (StackProcess again = start(false)) {
            assertThat(read(again)).isEqualTo("before the kill");
            again.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(15))).isNotNull();
        }
    }

    @Test
    void ctrlCStopsTheStackAndItsEmulatorWithinFifteenSecondsAndKeepsTheData() throws Exception {
        assumeTrue(StackProcess.canRunInOwnProcessGroup(), "setsid is needed to send Ctrl-C to a process group");
        List<ProcessHandle> emulator;
        try (StackProcess stack = start(true)) {
            emulator = emulatorOf(stack);
            write(stack, "before Ctrl-C");
            stack.interruptGroup();
            assertThat(stack.awaitExit(Duration.ofSeconds(15))).as("the stack's stop after Ctrl-C").isNotNull();
            assertThat(stack.handle().isAlive()).isFalse();
        }
        assertAllEnd(emulator, Duration.ofSeconds(1));
        assertThat(Emulator.snapshotFile(dir.resolve("data"))).isRegularFile();

        try (StackProcess again = start(false)) {
            assertThat(read(again)).isEqualTo("before Ctrl-C");
            again.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(15))).isNotNull();
        }
    }
}
