package org.heirloom.job;

import java.util.concurrent.CompletableFuture;

/** A submitted job: its title, live progress, a way to cancel it, and its outcome. */
public interface JobHandle<T> {

    String title();

    ProgressTracker progress();

    /** Asks the job to stop at its next check; already committed work stays. */
    void cancel();

    boolean isCancelled();

    /** Completes with the job's result, or exceptionally with its failure. */
    CompletableFuture<T> result();
}
