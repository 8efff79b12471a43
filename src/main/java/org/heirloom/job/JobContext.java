package org.heirloom.job;

/**
 * What a running job gets: somewhere to report progress and a token to poll for cancellation.
 *
 * @param progress where to report units of work
 * @param cancellation polled between units of work
 */
public record JobContext(Progress progress, CancellationToken cancellation) {

    /** A context that reports nowhere and is never cancelled (library calls, tests). */
    public static JobContext none() {
        return new JobContext(Progress.NONE, new CancellationToken());
    }

    /** Shorthand for {@code cancellation().throwIfCancelled()}. */
    public void checkCancelled() {
        cancellation.throwIfCancelled();
    }
}
