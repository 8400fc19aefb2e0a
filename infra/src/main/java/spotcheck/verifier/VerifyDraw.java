package spotcheck.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import spotcheck.core.DomainException;
import spotcheck.core.Json;
import spotcheck.draw.Candidates;
import spotcheck.draw.DrawRecord;
import spotcheck.draw.Verification;

/**
 * The standalone verifier of a published draw (its own small jar, {@code infra/target/spotcheck-verify.jar}):
 * recomputes the draw from the record and the candidate list and prints what it reproduced, or every
 * difference. Exit status 0 when verified, 1 when the record differs, 2 when the input cannot be read
 * or cannot be a draw.
 * <pre>
 * java -jar spotcheck-verify.jar RECORD.json CANDIDATES.json
 * java -jar spotcheck-verify.jar --url https://HOST/public/draws/DRAW-ID
 * </pre>
 */
public final class VerifyDraw {
    static final int VERIFIED = 0;
    static final int DIFFERS = 1;
    static final int UNREADABLE = 2;
    private static final String USAGE = "usage: java -jar spotcheck-verify.jar RECORD.json CANDIDATES.json\n"
            + "       java -jar spotcheck-verify.jar --url https://HOST/public/draws/DRAW-ID";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private VerifyDraw() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier on {@code args}, printing to {@code out} and {@code err}; answers the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println(USAGE);
            return UNREADABLE;
        }
        DrawRecord record;
        Candidates candidates;
        try {
            if (args[0].equals("--url")) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                String url = args[1].replaceAll("/+$", "");
                record = fetch(http, url, DrawRecord.class);
                candidates = fetch(http, url + "/candidates", Candidates.class);
            } else {
                record = read(Path.of(args[0]), DrawRecord.class);
                candidates = read(Path.of(args[1]), Candidates.class);
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("unreadable: " + e.getMessage());
            return UNREADABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return UNREADABLE;
        }
        Verification.Report report;
        try {
            report = Verification.verify(record, candidates);
        } catch (DomainException e) {
            err.println("not a draw: " + e.getMessage());
            return UNREADABLE;
        }
        report.differences().forEach(d -> out.println(d.describe()));
        out.println(report.summary());
        return report.verified() ? VERIFIED : DIFFERS;
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.readDocument(in, type);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T fetch(HttpClient http, String url, Class<T> type) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("answered HTTP " + response.statusCode());
            }
            return Json.readDocument(in, type);
        } catch (IOException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        }
    }
}
