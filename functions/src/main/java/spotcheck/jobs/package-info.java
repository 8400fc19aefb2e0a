/**
 * The resumable job runner that imports use now, and draws, publication batches and reminder runs next.
 *
 * <p>A job is a versioned entity of its own kind (an import's record says which file and what it counted) that
 * implements {@link spotcheck.jobs.Job}: a {@link spotcheck.jobs.JobState} (status pending, running, succeeded or
 * failed; attempt; failure with a code and a message for its requester; started, last sign of life, finished) and
 * its requester. The kind keeps its checkpoint and progress in fields of its own, which only its
 * {@link spotcheck.jobs.JobRunner.Work} reads and writes; the runner changes the state and nothing else, so each
 * kind's stored shape and API answers stay its own.
 *
 * <p>{@link spotcheck.jobs.JobRunner} claims a job (a finished one is left alone, a new claim moves attempt and
 * version on so an older run finds out it was superseded), runs the kind's work, which reports each step through
 * {@link spotcheck.jobs.JobRun} (a periodic checkpoint: the store's unaudited conditional write; a check every ten
 * steps that the job is still this run's), and ends it with an audit record through the store's versioned update,
 * the new status as the action. When the invocation's time runs out, the run saves its checkpoint and a
 * {@link spotcheck.jobs.Continuation} starts the function again with the same event
 * ({@link spotcheck.jobs.LambdaContinuation}: an asynchronous Invoke of itself). {@link spotcheck.jobs.JobSweeper},
 * on a schedule, fails the jobs nobody is working on any more. A new kind of job plugs in with its record, its
 * {@code Work} and its {@code Staleness}; it copies nothing.
 *
 * <p>Below the capabilities, above {@code store} and {@code core}.
 */
package spotcheck.jobs;
