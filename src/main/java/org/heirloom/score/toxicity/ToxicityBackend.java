package org.heirloom.score.toxicity;

import java.util.List;
import java.util.Map;

/**
 * One way of scoring toxicity in [0, 1]. Backends: the built-in {@link LexiconToxicity}
 * (substitute, offline), {@link OnnxClassifier} (a local sequence-classification model) and {@link
 * PerspectiveToxicity} (Google's Perspective API, the paper's scorer).
 */
public interface ToxicityBackend extends AutoCloseable {

    /**
     * Short name recorded with every score ({@code lexicon}, {@code onnx}, {@code perspective}).
     */
    String name();

    /** Parameters that change the numbers (model hash, label, attribute), recorded in the id. */
    Map<String, String> idParams();

    /** One probability-like score per text, in order. */
    double[] score(List<String> texts);

    /** Whether {@link #score} may be called from several threads at once. */
    default boolean threadSafe() {
        return false;
    }

    @Override
    default void close() {}
}
