package org.heirloom.job;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the last of a burst of requests once the burst has paused, through a {@link JobExecutor}.
 * Each request replaces the one still waiting and restarts the wait; only the latest request's
 * callbacks are delivered, so a slow older job never overwrites a newer result. Time comes from a
 * {@link Scheduler}, so tests drive it by hand instead of sleeping, and no caller needs a thread of
 * its own for the waiting.
 */
public final class Debouncer implements AutoCloseable {

    /** Runs a task after a delay. */
    @FunctionalInterface
    public interface Scheduler {

        /**
         * @return calls the task off if it has not started
         */
        Runnable schedule(Duration delay, Runnable task);

        /** One shared daemon timer thread for the whole application. */
        static Scheduler system() {
            return SystemTimer::schedule;
        }
    }

    private final JobExecutor jobs;
    private final Duration quiet;
    private final Scheduler scheduler;
    private long generation;
    private Runnable pending;
    private boolean closed;

    /**
     * @param quiet how long requests must pause before the last one runs; zero runs each at once
     */
    public Debouncer(JobExecutor jobs, Duration quiet, Scheduler scheduler) {
        this.jobs = Objects.requireNonNull(jobs);
        this.quiet = Objects.requireNonNull(quiet);
        this.scheduler = Objects.requireNonNull(scheduler);
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("quiet time must not be negative: " + quiet);
        }
    }

    /** Submits {@code spec} once no other request came for the quiet time. */
    public <T> void request(JobSpec<T> spec) {
        schedule(spec, quiet);
    }

    /** Submits {@code spec} at once, replacing any waiting request. */
    public <T> void requestNow(JobSpec<T> spec) {
        schedule(spec, Duration.ZERO);
    }

    /** Drops the waiting request and the callbacks of any job already submitted. */
    public synchronized void cancel() {
        generation++;
        dropPending();
    }

    /** Whether a request is waiting for its quiet time to pass. */
    public synchronized boolean isWaiting() {
        return pending != null;
    }

    private <T> void schedule(JobSpec<T> spec, Duration wait) {
        long gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = ++generation;
            dropPending();
            if (!wait.isZero()) {
                pending = scheduler.schedule(wait, () -> fire(gen, spec));
                return;
            }
        }
        fire(gen, spec);
    }

    private <T> void fire(long gen, JobSpec<T> spec) {
        synchronized (this) {
            if (closed || gen != generation) {
                return; // superseded while the timer was already running this
            }
            pending = null;
        }
        // Outside the lock: a synchronous executor runs the job and its callbacks right here.
        jobs.submit(
                JobSpec.of(spec.title(), spec.job())
                        .onSuccess(
                                r -> {
                                    if (isLatest(gen)) {
                                        spec.successCallback().accept(r);
                                    }
                                })
                        .onFailure(
                                e -> {
                                    if (isLatest(gen)) {
                                        spec.failureCallback().accept(e);
                                    }
                                })
                        .onCancelled(
                                () -> {
                                    if (isLatest(gen)) {
                                        spec.cancelledCallback().run();
                                    }
                                }));
    }

    private synchronized boolean isLatest(long gen) {
        return !closed && gen == generation;
    }

    private void dropPending() {
        if (pending != null) {
            pending.run();
            pending = null;
        }
    }

    /** Drops what is waiting; later requests are ignored. */
    @Override
    public synchronized void close() {
        cancel();
        closed = true;
    }

    /** The shared timer: one daemon thread, started on first use. */
    private static final class SystemTimer {
        private static final ScheduledExecutorService TIMER =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "heirloom-timer");
                            t.setDaemon(true);
                            return t;
                        });

        static Runnable schedule(Duration delay, Runnable task) {
            ScheduledFuture<?> f = TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
    }
}
