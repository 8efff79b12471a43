package org.heirloom.score;

import java.util.List;

/**
 * Turns texts into one number each. Implementations are documented (definition, source, caveats)
 * because selection and profiling rest on them; text-only metrics are pure and thread-safe.
 * Model-backed metrics hold resources, hence {@link AutoCloseable}.
 */
public interface Metric extends AutoCloseable {

    MetricId id();

    /** One-line definition for {@code heirloom metrics} and the UI. */
    String description();

    /** Scores a batch; the result has one value per text, in order (NaN where undefined). */
    double[] score(List<String> texts);

    /** Scores one text. */
    default double score(String text) {
        return score(List.of(text))[0];
    }

    @Override
    default void close() {}
}
