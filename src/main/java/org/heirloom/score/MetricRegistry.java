package org.heirloom.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.heirloom.score.model.LogLikelihoodSource;
import org.heirloom.score.model.ModelMetrics;
import org.heirloom.score.text.TextMetrics;
import org.heirloom.score.toxicity.ToxicityMetrics;

/**
 * Resolves metric names (with parameters, {@code mattr(window=50)}) to {@link Metric}s and lists
 * every metric with its documentation. Immutable; {@link #standard()} holds all built-in metrics.
 *
 * <pre>{@code
 * MetricRegistry reg = MetricRegistry.standard();
 * try (Metric m = reg.resolve("mtld")) { double v = m.score("some text"); }
 * List<Metric> ms = reg.resolveAll(List.of("words", "gunning_fog"));
 * }</pre>
 *
 * Model-based metrics ({@code perplexity}, {@code mean_logprob}) need a {@link
 * LogLikelihoodSource}: {@code standard().withLogLikelihoodSource(source)}.
 */
public final class MetricRegistry {

    private static final MetricRegistry STANDARD = build(null);

    private final Map<String, MetricEntry> entries;

    private MetricRegistry(Map<String, MetricEntry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** All built-in metrics. Model-based ones fail to resolve until a source is attached. */
    public static MetricRegistry standard() {
        return STANDARD;
    }

    /** This registry with model-based metrics resolving models through {@code source}. */
    public MetricRegistry withLogLikelihoodSource(LogLikelihoodSource source) {
        Map<String, MetricEntry> m = new LinkedHashMap<>(entries);
        for (MetricEntry e : ModelMetrics.entries(source)) {
            m.put(e.info().name(), e);
        }
        return new MetricRegistry(m);
    }

    /** This registry plus {@code entry} (replacing a metric of the same name). */
    public MetricRegistry with(MetricEntry entry) {
        Map<String, MetricEntry> m = new LinkedHashMap<>(entries);
        m.put(entry.info().name(), entry);
        return new MetricRegistry(m);
    }

    private static MetricRegistry build(LogLikelihoodSource source) {
        Map<String, MetricEntry> m = new LinkedHashMap<>();
        List<MetricEntry> all = new ArrayList<>();
        all.addAll(TextMetrics.entries());
        all.addAll(ToxicityMetrics.entries());
        all.addAll(ModelMetrics.entries(source));
        for (MetricEntry e : all) {
            if (m.put(e.info().name(), e) != null) {
                throw new IllegalStateException("duplicate metric " + e.info().name());
            }
        }
        return new MetricRegistry(m);
    }

    /** Resolves {@code mtld} or {@code name(key=value,...)}; unknown names list the known ones. */
    public Metric resolve(String spec) {
        return resolve(MetricSpec.parse(spec));
    }

    public Metric resolve(MetricSpec spec) {
        MetricEntry e = entries.get(spec.name());
        if (e == null) {
            throw new IllegalArgumentException(
                    "unknown metric '"
                            + spec.name()
                            + "' (known: "
                            + String.join(", ", entries.keySet())
                            + ")");
        }
        Params params = new Params(spec.name(), spec.params());
        Metric metric = e.factory().create(params);
        params.checkAllUsed();
        return metric;
    }

    /**
     * Resolves several specs; if one fails, those already made are closed before the error
     * propagates.
     */
    public List<Metric> resolveAll(List<String> specs) {
        List<Metric> out = new ArrayList<>();
        try {
            for (String s : specs) {
                out.add(resolve(s));
            }
        } catch (RuntimeException e) {
            out.forEach(Metric::close);
            throw e;
        }
        return out;
    }

    /** Every metric's documentation, in registration order (text, diversity, ...). */
    public List<MetricInfo> list() {
        return entries.values().stream().map(MetricEntry::info).toList();
    }

    public Optional<MetricInfo> info(String name) {
        return Optional.ofNullable(entries.get(name)).map(MetricEntry::info);
    }

    /** Builds the {@link MetricId} of a metric: name, version, effective parameters. */
    public static MetricId id(MetricInfo info, Map<String, String> effectiveParams) {
        return new MetricId(info.name(), info.version(), effectiveParams);
    }
}
