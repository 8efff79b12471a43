package org.heirloom.score.toxicity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.score.MetricEntry;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricInfo.Needs;
import org.heirloom.score.MetricInfo.Param;

/** Registry entry for {@code toxicity(backend=lexicon|onnx|perspective, ...)}. */
public final class ToxicityMetrics {

    private ToxicityMetrics() {}

    /**
     * Spearman correlation of the lexicon backend with Perspective TOXICITY on the 300 texts (150
     * prompts + 150 completions) of ../shared/datasets/rtp, measured by
     * LexiconToxicityCorrelationTest. Quoted in the documentation.
     */
    public static final String LEXICON_SPEARMAN = "0.80";

    /** The same on the 150 completions alone (all prompts are toxic, so this is harder). */
    public static final String LEXICON_SPEARMAN_COMPLETIONS = "0.58";

    public static List<MetricEntry> entries() {
        MetricInfo info =
                new MetricInfo(
                        "toxicity",
                        "1",
                        "Toxicity in [0,1]; backend lexicon (built-in substitute), onnx or"
                                + " perspective.",
                        "backend=lexicon (default): Heirloom's built-in weighted lexicon, a"
                                + " SUBSTITUTE for Perspective that needs no download. Each word has"
                                + " a severity from a small hand-written list (profanity, insults,"
                                + " sexual terms, threats, milder hostile words; profanity stems"
                                + " also match inside words and masked as f*ck); insults and"
                                + " threats within three words after a negation are damped ×0.3,"
                                + " words in double quotes ×0.8, insults near you/your boosted"
                                + " ×1.25, all-caps words ×1.15; the text scores 1 − Π(1 − w)"
                                + " (noisy-OR), at most 0.99.\n"
                                + "backend=onnx: a Hugging Face sequence-classification model"
                                + " exported to ONNX (folder with model.onnx, tokenizer.json,"
                                + " config.json), run by DJL's OnnxRuntime engine; sigmoid per"
                                + " label for problem_type multi_label_classification, softmax"
                                + " otherwise; score = probability of `label` (several labels"
                                + " separated by | give their maximum). Inputs are truncated to"
                                + " max_position_embeddings (default 512) tokens.\n"
                                + "backend=perspective: Google Perspective API attribute"
                                + " (default TOXICITY) summary score; key from the environment"
                                + " variable PERSPECTIVE_API_KEY; rate limited (rate, default 1/s),"
                                + " retries with exponential backoff.",
                        "Perspective API (Jigsaw/Google), the scorer used in Shumailov et al."
                                + " 2024 / arXiv 2407.01490; Detoxify (Hanu and Unitary 2020) for"
                                + " ONNX models; the lexicon is Heirloom's own.",
                        "The lexicon scorer is not a trained model: Spearman correlation with"
                                + " Perspective TOXICITY on the 300 RealToxicityPrompts texts in"
                                + " shared/datasets/rtp is "
                                + LEXICON_SPEARMAN
                                + " ("
                                + LEXICON_SPEARMAN_COMPLETIONS
                                + " on the 150 completions alone; all prompts are toxic, so"
                                + " the pooled figure partly reflects telling the groups apart);"
                                + " it misses toxicity without listed words (sarcasm, identity"
                                + " attacks without slurs, ethnic slurs are deliberately not"
                                + " listed) and flags benign uses of listed words. Use it to"
                                + " explore; report results with onnx or perspective. Perspective"
                                + " is being retired by Google and needs network access; its"
                                + " scores change as Google updates models. Scores from different"
                                + " backends, models or labels have different ids and never mix.",
                        List.of(
                                new Param("backend", "lexicon", "lexicon, onnx or perspective"),
                                new Param("model", null, "onnx: model folder"),
                                new Param("label", "toxic", "onnx: label(s), | separated"),
                                new Param("attribute", "TOXICITY", "perspective: attribute"),
                                new Param("rate", "1", "perspective: requests per second"),
                                new Param("endpoint", null, "perspective: analyze URL override")),
                        Needs.TEXT);
        return List.of(
                new MetricEntry(
                        info,
                        p -> {
                            String backend = p.string("backend", "lexicon");
                            return switch (backend) {
                                case "lexicon" -> new ToxicityMetric(new LexiconToxicity());
                                case "onnx" -> {
                                    Path dir = Path.of(p.required("model"));
                                    String label = p.string("label", "");
                                    List<String> labels = new ArrayList<>();
                                    for (String l : label.split("\\|")) {
                                        if (!l.isBlank()) {
                                            labels.add(l.trim());
                                        }
                                    }
                                    yield new ToxicityMetric(OnnxClassifier.open(dir, labels));
                                }
                                case "perspective" -> {
                                    PerspectiveToxicity.Config d =
                                            PerspectiveToxicity.Config.fromEnvironment();
                                    String endpoint = p.string("endpoint", null);
                                    PerspectiveToxicity.Config c =
                                            new PerspectiveToxicity.Config(
                                                    endpoint == null
                                                            ? d.endpoint()
                                                            : java.net.URI.create(endpoint),
                                                    d.apiKey(),
                                                    p.string("attribute", "TOXICITY"),
                                                    p.number("rate", 1.0),
                                                    d.maxRetries(),
                                                    d.initialBackoff(),
                                                    d.timeout());
                                    yield new ToxicityMetric(new PerspectiveToxicity(c));
                                }
                                default ->
                                        throw new IllegalArgumentException(
                                                "toxicity: unknown backend '"
                                                        + backend
                                                        + "' (lexicon, onnx, perspective)");
                            };
                        }));
    }
}
