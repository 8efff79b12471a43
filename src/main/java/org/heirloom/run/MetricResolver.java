package org.heirloom.run;

import java.util.ServiceLoader;
import org.heirloom.score.Metric;

/**
 * Turns metric names (as in the CLI and recipes) into metrics. The metrics package provides the
 * implementation (its registry) through {@link #install} or {@code
 * META-INF/services/org.heirloom.run.MetricResolver}.
 */
@FunctionalInterface
public interface MetricResolver {

    /** A new metric instance for {@code name}; {@link IllegalArgumentException} if unknown. */
    Metric resolve(String name);

    /** The resolver in use: the installed one, else the first service found, else none. */
    static MetricResolver current() {
        MetricResolver r = Holder.installed;
        if (r != null) {
            return r;
        }
        for (MetricResolver s : ServiceLoader.load(MetricResolver.class)) {
            return s;
        }
        return name -> {
            throw new IllegalArgumentException(
                    "unknown metric '" + name + "' (this build has no metric registry)");
        };
    }

    static void install(MetricResolver resolver) {
        Holder.installed = resolver;
    }

    /** Mutable slot for {@link #install}. */
    final class Holder {
        private static volatile MetricResolver installed;

        private Holder() {}
    }
}
