package org.heirloom.job;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A thread-safe {@link Progress} that remembers counts and start time, so that any observer can
 * take a {@link ProgressSnapshot} (with an ETA) at any moment. Listeners are called on the
 * reporting thread; UI adapters must hop threads themselves.
 */
public final class ProgressTracker implements Progress {

    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;
    private volatile String message = "";
    private volatile long startNanos;
    private final LongSupplier clock;
    private final List<Consumer<ProgressSnapshot>> listeners = new CopyOnWriteArrayList<>();

    public ProgressTracker() {
        this(System::nanoTime);
    }

    /** For tests: a clock in nanoseconds. */
    public ProgressTracker(LongSupplier clock) {
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    public void addListener(Consumer<ProgressSnapshot> listener) {
        listeners.add(listener);
    }

    @Override
    public void start(long total, String message) {
        this.total = total;
        this.message = message == null ? "" : message;
        done.set(0);
        startNanos = clock.getAsLong();
        fire();
    }

    @Override
    public void advance(long units) {
        done.addAndGet(units);
        fire();
    }

    @Override
    public void message(String message) {
        this.message = message == null ? "" : message;
        fire();
    }

    public ProgressSnapshot snapshot() {
        return new ProgressSnapshot(
                done.get(), total, message, Duration.ofNanos(clock.getAsLong() - startNanos));
    }

    private void fire() {
        if (!listeners.isEmpty()) {
            ProgressSnapshot s = snapshot();
            for (Consumer<ProgressSnapshot> l : listeners) {
                l.accept(s);
            }
        }
    }
}
