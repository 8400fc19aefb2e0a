package spotcheck.api;

/** An error of the HTTP layer itself, not of the domain: a method a path does not take, an internal failure. */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String code;

    public HttpError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }
    public String code() { return code; }
}
