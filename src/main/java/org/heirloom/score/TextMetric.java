package org.heirloom.score;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A pure metric of the text alone: thread-safe, no resources. {@link BatchScorer} runs these
 * text-major across threads, so several metrics over the same text share one analysis (see {@code
 * org.heirloom.score.text.TextAnalysis}).
 */
public final class TextMetric implements Metric {

    private final MetricId id;
    private final String description;
    private final ToDoubleFunction<String> function;

    public TextMetric(MetricId id, String description, ToDoubleFunction<String> function) {
        this.id = id;
        this.description = description;
        this.function = function;
    }

    @Override
    public MetricId id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double score(String text) {
        return function.applyAsDouble(text);
    }

    @Override
    public double[] score(List<String> texts) {
        double[] out = new double[texts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = function.applyAsDouble(texts.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return id.name() + id.params();
    }
}
