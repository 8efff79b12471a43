package org.heirloom.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals, seeded so that a reported interval can be reproduced
 * exactly.
 */
public final class Bootstrap {

    private final int resamples;
    private final double level;
    private final long seed;

    /**
     * @param resamples number of bootstrap resamples (e.g. 2000)
     * @param level confidence level in (0, 1), e.g. 0.95
     * @param seed random seed
     */
    public Bootstrap(int resamples, double level, long seed) {
        if (resamples < 10) {
            throw new IllegalArgumentException("at least 10 resamples, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    public static Bootstrap standard() {
        return new Bootstrap(2000, 0.95, 20240701L);
    }

    /**
     * Above this many observations {@link #mean} uses the normal interval: resampling would cost
     * resamples × n draws (seconds at 10^6 candidates) and, by the central limit theorem, gives the
     * same interval to within its own Monte-Carlo error.
     */
    public static final int NORMAL_ABOVE = 20_000;

    /**
     * CI of the mean of {@code x}: percentile bootstrap resampling its elements, or mean ± z·s/√n
     * above {@link #NORMAL_ABOVE} observations.
     */
    public Estimate mean(double[] x) {
        requireNonEmpty(x, "x");
        if (x.length > NORMAL_ABOVE) {
            double m = Stats.mean(x);
            double half =
                    Stats.normalQuantile(1 - (1 - level) / 2) * Stats.sd(x) / Math.sqrt(x.length);
            return new Estimate(m, m - half, m + half, level, x.length);
        }
        return interval(Stats.mean(x), resampledMeans(x), x.length);
    }

    private double[] resampledMeans(double[] x) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int n = x.length;
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[rng.nextInt(n)];
            }
            stats[r] = s / n;
        }
        return stats;
    }

    /**
     * A difference's CI and its two-sided p-value for "no difference", both from the same
     * resamples, so that they agree: the p-value inverts the percentile interval, p = min(1, 2 · (1
     * + #{resampled differences on the far side of 0}) / (1 + resamples)), the smallest two-sided
     * level at which the percentile interval would exclude 0. A 95% interval that contains 0 thus
     * has p ≥ 0.05. Above {@link #NORMAL_ABOVE} units the interval is normal and so is the p-value
     * (two-sided z-test on the same mean and standard error).
     *
     * @param difference the difference and its interval
     * @param pValue two-sided p-value
     * @param method how both were obtained, for the reader
     */
    public record Test(Estimate difference, double pValue, String method) {}

    /** {@link #pairedDifference} with its p-value. */
    public Test pairedDifferenceTest(double[] a, double[] b) {
        double[] d = differences(a, b);
        if (d.length > NORMAL_ABOVE) {
            double m = Stats.mean(d);
            double se = Stats.sd(d) / Math.sqrt(d.length);
            double p = se == 0 ? (m == 0 ? 1 : 0) : 2 * Stats.normalUpperTail(Math.abs(m) / se);
            return new Test(mean(d), p, "paired z-test over units");
        }
        double[] stats = resampledMeans(d);
        Estimate e = interval(Stats.mean(d), stats, d.length);
        return new Test(e, pValue(stats), "paired bootstrap over units");
    }

    /** {@link #hierarchicalDifference} with its p-value. */
    public Test hierarchicalDifferenceTest(double[][] armA, double[][] armB) {
        double[] stats = hierarchicalStats(armA, armB);
        double point = Stats.mean(flatten(armB)) - Stats.mean(flatten(armA));
        Estimate e = interval(point, stats, (armA.length + armB.length) * armA[0].length);
        return new Test(
                e, pValue(stats), "hierarchical bootstrap (replicates, then units; paired)");
    }

    /** Percentile-interval inversion; sorts {@code stats}. */
    private static double pValue(double[] stats) {
        int below = 0;
        int above = 0;
        for (double s : stats) {
            if (s <= 0) {
                below++;
            }
            if (s >= 0) {
                above++;
            }
        }
        return Math.min(1.0, 2.0 * (1 + Math.min(below, above)) / (1.0 + stats.length));
    }

    private static double[] differences(double[] a, double[] b) {
        requireNonEmpty(a, "a");
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired samples differ in length: " + a.length + " vs " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = b[i] - a[i];
        }
        return d;
    }

    /**
     * CI of mean(b) − mean(a) for paired observations (the same prompts): prompt indices are
     * resampled jointly, which removes between-prompt variance from the difference.
     */
    public Estimate pairedDifference(double[] a, double[] b) {
        return mean(differences(a, b));
    }

    /** CI of mean(b) − mean(a) for independent samples, each resampled on its own. */
    public Estimate unpairedDifference(double[] a, double[] b) {
        requireNonEmpty(a, "a");
        requireNonEmpty(b, "b");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            stats[r] = resampledMean(b, rng) - resampledMean(a, rng);
        }
        return interval(Stats.mean(b) - Stats.mean(a), stats, a.length + b.length);
    }

    /**
     * Replicate-aware CI of mean(B) − mean(A), where each arm was trained R times (rows are
     * replicates, columns prompts, the same prompts in both arms). Each resample first draws
     * replicates with replacement within each arm, then one set of prompt indices shared by both
     * arms (paired over prompts). Seed variance thus widens the interval, as it should: a CI over
     * prompts alone overstates certainty when students vary across training seeds.
     */
    public Estimate hierarchicalDifference(double[][] armA, double[][] armB) {
        return hierarchicalDifferenceTest(armA, armB).difference();
    }

    private double[] hierarchicalStats(double[][] armA, double[][] armB) {
        int prompts = checkGrid(armA, "A");
        if (checkGrid(armB, "B") != prompts) {
            throw new IllegalArgumentException("arms must be scored on the same prompts");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int[] idx = new int[prompts];
        for (int r = 0; r < resamples; r++) {
            int[] repA = drawReplicates(armA.length, rng);
            int[] repB = drawReplicates(armB.length, rng);
            for (int i = 0; i < prompts; i++) {
                idx[i] = rng.nextInt(prompts);
            }
            stats[r] = gridMean(armB, repB, idx) - gridMean(armA, repA, idx);
        }
        return stats;
    }

    /**
     * Replicate-aware CI of a mean: rows are replicates (e.g. students trained with different
     * seeds), columns units; each resample draws replicates, then units.
     */
    public Estimate hierarchicalMean(double[][] grid) {
        int units = checkGrid(grid, "A");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int[] idx = new int[units];
        for (int r = 0; r < resamples; r++) {
            int[] reps = drawReplicates(grid.length, rng);
            for (int i = 0; i < units; i++) {
                idx[i] = rng.nextInt(units);
            }
            stats[r] = gridMean(grid, reps, idx);
        }
        return interval(Stats.mean(flatten(grid)), stats, grid.length * units);
    }

    private static int[] drawReplicates(int r, SplittableRandom rng) {
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            out[i] = rng.nextInt(r);
        }
        return out;
    }

    private static double gridMean(double[][] grid, int[] reps, int[] idx) {
        double s = 0;
        for (int rep : reps) {
            double[] row = grid[rep];
            for (int i : idx) {
                s += row[i];
            }
        }
        return s / ((double) reps.length * idx.length);
    }

    private static int checkGrid(double[][] grid, String arm) {
        if (grid.length == 0 || grid[0].length == 0) {
            throw new IllegalArgumentException("arm " + arm + " has no data");
        }
        for (double[] row : grid) {
            if (row.length != grid[0].length) {
                throw new IllegalArgumentException(
                        "arm " + arm + ": replicates were scored on different prompt counts");
            }
        }
        return grid[0].length;
    }

    private static double[] flatten(double[][] grid) {
        return Arrays.stream(grid).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double resampledMean(double[] x, SplittableRandom rng) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[rng.nextInt(x.length)];
        }
        return s / x.length;
    }

    private Estimate interval(double point, double[] stats, int n) {
        Arrays.sort(stats);
        double alpha = (1 - level) / 2;
        return new Estimate(
                point, Stats.quantile(stats, alpha), Stats.quantile(stats, 1 - alpha), level, n);
    }

    private static void requireNonEmpty(double[] x, String name) {
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
