package spotcheck.jobs;

import spotcheck.core.Principal;
import spotcheck.store.Versioned;

/**
 * A job as the runner sees it: a versioned entity with a {@link JobState}, asked for by someone. Each kind keeps its
 * own record (an import's says which file, how far it got and what it counted) and implements this on it, so the
 * runner changes a job's state without knowing the rest, and a kind's stored shape and API answers stay its own.
 *
 * @param <J> the kind's own record
 */
public interface Job<J extends Job<J>> extends Versioned {

    JobState state();

    /** This job in another state (its version included), everything of its kind's own unchanged. */
    J withState(JobState state);

    /** Who asked for the job: the runner acts and audits in their name. */
    Principal requester();
}
