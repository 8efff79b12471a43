package org.heirloom.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Runs one job to completion on the current thread; shared by the executors. */
final class JobRunner<T> implements JobHandle<T> {

    private final JobSpec<T> spec;
    private final ProgressTracker progress = new ProgressTracker();
    private final CancellationToken token = new CancellationToken();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    JobRunner(JobSpec<T> spec) {
        this.spec = spec;
    }

    JobSpec<T> spec() {
        return spec;
    }

    /** Runs the job; completes {@link #result()} and returns normally whatever happens. */
    void runHere() {
        try {
            T value = spec.job().run(new JobContext(progress, token));
            result.complete(value);
        } catch (Throwable e) {
            Throwable cause =
                    e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            result.completeExceptionally(cause);
        }
    }

    /** Calls the spec's callback that matches the outcome; call after {@link #runHere()}. */
    void deliverCallbacks() {
        if (result.isCompletedExceptionally()) {
            Throwable failure = result.handle((v, e) -> e).join();
            if (failure instanceof JobCancelledException) {
                spec.cancelledCallback().run();
            } else {
                spec.failureCallback().accept(failure);
            }
        } else {
            spec.successCallback().accept(result.join());
        }
    }

    @Override
    public String title() {
        return spec.title();
    }

    @Override
    public ProgressTracker progress() {
        return progress;
    }

    @Override
    public void cancel() {
        token.cancel();
    }

    @Override
    public boolean isCancelled() {
        return token.isCancelled();
    }

    @Override
    public CompletableFuture<T> result() {
        return result;
    }
}
