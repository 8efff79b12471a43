package org.heirloom.ui.jobs;

import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.heirloom.job.AbstractJobHandle;
import org.heirloom.job.JobSpec;

/** A core job wrapped in a JavaFX {@link Task}: progress and message feed the status bar. */
public final class FxJob<T> extends AbstractJobHandle<T> {

    private final Task<T> task;

    FxJob(JobSpec<T> spec, Consumer<FxJob<?>> onDone) {
        super(spec);
        this.task =
                new Task<>() {
                    {
                        updateTitle(spec.title());
                    }

                    @Override
                    protected T call() throws Exception {
                        // Task coalesces these updates onto the FX thread: no flooding.
                        progress()
                                .addListener(
                                        s -> {
                                            if (s.total() > 0) {
                                                updateProgress(s.done(), s.total());
                                            }
                                            updateMessage(s.describe());
                                        });
                        return spec.job().run(context());
                    }
                };
        task.setOnSucceeded(
                e -> {
                    onDone.accept(this);
                    succeed(task.getValue());
                });
        task.setOnFailed(
                e -> {
                    onDone.accept(this);
                    fail(task.getException());
                });
    }

    /** The JavaFX task, for binding progress bars and labels. */
    public Task<T> task() {
        return task;
    }
}
