package org.heirloom.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs jobs on daemon worker threads and delivers callbacks through a caller-supplied executor (the
 * JavaFX thread in the UI, the worker itself otherwise). Keeps the list of running jobs so that a
 * status bar can show them.
 */
public final class BackgroundJobExecutor implements JobExecutor, AutoCloseable {

    private final ExecutorService workers;
    private final java.util.concurrent.Executor callbackThread;
    private final List<JobHandle<?>> running = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<JobHandle<?>>>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param threads number of worker threads
     * @param callbackThread where success/failure callbacks and listener calls run
     */
    public BackgroundJobExecutor(int threads, java.util.concurrent.Executor callbackThread) {
        AtomicInteger n = new AtomicInteger();
        this.workers =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "heirloom-job-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        this.callbackThread = callbackThread;
    }

    /** Called (on the callback thread) whenever a job starts or ends. */
    public void addRunningListener(Consumer<List<JobHandle<?>>> listener) {
        listeners.add(listener);
    }

    public List<JobHandle<?>> running() {
        return List.copyOf(running);
    }

    @Override
    public <T> JobHandle<T> submit(JobSpec<T> spec) {
        JobRunner<T> runner = new JobRunner<>(spec);
        running.add(runner);
        notifyListeners();
        workers.execute(
                () -> {
                    runner.runHere();
                    running.remove(runner);
                    callbackThread.execute(runner::deliverCallbacks);
                    notifyListeners();
                });
        return runner;
    }

    private void notifyListeners() {
        List<JobHandle<?>> now = running();
        callbackThread.execute(() -> listeners.forEach(l -> l.accept(now)));
    }

    @Override
    public void close() {
        running.forEach(JobHandle::cancel);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
