package org.heirloom.job;

import java.util.concurrent.CompletableFuture;

/**
 * What every executor's handle shares: the spec, live progress, the cancellation token and the
 * outcome, plus delivering the outcome to the spec's callbacks.
 */
public abstract class AbstractJobHandle<T> implements JobHandle<T> {

    private final JobSpec<T> spec;
    private final ProgressTracker progress = new ProgressTracker();
    private final CancellationToken token = new CancellationToken();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    protected AbstractJobHandle(JobSpec<T> spec) {
        this.spec = spec;
    }

    protected JobSpec<T> spec() {
        return spec;
    }

    /** The context the job runs with. */
    protected JobContext context() {
        return new JobContext(progress, token);
    }

    /** Records success and calls the success callback. */
    protected void succeed(T value) {
        result.complete(value);
        spec.successCallback().accept(value);
    }

    /** Records failure and calls the cancelled or failure callback. */
    protected void fail(Throwable failure) {
        result.completeExceptionally(failure);
        if (failure instanceof JobCancelledException) {
            spec.cancelledCallback().run();
        } else {
            spec.failureCallback().accept(failure);
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
        // Cooperative: the job stops at its next check and keeps what it committed.
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
