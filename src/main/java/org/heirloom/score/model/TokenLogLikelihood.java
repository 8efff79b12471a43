package org.heirloom.score.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's per-token log-likelihood of a text: the natural-log probability of each token given the
 * tokens before it (the first token given the start of sequence, where the model has one). The
 * engine (org.heirloom.model) implements this; tests use hand-computed fakes.
 */
@FunctionalInterface
public interface TokenLogLikelihood extends AutoCloseable {

    /** Log-probabilities (natural log, ≤ 0) of the scored tokens of {@code text}, in order. */
    double[] logProbs(String text);

    /** Batched form; implementations that batch on the device override it. */
    default List<double[]> logProbs(List<String> texts) {
        List<double[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(logProbs(t));
        }
        return out;
    }

    @Override
    default void close() {}
}
