package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spotcheck.imports.ImportJob;
import spotcheck.local.events.LambdaInvokeApi;
import spotcheck.validation.CreditCode;

/**
 * The job runner through the running stack: a long import that continues by invoking its own function again
 * (the stack's Lambda Invoke API) until it is done, and the job sweeper, run by its schedule, ending the jobs
 * nobody works on any more.
 */
class JobsE2ETest extends WorldTest {
    /** The setting that caps one invocation's work; the functions read it at each run. */
    static final String SLICE = "SPOTCHECK_JOB_SLICE_MILLIS";

    static String code(int n) {
        String body = "91441622MA" + String.format("%07d", Math.floorMod(w.suffix.hashCode(), 9000) * 1000 + n);
        return body + CreditCode.checkCharacter(body);
    }

    static JsonNode awaitFinished(String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(Stack.get().awaitS3Events(Duration.ofSeconds(60))).isTrue();
            assertThat(Stack.get().lambda().await(Duration.ofSeconds(60))).isTrue();
            JsonNode job = api.get("/imports/" + importId, w.adminToken).json();
            String status = job.path("status").asText();
            if (status.equals("succeeded") || status.equals("failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish: " + api.get("/imports/" + importId, w.adminToken).text());
    }

    /**
     * 350 rows; each invocation may work for a millisecond, so it writes one chunk of 100 rows, saves its
     * checkpoint and invokes the import function again with the same S3 event: four invocations, three of them
     * continuations, and not one Lambda retry.
     */
    @Test
    void aLongImportContinuesInNewInvocationsOfItsFunctionUntilItIsDone() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            rows.add(List.of(code(i), "续跑测试企业" + i, "企业", w.county, "ABCD".substring(i % 4, i % 4 + 1)));
        }
        LambdaInvokeApi lambda = Stack.get().lambda();
        long accepted = lambda.accepted();
        long delivered = lambda.delivered();
        long failed = lambda.failedAttempts();
        long s3Delivered = Stack.get().s3EventsDelivered();
        System.setProperty(SLICE, "1");
        JsonNode job;
        String importId;
        try {
            importId = ImportsThroughTheStackE2ETest.upload(w.adminToken, "targets", "长名录.csv",
                    ImportsThroughTheStackE2ETest.targetsCsv(rows));
            job = awaitFinished(importId);
        } finally {
            System.clearProperty(SLICE);
        }
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.at("/rows/total").asLong()).isEqualTo(350);
        assertThat(job.at("/rows/created").asLong()).isEqualTo(350);
        assertThat(job.at("/rows/rejected").asLong()).isZero();
        ImportJob stored = Stack.services().entities.require(ImportJob.KIND, importId);
        assertThat(stored.attempt()).isEqualTo(4);
        assertThat(stored.checkpointRow()).isEqualTo(351);
        assertThat(lambda.accepted() - accepted).as("continuations").isEqualTo(3);
        assertThat(lambda.delivered() - delivered).isEqualTo(3);
        assertThat(lambda.failedAttempts() - failed).as("failed invocations, each retried by Lambda").isZero();
        assertThat(Stack.get().s3EventsDelivered() - s3Delivered).isEqualTo(1);
        for (int i : new int[] {0, 100, 349}) {
            assertThat(api.get("/targets/" + code(i), w.adminToken).json().get("version").asLong()).isEqualTo(1);
        }
        JsonNode trail = api.get("/audit?entity=import/" + importId, w.adminToken).json();
        assertThat(trail.get("items")).extracting(n -> n.get("action").asText()).containsExactly("create",
                "succeeded");
        JsonNode chunks = api.get("/audit?entity=import-rows/" + importId + "&limit=10", w.adminToken).json();
        assertThat(chunks.get("items")).hasSize(4);
    }

    @Test
    void theSweeperEndsAnUploadThatNeverCameAndAStalledRunWithAReasonOnce() {
        Api.Reply started = api.post("/imports", w.operatorA, Api.json(Map.of("kind", "inspectors",
                "fileName", "从未上传.xlsx")));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String pending = started.json().get("importId").asText();
        // a run that crashed an hour ago and whose retries never came: running, with an old sign of life
        String stalled = "IMP-" + String.format("%16s", w.suffix.toUpperCase().replaceAll("[^0-9A-Z]", ""))
                .replace(' ', '0');
        String anHourAgo = Instant.now().minus(Duration.ofHours(1)).toString();
        ImportJob crashed = new ImportJob(stalled, "targets", Stack.get().bucket(), "imports/targets/" + stalled
                + "/崩溃.csv", "崩溃.csv", null, null, "running", new ImportJob.Rows(500, 200, 0, 200, 0, 0, 0), null,
                null, 301, List.of(), 1, "admin-" + w.suffix, w.bureau, List.of("admin"), "api", 1, anHourAgo,
                anHourAgo, null, anHourAgo);
        assertThat(Stack.services().entities.checkpoint(ImportJob.KIND, null, crashed)).isTrue();

        Instant later = Instant.now().plus(Duration.ofHours(2));
        Api.Reply swept = api.post("/local/schedules/JobSweeperFunction/run", null,
                "{\"time\":\"" + later + "\"}");
        assertThat(swept.status()).as(swept.text()).isEqualTo(200);
        assertThat(swept.json().at("/event/time").asText()).isEqualTo(later.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString());

        JsonNode never = api.get("/imports/" + pending, w.operatorA).json();
        assertThat(never.get("status").asText()).isEqualTo("failed");
        assertThat(never.at("/error/code").asText()).isEqualTo("upload_missing");
        assertThat(never.at("/error/message").asText()).startsWith("未收到上传的文件").contains("start the import again");
        JsonNode run = api.get("/imports/" + stalled, w.adminToken).json();
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.at("/error/code").asText()).isEqualTo("stalled");
        assertThat(run.at("/error/message").asText()).contains("Rows already written are kept");
        assertThat(run.at("/rows/created").asLong()).isEqualTo(200);
        JsonNode trail = api.get("/audit?entity=import/" + pending, w.adminToken).json();
        assertThat(trail.get("items")).extracting(n -> n.get("action").asText() + " by " + n.get("actor").asText())
                .containsExactly("create by op-a-" + w.suffix, "failed by job-sweeper");

        // the same schedule again, or a later one: nothing more to do
        long version = api.get("/imports/" + pending, w.operatorA).json().get("version").asLong();
        Api.Reply again = api.post("/local/schedules/JobSweeperFunction/run", null, "{\"time\":\"" + later + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("result").asText()).startsWith("failed 0 stale jobs and resumed 0 ");
        assertThat(api.get("/imports/" + pending, w.operatorA).json().get("version").asLong()).isEqualTo(version);
        assertThat(api.get("/audit?entity=import/" + stalled, w.adminToken).json().get("items")).hasSize(1);
    }
}
