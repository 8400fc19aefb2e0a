package spotcheck.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verifier's jar as a user runs it ({@code java -jar target/spotcheck-verify.jar}), in a process of
 * its own, on the specification's three vectors, on tampered copies, on unreadable input and against
 * an HTTP server publishing the two documents. Runs after {@code package} (an *IT test).
 */
class VerifierJarIT {
    private static final Path JAR = Path.of("target", "spotcheck-verify.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;

    /** What a run printed and its exit status. */
    record Run(int status, String out, String err) { }

    @BeforeAll
    static void copyVectors() throws IOException {
        for (String name : new String[] {"a", "b", "c"}) {
            for (String doc : new String[] {"record", "candidates"}) {
                Files.write(dir.resolve(name + "-" + doc + ".json"), vector(name + "-" + doc + ".json"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"a, 678", "b, 150", "c, 150"})
    void theThreeVectorsVerify(String name, int targets) throws Exception {
        Run run = verify(file(name + "-record.json"), file(name + "-candidates.json"));
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("verified: " + targets + " targets, " + 2 * targets
                + " inspector assignments reproduced\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void aTamperedRecordPrintsEachDifferenceAndExitsWithOne() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(vector("a-record.json"));
        ArrayNode targets = (ArrayNode) record.get("targets");
        ObjectNode fifth = (ObjectNode) targets.get(4);
        String id = fifth.get("id").asText();
        List<String> inspectors = new ArrayList<>();
        fifth.get("inspectors").forEach(x -> inspectors.add(x.asText()));
        ArrayNode reversed = fifth.putArray("inspectors");
        reversed.add(inspectors.get(1)).add(inspectors.get(0));
        Path tampered = dir.resolve("a-tampered.json");
        JSON.writeValue(tampered.toFile(), record);

        Run run = verify(tampered.toString(), file("a-candidates.json"));
        Collections.reverse(inspectors);
        assertThat(run.out()).isEqualTo("target " + id + ": inspectors expected [" + inspectors.get(1) + ", "
                + inspectors.get(0) + "], found [" + inspectors.get(0) + ", " + inspectors.get(1) + "]\n"
                + "not verified: 1 difference\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void aCandidateListMissingOneTargetIsFound() throws Exception {
        ObjectNode candidates = (ObjectNode) JSON.readTree(vector("c-candidates.json"));
        ((ArrayNode) candidates.get("targets")).remove(0);
        Path tampered = dir.resolve("c-fewer.json");
        JSON.writeValue(tampered.toFile(), candidates);
        Run run = verify(file("c-record.json"), tampered.toString());
        assertThat(run.out()).startsWith("candidatesSha256: the candidate list hashes to ")
                .contains("\nstratum ").endsWith(" differences\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void inputThatCannotBeReadExitsWithTwo() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"targets\": [", StandardCharsets.UTF_8);
        Run missing = verify(dir.resolve("none.json").toString(), file("a-candidates.json"));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("unreadable: " + dir.resolve("none.json"));
        Run broken = verify(file("a-record.json"), dir.resolve("broken.json").toString());
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.err()).startsWith("unreadable: " + dir.resolve("broken.json") + ": ");
        Run swapped = verify(file("a-candidates.json"), file("a-record.json"));
        assertThat(swapped.status()).isEqualTo(2);
        Run usage = verify(file("a-record.json"));
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).startsWith("usage: java -jar spotcheck-verify.jar RECORD.json CANDIDATES.json");
        assertThat(usage.out()).isEmpty();
    }

    @Test
    void aPublishedDrawIsFetchedByItsUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = switch (path) {
                case "/public/draws/D-b-0001" -> vector("b-record.json");
                case "/public/draws/D-b-0001/candidates" -> vector("b-candidates.json");
                default -> null;
            };
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/public/draws/";
            Run run = verify("--url", base + "D-b-0001");
            assertThat(run.out()).isEqualTo("verified: 150 targets, 300 inspector assignments reproduced\n");
            assertThat(run.status()).isZero();
            Run gone = verify("--url", base + "D-none");
            assertThat(gone.err()).isEqualTo("unreadable: " + base + "D-none: answered HTTP 404\n");
            assertThat(gone.status()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theJarHoldsTheDrawTheKernelsJsonAndJacksonOnly() throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(classes::add);
        }
        assertThat(classes).allSatisfy(name -> assertThat(name).matches(
                "spotcheck/(draw/.*|verifier/.*|core/(Json|DomainException)(\\$.*)?\\.class)|com/fasterxml/jackson/.*"));
        assertThat(classes).contains("spotcheck/draw/Verification.class", "spotcheck/verifier/VerifyDraw.class");
        assertThat(Files.size(JAR)).isLessThan(3_000_000);
    }

    private static Run verify(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the verifier ends within a minute").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    /** The specification's vectors, from the functions module's test resources. */
    private static byte[] vector(String name) throws IOException {
        try (InputStream in = VerifierJarIT.class.getResourceAsStream("/draw-vectors/" + name)) {
            if (in == null) {
                throw new IOException("no vector " + name);
            }
            return in.readAllBytes();
        }
    }
}
