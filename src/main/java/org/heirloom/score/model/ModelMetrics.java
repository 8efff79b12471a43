package org.heirloom.score.model;

import java.util.List;
import java.util.Map;
import org.heirloom.score.MetricEntry;
import org.heirloom.score.MetricId;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricInfo.Needs;
import org.heirloom.score.MetricInfo.Param;

/** Registry entries for perplexity and mean log-likelihood. */
public final class ModelMetrics {

    private ModelMetrics() {}

    /** Entries resolving models through {@code source}; null gives entries that explain the gap. */
    public static List<MetricEntry> entries(LogLikelihoodSource source) {
        return List.of(
                entry(
                        "perplexity",
                        LogLikelihoodMetric.Kind.PERPLEXITY,
                        "Perplexity of the text under a model: exp(−mean token log-probability).",
                        "exp(−(1/n) Σ log p(t_i | t_<i)) over the n scored tokens of the text"
                                + " (natural log).",
                        source),
                entry(
                        "mean_logprob",
                        LogLikelihoodMetric.Kind.MEAN_LOGPROB,
                        "Mean token log-likelihood of the text under a model (natural log).",
                        "(1/n) Σ log p(t_i | t_<i) over the n scored tokens of the text.",
                        source));
    }

    private static MetricEntry entry(
            String name,
            LogLikelihoodMetric.Kind kind,
            String summary,
            String definition,
            LogLikelihoodSource source) {
        MetricInfo info =
                new MetricInfo(
                        name,
                        "1",
                        summary,
                        definition
                                + " The text is scored as is, without a chat template; the first"
                                + " token is conditioned on the model's BOS token where it has"
                                + " one.",
                        "Standard language-model perplexity (Jelinek et al. 1977).",
                        "Depends on the tokenizer: compare only texts scored by the same model."
                                + " NaN for text without tokens. Texts longer than the model's"
                                + " context are scored in windows: half a context of new tokens at"
                                + " a time, each conditioned on the tokens before it up to a full"
                                + " context (strided evaluation), so every token is scored once.",
                        List.of(new Param("model", null, "model to score with")),
                        Needs.MODEL);
        return new MetricEntry(
                info,
                p -> {
                    String model = p.required("model");
                    if (source == null) {
                        throw new IllegalArgumentException(
                                "metric '"
                                        + name
                                        + "' needs a model engine; none is attached here");
                    }
                    return new LogLikelihoodMetric(
                            new MetricId(name, "1", Map.of("model", model)),
                            kind,
                            source.open(model));
                });
    }
}
