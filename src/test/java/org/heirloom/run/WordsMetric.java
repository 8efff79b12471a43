package org.heirloom.run;

import java.util.concurrent.atomic.AtomicInteger;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricId;

/** Test metrics: whitespace word count ("words") and character count ("chars"). */
class WordsMetric implements Metric {

    final AtomicInteger texts = new AtomicInteger();
    private final String name;

    WordsMetric(String name) {
        this.name = name;
    }

    static double count(String name, String text) {
        return name.equals("chars") ? text.length() : text.strip().split("\\s+").length;
    }

    @Override
    public MetricId id() {
        return MetricId.of(name, "1");
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public double[] score(java.util.List<String> batch) {
        texts.addAndGet(batch.size());
        double[] out = new double[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = count(name, batch.get(i));
        }
        return out;
    }
}
