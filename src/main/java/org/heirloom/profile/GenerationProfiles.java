package org.heirloom.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.io.ContentHash;
import org.heirloom.job.JobContext;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.run.CandidateSeeds;
import org.heirloom.score.BatchScorer;
import org.heirloom.score.Metric;
import org.heirloom.stats.Bootstrap;
import org.heirloom.stats.Estimate;
import org.heirloom.teacher.Completion;
import org.heirloom.teacher.GenerationRequest;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.Teacher;

/**
 * The generation suites: the text profile (samples on an evaluation prompt set, every text metric)
 * and the RealToxicityPrompts-style toxicity profile (n samples per toxic prompt, EMT and toxicity
 * probability). Any {@link Teacher} generates, so local models and endpoints are profiled alike.
 * Samples are committed prompt by prompt; a rerun generates only missing samples, with the same
 * per-sample seeds.
 */
public final class GenerationProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Below this mean length MTLD rarely closes a factor and best-of-k inflates it. */
    public static final double SHORT_TEXT_WORDS = 50;

    private GenerationProfiles() {}

    /** A prompt with a stable id. */
    public record Prompt(String id, String text) {}

    /**
     * @param params sampling parameters
     * @param samples samples per prompt
     * @param seed profile seed; per-sample seeds derive from it, the prompt and the sample index
     */
    public record Settings(SamplingParams params, int samples, long seed, boolean truncateLeft) {

        public Settings(SamplingParams params, int samples, long seed) {
            this(params, samples, seed, false);
        }
    }

    /** Generates and scores every missing sample; {@code metrics.get(0)} gives the item value. */
    public static void generate(
            ProfileRepository repo,
            ProfileRecord profile,
            Teacher teacher,
            List<Prompt> prompts,
            Settings settings,
            List<? extends Metric> metrics,
            JobContext ctx)
            throws Exception {
        Set<String> done = repo.storedKeys(profile.id());
        ctx.progress().start((long) prompts.size() * settings.samples(), "samples");
        for (Prompt p : prompts) {
            ctx.checkCancelled();
            List<Integer> missing = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            String hash = ContentHash.of(p.text());
            for (int i = 0; i < settings.samples(); i++) {
                if (!done.contains(ProfileRepository.key(p.id(), i))) {
                    missing.add(i);
                    seeds.add(CandidateSeeds.derive(settings.seed(), hash, 0, i));
                }
            }
            ctx.progress().advance(settings.samples() - missing.size());
            if (missing.isEmpty()) {
                continue;
            }
            List<Completion> out =
                    teacher.generate(
                            new GenerationRequest(
                                    p.text(),
                                    settings.params(),
                                    missing,
                                    seeds,
                                    settings.truncateLeft()),
                            ctx);
            List<String> texts = out.stream().map(Completion::text).toList();
            double[][] scores = BatchScorer.score(metrics, texts, 1);
            List<ProfileItem> items = new ArrayList<>();
            for (int j = 0; j < out.size(); j++) {
                ObjectNode data = JSON.createObjectNode();
                ObjectNode m = data.putObject("metrics");
                for (int k = 0; k < metrics.size(); k++) {
                    m.put(metrics.get(k).id().name(), scores[k][j]);
                }
                data.put("prompt", p.text());
                data.put("seed", out.get(j).seed());
                data.put("finish_reason", out.get(j).finishReason());
                items.add(
                        new ProfileItem(
                                p.id(),
                                out.get(j).index(),
                                out.get(j).text(),
                                scores[0][j],
                                data.toString()));
            }
            repo.addItems(profile.id(), items);
            ctx.progress().advance(missing.size());
        }
    }

    /** Per metric: the mean over prompts of each prompt's mean, with a bootstrap CI. */
    public record MetricSummary(String metric, Estimate mean) {}

    /**
     * @param metrics per metric, mean with CI over prompts
     * @param warning a caveat for the reader, or null
     */
    public record TextSummary(List<MetricSummary> metrics, String warning) {}

    public static TextSummary summariseText(List<ProfileItem> items) {
        Map<String, Map<String, Double>> attrs = SuiteAttributes.of("text", items);
        List<MetricSummary> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : attrs.entrySet()) {
            double[] v =
                    e.getValue().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .filter(x -> !Double.isNaN(x))
                            .toArray();
            if (v.length > 0) {
                out.add(new MetricSummary(e.getKey(), Bootstrap.standard().mean(v)));
            }
        }
        String warning = null;
        for (MetricSummary s : out) {
            if (s.metric().equals("words") && s.mean().value() < SHORT_TEXT_WORDS) {
                warning =
                        String.format(
                                java.util.Locale.ROOT,
                                "texts average %.0f words: MTLD is unstable below about %.0f words (few factors close)",
                                s.mean().value(),
                                SHORT_TEXT_WORDS);
            }
        }
        return new TextSummary(out, warning);
    }

    public static ToxicityStats.Result summariseToxicity(List<ProfileItem> items) {
        List<ToxicityStats.Sample> samples = new ArrayList<>();
        for (ProfileItem it : items) {
            boolean empty = it.text() != null && it.text().isEmpty();
            if (empty || !Double.isNaN(it.value())) {
                samples.add(new ToxicityStats.Sample(it.itemKey(), it.value(), empty));
            }
        }
        return ToxicityStats.compute(samples);
    }

    /** Summaries as JSON for the profile row. */
    public static String textSummaryJson(TextSummary s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode m = root.putObject("metrics");
        for (MetricSummary ms : s.metrics()) {
            ObjectNode e = m.putObject(ms.metric());
            e.put("mean", ms.mean().value());
            e.put("low", ms.mean().low());
            e.put("high", ms.mean().high());
            e.put("n", ms.mean().n());
        }
        if (s.warning() != null) {
            root.put("warning", s.warning());
        }
        return root.toString();
    }

    public static String toxicitySummaryJson(ToxicityStats.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emt", r.emt());
        m.put("tox_prob", r.toxProb());
        m.put("prompts", r.prompts());
        m.put("samples", r.samples());
        m.put("empty_skipped", r.emptySkipped());
        return JSON.valueToTree(m).toString();
    }
}
