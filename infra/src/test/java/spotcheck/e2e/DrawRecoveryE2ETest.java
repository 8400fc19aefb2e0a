package spotcheck.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spotcheck.core.Actor;
import spotcheck.core.Json;
import spotcheck.core.Principal;
import spotcheck.core.Role;
import spotcheck.draw.Candidates;
import spotcheck.draw.DrawRecord;
import spotcheck.draws.DrawJob;
import spotcheck.draws.DrawService;
import spotcheck.handlers.Services;
import spotcheck.jobs.JobRunner;
import spotcheck.verifier.VerifyDraw;

/**
 * A draw through the stack when things go wrong or grow large. A draw whose continuation was lost after its record
 * was published and its first hundred tasks written is resumed by the job sweeper (through the draw function) and
 * finishes with the same record and every task once; a second sweep changes nothing. A record and candidate list
 * larger than a response may carry (the limit lowered for the test) answer 303 to a presigned URL of the stored
 * document, which a plain HTTP client and the standalone verifier follow.
 */
class DrawRecoveryE2ETest extends WorldTest {
    static final int YEAR = 2027;
    static final int TARGETS = 130;
    static final String MAX_INLINE = "SPOTCHECK_MAX_INLINE_BYTES";
    static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String item;

    @BeforeAll
    static void rosters() {
        item = w.newItem(w.deptA, "林木采伐监督检查");
        for (String risk : List.of("A", "B", "C", "D")) {
            PlansE2ETest.targets(TARGETS / 4 + (risk.equals("A") ? TARGETS % 4 : 0), w.county, risk, List.of(item));
        }
        for (int i = 0; i < 4; i++) {
            DrawsE2ETest.inspector(w.deptA, item);
        }
    }

    static String approvedPlan(String name) {
        Map<String, Object> body = World.targetedPlan(YEAR, name, w.deptA, List.of(item), w.county);
        body.put("quota", Map.of("ALL", "1"));
        body.put("excludeDrawnThisYear", false);
        return DrawsE2ETest.approvedPlan(body);
    }

    static String sweep(Instant at) {
        Api.Reply swept = api.post("/local/schedules/JobSweeperFunction/run", null, "{\"time\":\"" + at + "\"}");
        assertThat(swept.status()).as(swept.text()).isEqualTo(200);
        return swept.json().get("result").asText();
    }

