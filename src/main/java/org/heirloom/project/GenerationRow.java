package org.heirloom.project;

import java.util.Map;

/**
 * One stored sample as the generations view shows it.
 *
 * @param position its place in the listing (0-based)
 * @param arm the arm's label
 * @param replicate the model's place in its arm
 * @param model the model's name
 * @param itemKey the prompt ({@code p<id>})
 * @param sample the sample index
 * @param prompt the prompt text
 * @param text the generated text
 * @param metrics its scores by metric name, in stored order
 */
public record GenerationRow(
        int position,
        String arm,
        int replicate,
        String model,
        String itemKey,
        int sample,
        String prompt,
        String text,
        Map<String, Double> metrics) {

    /** The metric's value, NaN where the sample has none. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
