package org.heirloom.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Debouncer.Scheduler} whose clock only moves when a test calls {@link #advance}. */
public final class ManualScheduler implements Debouncer.Scheduler {

    private record Task(long due, long seq, Runnable run) {}

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toNanos(), seq++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves the clock and runs, in due order, every task that falls due on the way. */
    public void advance(Duration by) {
        long until;
        synchronized (this) {
            until = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next =
                        tasks.stream()
                                .filter(t -> t.due() <= until)
                                .min(Comparator.comparingLong(Task::due).thenComparing(Task::seq))
                                .orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = next.due();
            }
            next.run().run();
        }
    }

    /** Tasks scheduled and not yet run or called off. */
    public synchronized int waiting() {
        return tasks.size();
    }
}