    static byte[] stored(Services s, String key) throws IOException {
        Path tmp = Files.createTempFile("stored-", ".json");
        try {
            s.files.download(s.bucket, key, null, tmp);
            return Files.readAllBytes(tmp);
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void aDrawWhoseContinuationWasLostIsResumedByTheSweeperAndFinishesTheSame() throws Exception {
        String planId = approvedPlan("2027年中断续抽测试");
        Services s = Stack.services();
        // The draw as a request runs it, except that each run may work for a millisecond (one step) and the
        // asynchronous invocation that should continue it is lost: it stops with its record published and the
        // first hundred of its tasks written, running, and nobody working on it.
        List<String> lost = new ArrayList<>();
        JobRunner slicing = new JobRunner(s.entities, (f, e) -> lost.add(f + " " + e), s.clock,
                () -> new JobRunner.Rhythm(5_000, 0, 1));
        DrawService half = new DrawService(s.entities, s.files, s.bucket, s.plans, s.pool, slicing,
                (f, e) -> lost.add(f + " " + e), SecureRandom::new);
        String drawFunction = System.getProperty("DRAW_FUNCTION");
        assertThat(drawFunction).isNotBlank();
        Principal operator = new Principal("op-a-" + w.suffix, "资源科科员", w.deptA, Set.of(Role.OPERATOR));
        DrawService.DrawView stopped = half.draw(new Actor(operator, "req-half"), planId,
                new DrawService.DrawRequest("0930"), drawFunction);
        String drawId = stopped.draw().drawId();
        assertThat(lost).containsExactly(drawFunction + " {\"drawId\":\"" + drawId + "\"}");

        JsonNode halfway = PlansE2ETest.ok(api.get("/draws/" + drawId, w.operatorA), 200);
        assertThat(halfway.at("/draw/status").asText()).isEqualTo("running");
        assertThat(halfway.at("/draw/targets").asInt()).isEqualTo(TARGETS);
        assertThat(halfway.at("/draw/tasksWritten").asInt()).isEqualTo(DrawService.TASKS_PER_STEP);
        assertThat(halfway.hasNonNull("record")).isFalse();
        assertThat(api.get("/public/draws/" + drawId, null).status()).isEqualTo(404);
        DrawJob job = s.entities.require(DrawJob.KIND, drawId);
        byte[] recordBefore = stored(s, job.recordKey());
        byte[] candidatesBefore = stored(s, job.candidatesKey());
        assertThat(PlansE2ETest.ok(api.get("/tasks?planId=" + planId + "&limit=200", w.operatorA), 200).get("items"))
                .hasSize(DrawService.TASKS_PER_STEP);

        // A sweep while it may still be alive leaves it alone; one after the abandonment time resumes it.
        assertThat(sweep(Instant.now().plus(Duration.ofMinutes(5)))).contains(" and resumed 0 ");
        Instant later = Instant.now().plus(Duration.ofHours(1));
        long delivered = Stack.get().lambda().delivered();
        assertThat(sweep(later)).contains(" and resumed 1 ");
        assertThat(Stack.get().lambda().await(Duration.ofSeconds(60))).isTrue();
        assertThat(Stack.get().lambda().delivered() - delivered).isEqualTo(1);

        JsonNode done = PlansE2ETest.ok(api.get("/draws/" + drawId, w.operatorA), 200);
        assertThat(done.at("/draw/status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.at("/draw/tasksWritten").asInt()).isEqualTo(TARGETS);
        // the request's run, the sweeper's resumption and the draw function's run
        assertThat(done.at("/draw/attempt").asInt()).isEqualTo(3);
        job = s.entities.require(DrawJob.KIND, drawId);
        assertThat(stored(s, job.recordKey())).isEqualTo(recordBefore);
        assertThat(stored(s, job.candidatesKey())).isEqualTo(candidatesBefore);
        JsonNode record = PlansE2ETest.ok(api.get("/public/draws/" + drawId, null), 200);
        assertThat(Json.MAPPER.convertValue(record, DrawRecord.class))
                .isEqualTo(Json.MAPPER.readValue(recordBefore, DrawRecord.class));
        assertThat(done.get("record")).isEqualTo(record);
        assertThat(PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/verify", null), 200).get("verified")
                .asBoolean()).isTrue();

        JsonNode tasks = PlansE2ETest.ok(api.get("/tasks?planId=" + planId + "&limit=200", w.operatorA), 200);
        assertThat(tasks.hasNonNull("next")).isFalse();
        List<String> taskTargets = new ArrayList<>();
        tasks.get("items").forEach(t -> {
            taskTargets.add(t.get("targetId").asText());
            assertThat(t.get("version").asInt()).isEqualTo(1);
            assertThat(t.get("drawId").asText()).isEqualTo(drawId);
        });
        Set<String> drawn = new HashSet<>();
        record.get("targets").forEach(t -> drawn.add(t.get("id").asText()));
        assertThat(taskTargets).hasSize(TARGETS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(taskTargets)).isEqualTo(drawn);
        JsonNode trail = api.get("/audit?entity=draw/" + drawId, w.adminToken).json();
        assertThat(trail.get("items")).extracting(n -> n.get("action").asText() + " by " + n.get("actor").asText())
                .containsExactly("draw by op-a-" + w.suffix, "resumed by job-sweeper",
                        "succeeded by op-a-" + w.suffix);

        // the same sweep again, and a later one: nothing more to do
        long version = done.at("/draw/version").asLong();
        assertThat(sweep(later)).contains(" and resumed 0 ");
        assertThat(sweep(later.plus(Duration.ofHours(1)))).contains(" and resumed 0 ");
        assertThat(api.get("/draws/" + drawId, w.operatorA).json().at("/draw/version").asLong()).isEqualTo(version);
        assertThat(PlansE2ETest.ok(api.get("/tasks?planId=" + planId + "&limit=200", w.operatorA), 200).get("items"))
                .hasSize(TARGETS);
    }

    @Test
    void largeRecordsAndCandidateListsAreSentAsLinksToTheStoredDocuments() throws Exception {
        String planId = approvedPlan("2027年大名单链接测试");
        JsonNode drawn = PlansE2ETest.ok(api.post("/plans/" + planId + "/draw", w.operatorA, ""), 201);
        String drawId = drawn.at("/draw/drawId").asText();
        JsonNode record = drawn.get("record");
        JsonNode candidates = PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/candidates", null), 200);
        DrawJob job = Stack.services().entities.require(DrawJob.KIND, drawId);
        byte[] storedRecord = stored(Stack.services(), job.recordKey());
        byte[] storedCandidates = stored(Stack.services(), job.candidatesKey());
        assertThat(storedCandidates.length).isGreaterThan(5_000);

        System.setProperty(MAX_INLINE, "4000");
        try {
            for (String path : List.of("/public/draws/" + drawId, "/public/draws/" + drawId + "/candidates")) {
                Api.Reply redirect = api.get(path, null);
                assertThat(redirect.status()).as(redirect.text()).isEqualTo(303);
                String location = redirect.header("Location");
                assertThat(location).contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
                assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
                // a plain client, no token: exactly the stored document
                HttpResponse<byte[]> followed = PLAIN.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(followed.statusCode()).isEqualTo(200);
                assertThat(followed.body()).isEqualTo(path.endsWith("/candidates") ? storedCandidates : storedRecord);
            }
            // the stored documents are the core's JSON (nulls written); the inline answers say the same
            assertThat(Json.MAPPER.readValue(storedRecord, DrawRecord.class))
                    .isEqualTo(Json.MAPPER.convertValue(record, DrawRecord.class));
            assertThat(Json.MAPPER.readValue(storedCandidates, Candidates.class))
                    .isEqualTo(Json.MAPPER.convertValue(candidates, Candidates.class));
            // the draw's own view names where its record is instead of carrying it
            JsonNode view = PlansE2ETest.ok(api.get("/draws/" + drawId, w.operatorA), 200);
            assertThat(view.hasNonNull("record")).isFalse();
            assertThat(view.get("recordLink").asText()).isEqualTo("/public/draws/" + drawId);

            // the standalone verifier follows both redirects
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = VerifyDraw.run(new String[] {"--url", Stack.get().apiUrl().toString().replaceAll("/$", "")
                    + "/public/draws/" + drawId}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("verified: " + TARGETS + " targets, "
                    + 2 * TARGETS + " inspector assignments reproduced" + System.lineSeparator());
        } finally {
            System.clearProperty(MAX_INLINE);
        }
        // below the limit: inline again
        assertThat(PlansE2ETest.ok(api.get("/public/draws/" + drawId + "/candidates", null), 200))
                .isEqualTo(candidates);
    }
}
