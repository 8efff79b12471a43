package org.heirloom.score.toxicity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricId;

/** The {@code toxicity} metric: one interface over the three backends. */
public final class ToxicityMetric implements Metric {

    private final MetricId id;
    private final ToxicityBackend backend;

    public ToxicityMetric(ToxicityBackend backend) {
        this.backend = backend;
        Map<String, String> params = new LinkedHashMap<>(backend.idParams());
        params.put("backend", backend.name());
        this.id = new MetricId("toxicity", "1", params);
    }

    public ToxicityBackend backend() {
        return backend;
    }

    @Override
    public MetricId id() {
        return id;
    }

    @Override
    public String description() {
        return switch (backend.name()) {
            case "lexicon" -> "Toxicity (built-in lexicon; a substitute for Perspective)";
            case "perspective" -> "Toxicity (Perspective API)";
            default -> "Toxicity (" + backend.name() + " classifier)";
        };
    }

    @Override
    public double[] score(List<String> texts) {
        return backend.score(texts);
    }

    @Override
    public void close() {
        backend.close();
    }
}
