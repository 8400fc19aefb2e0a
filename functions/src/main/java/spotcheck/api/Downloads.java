package spotcheck.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import spotcheck.store.FileStore;
import spotcheck.core.DomainException;
import spotcheck.core.Ids;

/**
 * Files for clients to download (exports). A file that fits a Lambda response goes in the
 * response; a larger one is put in the bucket under {@code exports/} and the client is sent
 * there (303 to a presigned URL valid for 15 minutes), as browsers and {@code curl -L} follow.
 */
public final class Downloads {
    /** Lambda's response limit is 6 MB and base64 adds a third: keep inline files under 4 MB. */
    static final int MAX_INLINE_BYTES = 4 * 1024 * 1024;
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final FileStore files;
    private final String bucket;
    private final Clock clock;

    public Downloads(FileStore files, String bucket, Clock clock) {
        this.files = files;
        this.bucket = bucket;
        this.clock = clock;
    }

    /** The {@code format} query parameter: xlsx (default) or csv. */
    public static String format(ApiRequest r) {
        String format = r.query("format").orElse("xlsx").toLowerCase(Locale.ROOT);
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw DomainException.invalid("format", "format is xlsx or csv");
        }
        return format;
    }

    public static String contentType(String format) {
        return format.equals("csv") ? "text/csv; charset=utf-8" : XLSX;
    }

    public ApiResponse deliver(byte[] file, String format, String baseName) {
        // made here rather than at init, where a formatter and the zone rules would cost every container
        String name = baseName + "-" + clock.instant().atZone(ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + "." + format;
        if (file.length <= MAX_INLINE_BYTES) {
            return ApiResponse.file(file, contentType(format), name);
        }
        String key = "exports/" + Ids.random("", 26) + "/" + name;
        files.upload(bucket, key, file, contentType(format));
        return new ApiResponse(303, null, Map.of("Location", files.presignGet(bucket, key, Duration.ofMinutes(15)),
                "Cache-Control", "no-store"));
    }
}
