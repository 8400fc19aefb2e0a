package spotcheck.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import spotcheck.sheets.SheetException;
import spotcheck.sheets.SheetLimits;
import spotcheck.sheets.SheetReader;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;

/** Roster files as bureau staff make them (GBK CSV from Excel, XLSX), and a plain S3 client to upload them. */
final class Uploads {
    private Uploads() { }

    static S3Client s3() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(Stack.get().awsUrl().toString())).forcePathStyle(true).build();
    }

    /** A CSV as Excel saves it on a Chinese Windows machine: GBK, CRLF, quotes only where needed. */
    static byte[] csv(Charset charset, List<List<String>> rows) {
        StringBuilder s = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                    cell = "\"" + cell.replace("\"", "\"\"") + "\"";
                }
                s.append(i == 0 ? "" : ",").append(cell);
            }
            s.append("\r\n");
        }
        return s.toString().getBytes(charset);
    }

    static byte[] xlsx(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetWriter w = Sheets.xlsxWriter(out, "Sheet1")) {
            for (List<String> row : rows) {
                w.writeRow(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every row of a table file, header first, read the way an import reads it. */
    static List<List<String>> rows(byte[] bytes, String fileName) {
        try {
            Path tmp = Files.createTempFile("table", fileName);
            try {
                Files.write(tmp, bytes);
                List<List<String>> rows = new ArrayList<>();
                try (SheetReader r = Sheets.open(tmp, fileName, SheetLimits.DEFAULT)) {
                    rows.add(r.header());
                    for (SheetReader.Row row = r.next(); row != null; row = r.next()) {
                        rows.add(row.cells());
                    }
                }
                return rows;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SheetException e) {
            throw new IllegalStateException(e.code() + ": " + e.getMessage(), e);
        }
    }

    static PutObjectResponse put(S3Client s3, String bucket, String key, byte[] bytes) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
}
