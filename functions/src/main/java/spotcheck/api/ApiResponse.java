package spotcheck.api;

import java.util.List;
import java.util.Map;

/** What an operation answers: a status and a body that becomes JSON. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("Location", location));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    /** The error body of specs/api.md. */
    public static ApiResponse error(ApiException e) {
        return new ApiResponse(e.status(), new ErrorBody(new ErrorBody.Error(e.code(), e.getMessage(), e.details())),
                Map.of());
    }

    /** {"error": {"code", "message", "details"}}. */
    public record ErrorBody(Error error) {
        public record Error(String code, String message, List<ApiException.Detail> details) { }
    }
}
