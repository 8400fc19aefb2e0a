package spotcheck.jobs;

/**
 * How a job that ran out of time goes on: a new invocation of the same function with the same event, started
 * asynchronously, which claims the job and resumes from its checkpoint. Production: {@link LambdaContinuation}.
 */
public interface Continuation {

    /** Starts {@code function} again with {@code event} (JSON) and returns without waiting for it. */
    void invoke(String function, String event);
}
