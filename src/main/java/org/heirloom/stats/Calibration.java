package org.heirloom.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Top-label expected calibration error with equal-mass bins, computed exactly as {@code
 * uncertainty-calibration} 0.1.4's {@code get_ece_em(probs, labels, num_bins=B)} (the ECE HELM
 * reports): the prediction is the first arg-max; bin edges are midpoints between the last
 * confidence of one equal-count chunk ({@code np.array_split}) and the first of the next, plus 1.0,
 * de-duplicated (tied confidences collapse bins); fewer examples than bins → one bin per example; a
 * confidence goes to the first bin whose edge is ≥ it ({@code searchsorted} left); ECE = Σ (bin
 * size / n) · |mean confidence − accuracy|.
 */
public final class Calibration {

    private Calibration() {}

    /** One bin of a reliability diagram. */
    public record Bin(double upperEdge, int count, double meanConfidence, double accuracy) {}

    /**
     * ECE and its reliability-diagram bins.
     *
     * @param ece the calibration error (L1, top-label)
     * @param accuracy share of examples whose arg-max is the label
     * @param bins the bins (empty ones included, as the reference keeps them)
     */
    public record Result(double ece, double accuracy, List<Bin> bins) {}

    /**
     * @param probs per example, the probability of each option (rows need not sum to 1 exactly)
     * @param labels per example, the index of the correct option
     * @param numBins requested number of equal-mass bins (10 and 1 are the usual choices)
     */
    public static Result eceEqualMass(double[][] probs, int[] labels, int numBins) {
        int n = probs.length;
        if (n == 0) {
            throw new IllegalArgumentException("no examples");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(
                    "labels and probs differ in length: " + labels.length + " vs " + n);
        }
        if (numBins < 1) {
            throw new IllegalArgumentException("number of bins must be >= 1, got " + numBins);
        }
        double[] confidence = new double[n];
        double[] correct = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = probs[i];
            if (labels[i] < 0 || labels[i] >= row.length) {
                throw new IllegalArgumentException(
                        "example "
                                + i
                                + ": label "
                                + labels[i]
                                + " outside 0.."
                                + (row.length - 1));
            }
            int best = 0;
            for (int j = 1; j < row.length; j++) {
                if (row[j] > row[best]) {
                    best = j; // strict '>' keeps the first maximum, as np.argmax does
                }
            }
            confidence[i] = row[best];
            correct[i] = best == labels[i] ? 1 : 0;
            if (!(confidence[i] >= 0 && confidence[i] <= 1)) {
                throw new IllegalArgumentException(
                        "example " + i + ": probability " + confidence[i] + " outside [0, 1]");
            }
        }
        double[] edges = equalMassEdges(confidence, numBins);
        int[] count = new int[edges.length];
        double[] confSum = new double[edges.length];
        double[] correctSum = new double[edges.length];
        for (int i = 0; i < n; i++) {
            int b = searchsortedLeft(edges, confidence[i]);
            b = Math.min(b, edges.length - 1);
            count[b]++;
            confSum[b] += confidence[i];
            correctSum[b] += correct[i];
        }
        double ece = 0;
        double acc = 0;
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < edges.length; b++) {
            double meanConf = count[b] == 0 ? Double.NaN : confSum[b] / count[b];
            double meanAcc = count[b] == 0 ? Double.NaN : correctSum[b] / count[b];
            if (count[b] > 0) {
                ece += ((double) count[b] / n) * Math.abs(meanConf - meanAcc);
            }
            acc += correctSum[b];
            bins.add(new Bin(edges[b], count[b], meanConf, meanAcc));
        }
        return new Result(ece, acc / n, bins);
    }

    /** {@code get_equal_bins}: upper edges of equal-count bins over the sorted confidences. */
    static double[] equalMassEdges(double[] values, int numBins) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int parts = Math.min(numBins, sorted.length);
        // np.array_split: the first (n % parts) chunks get one extra element.
        int base = sorted.length / parts;
        int extra = sorted.length % parts;
        TreeSet<Double> edges = new TreeSet<>();
        int start = 0;
        for (int p = 0; p < parts - 1; p++) {
            int size = base + (p < extra ? 1 : 0);
            int end = start + size; // first index of the next chunk
            edges.add((sorted[end - 1] + sorted[end]) / 2.0);
            start = end;
        }
        edges.add(1.0);
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** First index i with {@code edges[i] >= x} (numpy's searchsorted, side='left'). */
    private static int searchsortedLeft(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
