package spotcheck.jobs;

/** Why a job failed: a stable code and a message the person who asked for the job can act on. */
public record Failure(String code, String message) { }
