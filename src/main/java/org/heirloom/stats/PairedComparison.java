package org.heirloom.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares one attribute of two models measured on the same units (prompts, items): the difference
 * B − A with a paired bootstrap CI, the % change relative to A with its CI, and a paired sign-flip
 * test. Units present for only one model are left out and counted.
 */
public final class PairedComparison {

    private PairedComparison() {}

    /**
     * @param meanA mean of A over the shared units
     * @param meanB mean of B over the shared units
     * @param difference B − A with CI
     * @param percentChange 100 · (B − A) / |A| with CI (NaN when A's mean is 0)
     * @param pValue two-sided paired randomisation test
     * @param units shared units
     * @param unmatched units present for only one model
     */
    public record Result(
            double meanA,
            double meanB,
            Estimate difference,
            Estimate percentChange,
            double pValue,
            int units,
            int unmatched) {}

    public static Result compare(
            Map<String, Double> a, Map<String, Double> b, Bootstrap bootstrap, long seed) {
        TreeSet<String> shared = new TreeSet<>(a.keySet());
        shared.retainAll(b.keySet());
        int unmatched = a.size() + b.size() - 2 * shared.size();
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("the two models share no units to compare");
        }
        List<String> keys = new ArrayList<>(shared);
        double[] x = new double[keys.size()];
        double[] y = new double[keys.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.get(keys.get(i));
            y[i] = b.get(keys.get(i));
        }
        Estimate diff = bootstrap.pairedDifference(x, y);
        double meanA = Stats.mean(x);
        Estimate pct =
                meanA == 0
                        ? new Estimate(Double.NaN, Double.NaN, Double.NaN, diff.level(), diff.n())
                        : new Estimate(
                                100 * diff.value() / Math.abs(meanA),
                                100 * diff.low() / Math.abs(meanA),
                                100 * diff.high() / Math.abs(meanA),
                                diff.level(),
                                diff.n());
        double p = PairedPermutationTest.pValue(x, y, 10_000, seed);
        return new Result(meanA, Stats.mean(y), diff, pct, p, keys.size(), unmatched);
    }
}
