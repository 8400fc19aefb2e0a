package spotcheck.api;

import java.util.List;
import java.util.Map;
import spotcheck.core.DomainException;

/** What an operation answers: a status and a body that becomes JSON. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }

    /** Accepted, going on elsewhere: {@code location} says where to follow it. */
    public static ApiResponse accepted(Object body, String location) {
        return new ApiResponse(202, body, Map.of("Location", location));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    /** A file to download (a template, an export); sent base64-encoded, as API Gateway expects binary bodies. */
    public static ApiResponse file(byte[] bytes, String contentType, String fileName) {
        return new ApiResponse(200, new FileBody(bytes, contentType, fileName), Map.of("Cache-Control", "no-store"));
    }

    /** The bytes of a download, its media type and the name a browser saves it under. */
    public record FileBody(byte[] bytes, String contentType, String fileName) {
        /** RFC 6266: an ASCII fallback name and the real (Chinese) one, percent-encoded UTF-8. */
        public String disposition() {
            String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
            String encoded = java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
        }
    }

    /** The error body of specs/api.md for a domain error, with the status its kind maps to. */
    public static ApiResponse error(DomainException e) {
        return new ApiResponse(status(e.kind()), new ErrorBody(new ErrorBody.Error(e.code(), e.getMessage(),
                e.details())), Map.of());
    }

    /** The same body for an error of the HTTP layer itself (a method not allowed, an internal error). */
    public static ApiResponse error(HttpError e) {
        return new ApiResponse(e.status(), new ErrorBody(new ErrorBody.Error(e.code(), e.getMessage(), List.of())),
                Map.of());
    }

    /** The one place a kind of domain error becomes an HTTP status. */
    public static int status(DomainException.Kind kind) {
        return switch (kind) {
            case MALFORMED -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case INVALID -> 422;
        };
    }

    /** {"error": {"code", "message", "details"}}. */
    public record ErrorBody(Error error) {
        public record Error(String code, String message, List<DomainException.Detail> details) { }
    }
}
