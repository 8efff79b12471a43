package org.heirloom.job;

import java.util.concurrent.CompletionException;

/** Runs one job to completion on the current thread; shared by the executors. */
final class JobRunner<T> extends AbstractJobHandle<T> {

    private T value;
    private Throwable failure;

    JobRunner(JobSpec<T> spec) {
        super(spec);
    }

    /** Runs the job and keeps its outcome; returns normally whatever happens. */
    void runHere() {
        try {
            value = spec().job().run(context());
        } catch (Throwable e) {
            failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Completes the result and calls the matching callback; call after {@link #runHere()}. */
    void deliverCallbacks() {
        if (failure != null) {
            fail(failure);
        } else {
            succeed(value);
        }
    }
}
