package org.heirloom.run;

import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.model.EngineLogLikelihood;

/**
 * Turns metric names (as in the CLI and recipes) into metrics: by default {@link
 * MetricRegistry#standard()}, whose model-based metrics run on the local engine.
 */
@FunctionalInterface
public interface MetricResolver {

    /** A new metric instance for {@code name}; {@link IllegalArgumentException} if unknown. */
    Metric resolve(String name);

    /**
     * The resolver in use: the installed one (tests), else the standard metric registry with
     * model-based metrics run by the local engine.
     */
    static MetricResolver current() {
        MetricResolver r = Holder.installed;
        return r != null ? r : Holder.STANDARD;
    }

    /** Replaces the resolver (tests); {@code null} restores the standard registry. */
    static void install(MetricResolver resolver) {
        Holder.installed = resolver;
    }

    /** Mutable slot for {@link #install}. */
    final class Holder {
        private static volatile MetricResolver installed;
        private static final MetricResolver STANDARD =
                MetricRegistry.standard().withLogLikelihoodSource(new EngineLogLikelihood())
                        ::resolve;

        private Holder() {}
    }
}
