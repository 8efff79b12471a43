package org.heirloom.score;

/**
 * A registrable metric: its documentation and how to make it. Lives beside {@link Metric} rather
 * than inside {@link MetricRegistry} so that the metric families (text, model, toxicity) can offer
 * entries without depending on the registry that collects them (no package circle).
 */
public record MetricEntry(MetricInfo info, MetricEntry.Factory factory) {

    /**
     * Builds a metric from its parameters; must reject unknown ones ({@link Params#checkAllUsed}).
     */
    @FunctionalInterface
    public interface Factory {
        Metric create(Params params);
    }
}
