package org.heirloom.ui.jobs;

import java.util.concurrent.CompletableFuture;
import javafx.concurrent.Task;
import org.heirloom.job.CancellationToken;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobContext;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;
import org.heirloom.job.ProgressTracker;

/** A core job wrapped in a JavaFX {@link Task}: progress and message feed the status bar. */
public final class FxJob<T> implements JobHandle<T> {

    private final JobSpec<T> spec;
    private final ProgressTracker tracker = new ProgressTracker();
    private final CancellationToken token = new CancellationToken();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Task<T> task;

    FxJob(JobSpec<T> spec, java.util.function.Consumer<FxJob<?>> onDone) {
        this.spec = spec;
        this.task =
                new Task<>() {
                    {
                        updateTitle(spec.title());
                    }

                    @Override
                    protected T call() throws Exception {
                        // Task coalesces these updates onto the FX thread: no flooding.
                        tracker.addListener(
                                s -> {
                                    if (s.total() > 0) {
                                        updateProgress(s.done(), s.total());
                                    }
                                    updateMessage(s.describe());
                                });
                        return spec.job().run(new JobContext(tracker, token));
                    }
                };
        task.setOnSucceeded(
                e -> {
                    onDone.accept(this);
                    result.complete(task.getValue());
                    spec.successCallback().accept(task.getValue());
                });
        task.setOnFailed(
                e -> {
                    onDone.accept(this);
                    Throwable failure = task.getException();
                    result.completeExceptionally(failure);
                    if (failure instanceof JobCancelledException) {
                        spec.cancelledCallback().run();
                    } else {
                        spec.failureCallback().accept(failure);
                    }
                });
    }

    JobSpec<T> spec() {
        return spec;
    }

    /** The JavaFX task, for binding progress bars and labels. */
    public Task<T> task() {
        return task;
    }

    @Override
    public String title() {
        return spec.title();
    }

    @Override
    public ProgressTracker progress() {
        return tracker;
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
