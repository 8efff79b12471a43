package org.heirloom.recipe;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.heirloom.run.MetricResolver;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricId;

/**
 * Metrics for recipe tests. The real ones live in the metrics package (another branch); here
 * "words" is a whitespace word count and "mtld" a stand-in (distinct lowercase words), which is
 * enough to exercise the recipe machinery, not the metric.
 */
final class TestMetrics {

    private TestMetrics() {}

    static final MetricResolver RESOLVER =
            name -> {
                switch (name) {
                    case "words":
                        return metric("words", TestMetrics::words);
                    case "mtld":
                        return metric("mtld", TestMetrics::distinct);
                    default:
                        throw new IllegalArgumentException("unknown metric '" + name + "'");
                }
            };

    static double words(String t) {
        return t.strip().split("\\s+").length;
    }

    static double distinct(String t) {
        Set<String> s = new HashSet<>(List.of(t.toLowerCase(Locale.ROOT).strip().split("\\s+")));
        return s.size();
    }

    private static Metric metric(String name, java.util.function.ToDoubleFunction<String> f) {
        return new Metric() {
            @Override
            public MetricId id() {
                return MetricId.of(name, "test");
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public double[] score(List<String> texts) {
                return texts.stream().mapToDouble(f).toArray();
            }
        };
    }
}
