package org.heirloom.job;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A job with its title and callbacks. Executors deliver the callbacks on their "owner" thread: the
 * caller's thread for {@link SynchronousJobExecutor}, the JavaFX thread in the UI.
 */
public final class JobSpec<T> {

    private final String title;
    private final Job<T> job;
    private Consumer<? super T> onSuccess = r -> {};
    private Consumer<? super Throwable> onFailure = e -> {};
    private Runnable onCancelled = () -> {};

    private JobSpec(String title, Job<T> job) {
        this.title = Objects.requireNonNull(title);
        this.job = Objects.requireNonNull(job);
    }

    public static <T> JobSpec<T> of(String title, Job<T> job) {
        return new JobSpec<>(title, job);
    }

    public JobSpec<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public JobSpec<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public JobSpec<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    public String title() {
        return title;
    }

    public Job<T> job() {
        return job;
    }

    public Consumer<? super T> successCallback() {
        return onSuccess;
    }

    public Consumer<? super Throwable> failureCallback() {
        return onFailure;
    }

    public Runnable cancelledCallback() {
        return onCancelled;
    }
}
