package org.heirloom.stats;

/**
 * A point estimate with a confidence interval.
 *
 * @param value the point estimate (on the full data)
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param level confidence level, e.g. 0.95
 * @param n number of units the estimate rests on (prompts, or replicates × prompts)
 */
public record Estimate(double value, double low, double high, double level, int n) {

    /** Whether the interval excludes zero (a difference "significant" at this level). */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }
}
