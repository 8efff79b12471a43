package org.heirloom.job;

import java.time.Duration;
import java.util.Optional;

/**
 * An immutable view of a job's progress at one moment.
 *
 * @param done units completed
 * @param total units in all, or -1 when unknown
 * @param message the latest message
 * @param elapsed time since the current total was set
 */
public record ProgressSnapshot(long done, long total, String message, Duration elapsed) {

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (total <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) done / total);
    }

    /** Remaining time extrapolated from the mean rate so far; empty until one unit is done. */
    public Optional<Duration> eta() {
        if (total <= 0 || done <= 0 || done >= total) {
            return done >= total && total > 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        double perUnitNanos = (double) elapsed.toNanos() / done;
        return Optional.of(Duration.ofNanos((long) (perUnitNanos * (total - done))));
    }

    /** Formats a duration as h:mm:ss or m:ss. */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
    }

    /** A one-line human summary: {@code 45/100 (45%) ETA 0:12 message}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            sb.append(done).append('/').append(total);
            sb.append(String.format(" (%.0f%%)", 100 * fraction()));
            eta().ifPresent(e -> sb.append(" ETA ").append(format(e)));
        } else if (done > 0) {
            sb.append(done);
        }
        if (message != null && !message.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("  ");
            }
            sb.append(message);
        }
        return sb.toString();
    }
}
