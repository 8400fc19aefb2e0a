package spotcheck.core;

import java.util.List;

/**
 * An error the caller can act on, in the domain's terms: what kind of problem, a message and,
 * for invalid input, one detail per field. Only the API layer turns a kind into an HTTP status;
 * an S3 event or a scheduled run records it as the reason a job or a row failed.
 */
public class DomainException extends RuntimeException {

    /** The kinds of problem, each with the code clients see in {@code {"error": {"code": ...}}}. */
    public enum Kind {
        MALFORMED("malformed_request"),
        UNAUTHORIZED("unauthorized"),
        FORBIDDEN("forbidden"),
        NOT_FOUND("not_found"),
        CONFLICT("conflict"),
        TOO_LARGE("payload_too_large"),
        INVALID("invalid");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String code;
    private final List<Detail> details;

    /** One problem with one field of the input. */
    public record Detail(String field, String message) { }

    public DomainException(Kind kind, String message, List<Detail> details) {
        this(kind, kind.code(), message, details);
    }

    /** A problem of a kind with a code of its own (e.g. {@code calendar_missing}, an invalid input). */
    public DomainException(Kind kind, String code, String message, List<Detail> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public Kind kind() { return kind; }
    public String code() { return code; }
    public List<Detail> details() { return details; }

    public static DomainException malformed(String message) {
        return new DomainException(Kind.MALFORMED, message, null);
    }
    public static DomainException unauthorized(String message) {
        return new DomainException(Kind.UNAUTHORIZED, message, null);
    }
    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, message, null);
    }
    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message, null);
    }
    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message, null);
    }
    public static DomainException tooLarge(String message) {
        return new DomainException(Kind.TOO_LARGE, message, null);
    }
    public static DomainException invalid(String message, List<Detail> details) {
        return new DomainException(Kind.INVALID, message, details);
    }
    public static DomainException invalid(String field, String message) {
        return new DomainException(Kind.INVALID, message, List.of(new Detail(field, message)));
    }
}
