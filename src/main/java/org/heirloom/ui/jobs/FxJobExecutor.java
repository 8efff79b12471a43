package org.heirloom.ui.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;

/**
 * Runs core jobs as {@link javafx.concurrent.Task}s on worker threads; callbacks arrive on the
 * JavaFX thread, and {@link #running()} feeds the status bar.
 */
public final class FxJobExecutor implements JobExecutor, AutoCloseable {

    private final ExecutorService workers;
    private final ObservableList<FxJob<?>> running = FXCollections.observableArrayList();

    public FxJobExecutor() {
        AtomicInteger n = new AtomicInteger();
        workers =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "heirloom-ui-job-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Jobs that have not finished; modified on the JavaFX thread only. */
    public ObservableList<FxJob<?>> running() {
        return running;
    }

    @Override
    public <T> JobHandle<T> submit(JobSpec<T> spec) {
        FxJob<T> job = new FxJob<>(spec, running::remove);
        onFxThread(() -> running.add(job));
        workers.execute(job.task());
        return job;
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public void close() {
        running.forEach(FxJob::cancel);
        workers.shutdownNow();
    }
}
