package org.heirloom.job;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation: the job polls it between units of work. */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link JobCancelledException} if cancellation was asked for. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException();
        }
    }
}
