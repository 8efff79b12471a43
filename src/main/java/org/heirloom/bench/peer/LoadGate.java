package org.heirloom.bench.peer;

import java.util.Locale;

/**
 * Whether a side-by-side ratio may be claimed. On a busy machine the eager baseline loses more than
 * a JVM does, which flatters the ratio, so above {@link #MAX_LOAD} the figures are printed but no
 * ratio is.
 *
 * @param start one-minute load average before the first round (other processes only)
 * @param end one-minute load average after the last round (includes the benchmark's own threads)
 * @param threads threads the benchmark itself ran on each side
 */
public record LoadGate(double start, double end, int threads) {

    /** The highest load from other processes at which a ratio still means something. */
    public static final double MAX_LOAD = 1.5;

    /**
     * True when neither figure shows other work: the start figure at most {@link #MAX_LOAD}, and
     * the end figure at most that plus the benchmark's own threads (its rounds count in it). An
     * unknown load average (negative, as Java reports it on some systems) never allows a claim.
     */
    public boolean allowsRatio() {
        return start >= 0 && end >= 0 && start <= MAX_LOAD && end <= MAX_LOAD + threads;
    }

    /** One line: the two figures and, when no ratio is claimed, why. */
    public String describe() {
        String figures =
                String.format(
                        Locale.ROOT,
                        "load average %.2f at start, %.2f at end (%d threads per side)",
                        start,
                        end,
                        threads);
        if (allowsRatio()) {
            return figures;
        }
        if (start < 0 || end < 0) {
            return figures + ": load average unknown on this system, so no ratio is claimed";
        }
        return figures
                + String.format(
                        Locale.ROOT,
                        ": above %.1f (at start) or %.1f (at end, with the bench's own threads), so"
                                + " no ratio is claimed: the baseline slows down more than Heirloom"
                                + " on a loaded machine",
                        MAX_LOAD,
                        MAX_LOAD + threads);
    }

    /** The operating system's one-minute load average now (negative when unknown). */
    public static double now() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
    }
}
