package spotcheck.api;

import java.util.List;

/** An error a client can act on: becomes {"error": {"code", "message", "details"}} with its HTTP status. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Detail> details;

    /** One problem with one field of the input. */
    public record Detail(String field, String message) { }

    public ApiException(int status, String code, String message, List<Detail> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public int status() { return status; }
    public String code() { return code; }
    public List<Detail> details() { return details; }

    public static ApiException malformed(String message) {
        return new ApiException(400, "malformed_request", message, null);
    }
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null);
    }
    public static ApiException tooLarge(String message) {
        return new ApiException(413, "payload_too_large", message, null);
    }
    public static ApiException invalid(String message, List<Detail> details) {
        return new ApiException(422, "invalid", message, details);
    }
    public static ApiException invalid(String field, String message) {
        return new ApiException(422, "invalid", message, List.of(new Detail(field, message)));
    }
}
