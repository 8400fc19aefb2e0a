package spotcheck.jobs;

/** A job cannot finish (its input is unusable as a whole): it fails with a reason its requester reads. */
public final class JobFailure extends Exception {
    private final String code;

    public JobFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Failure failure() {
        return new Failure(code, getMessage());
    }
}
