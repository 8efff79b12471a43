package org.heirloom.score.model;

/**
 * Opens a {@link TokenLogLikelihood} for a model named in a metric spec ({@code
 * perplexity(model=...)}). Implementations share loaded models between callers; closing the
 * returned object releases one use.
 */
@FunctionalInterface
public interface LogLikelihoodSource {

    TokenLogLikelihood open(String model);
}
