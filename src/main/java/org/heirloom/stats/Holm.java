package org.heirloom.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment (Holm, 1979) of a family of p-values: sorted ascending, the i-th
 * (from 1) becomes max over j ≤ i of min(1, (m − j + 1) · p_(j)). It controls the family-wise error
 * rate without assuming independence, and never rejects less than Bonferroni.
 */
public final class Holm {

    private Holm() {}

    /** Adjusted p-values, in the order given; NaN entries are left out of the family. */
    public static double[] adjust(double[] p) {
        Integer[] order =
                java.util.stream.IntStream.range(0, p.length)
                        .filter(i -> !Double.isNaN(p[i]))
                        .boxed()
                        .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            out[order[k]] = running;
        }
        return out;
    }
}
