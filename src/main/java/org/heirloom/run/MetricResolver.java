package org.heirloom.run;

import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.model.EngineLogLikelihood;

/**
 * Turns metric names (as in the CLI and recipes) into metrics. Passed to whoever scores (recipe
 * runner, profile service, score command) rather than installed globally, so a test can hand its
 * own resolver to the code under test without affecting others running alongside.
 */
@FunctionalInterface
public interface MetricResolver {

    /** A new metric instance for {@code name}; {@link IllegalArgumentException} if unknown. */
    Metric resolve(String name);

    /**
     * The standard metric registry with model-based metrics run by the local engine; the default of
     * the front ends.
     */
    static MetricResolver standard() {
        return Standard.INSTANCE;
    }

    /** Lazy holder: the registry is built on first use, not when this interface loads. */
    final class Standard {
        private static final MetricResolver INSTANCE =
                MetricRegistry.standard().withLogLikelihoodSource(new EngineLogLikelihood())
                        ::resolve;

        private Standard() {}
    }
}
