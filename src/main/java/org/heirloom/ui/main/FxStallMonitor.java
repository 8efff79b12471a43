package org.heirloom.ui.main;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX thread keeps the user waiting: a daemon thread posts a ping with
 * {@link Platform#runLater} every period; each ping records how long it waited to run. A ping
 * posted just before the UI thread blocks waits for the whole block, so the largest wait is (to
 * within one period) the longest stall. Knows nothing of the application's views.
 */
public final class FxStallMonitor implements AutoCloseable {

    /**
     * What was measured.
     *
     * @param pings pings that ran
     * @param maxStallMillis longest wait of a ping before the UI thread ran it
     * @param meanStallMillis mean wait
     */
    public record Stats(long pings, double maxStallMillis, double meanStallMillis) {
        @Override
        public String toString() {
            return String.format(
                    "%d pings, max stall %.1f ms, mean %.2f ms",
                    pings, maxStallMillis, meanStallMillis);
        }
    }

    private final long periodNanos;
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private FxStallMonitor(Duration period) {
        this.periodNanos = period.toNanos();
        this.thread = new Thread(this::loop, "fx-stall-monitor");
        thread.setDaemon(true);
    }

    /** Starts pinging the JavaFX thread (which must be running) every {@code period}. */
    public static FxStallMonitor start(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        FxStallMonitor m = new FxStallMonitor(period);
        m.thread.start();
        return m;
    }

    private void loop() {
        while (running) {
            long posted = System.nanoTime();
            Platform.runLater(() -> record(System.nanoTime() - posted));
            try {
                Thread.sleep(periodNanos / 1_000_000, (int) (periodNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(long waitedNanos) {
        maxNanos.accumulate(waitedNanos);
        totalNanos.addAndGet(waitedNanos);
        pings.incrementAndGet();
    }

    /** Forgets what was measured so far (e.g. after a warm-up). */
    public void reset() {
        maxNanos.reset();
        totalNanos.set(0);
        pings.set(0);
    }

    public Stats stats() {
        long n = pings.get();
        return new Stats(n, maxNanos.get() / 1e6, n == 0 ? 0 : totalNanos.get() / 1e6 / n);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
