package org.heirloom.profile.likelihood;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.profile.bias.MultipleChoice;
import org.heirloom.stats.Calibration;

/**
 * Calibration on multiple-choice items: each option is scored by mean token log-likelihood, a
 * softmax over the options gives the model's probabilities, and accuracy and ECE (equal-mass, 10
 * and 1 bins, top-label) follow, with reliability-diagram bins.
 */
public final class CalibrationSuite {

    private CalibrationSuite() {}

    /** One item's outcome. */
    public record ItemResult(String id, double[] probs, int label, int predicted) {}

    /**
     * @param accuracy share of items whose most probable option is the label
     * @param ece10 ECE with 10 equal-mass bins
     * @param ece1 ECE with one bin (|mean confidence − accuracy|)
     * @param reliability the 10-bin reliability diagram
     * @param items per-item probabilities
     */
    public record Report(
            double accuracy,
            double ece10,
            double ece1,
            List<Calibration.Bin> reliability,
            List<ItemResult> items) {}

    public static Report evaluate(List<MultipleChoice> items, ChoiceScorer scorer, JobContext ctx) {
        ctx.progress().start(items.size(), "scoring options");
        List<ItemResult> results = new ArrayList<>();
        for (MultipleChoice item : items) {
            ctx.checkCancelled();
            double[] probs = softmax(scorer.meanLogProbs(item.context(), item.options()));
            results.add(new ItemResult(item.id(), probs, item.label(), argmax(probs)));
            ctx.progress().advance(1);
        }
        return summarise(results);
    }

    /** Accuracy and ECE from stored per-item probabilities. */
    public static Report summarise(List<ItemResult> results) {
        double[][] probs = new double[results.size()][];
        int[] labels = new int[results.size()];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = results.get(i).probs();
            labels[i] = results.get(i).label();
        }
        Calibration.Result ten = Calibration.eceEqualMass(probs, labels, 10);
        Calibration.Result one = Calibration.eceEqualMass(probs, labels, 1);
        return new Report(ten.accuracy(), ten.ece(), one.ece(), ten.bins(), results);
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp(scores[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    public static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
