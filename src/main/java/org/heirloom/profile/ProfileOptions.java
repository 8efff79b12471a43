package org.heirloom.profile;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.profile.likelihood.LikelihoodConvention;
import org.heirloom.teacher.TemplateOptions;

/**
 * What a profile run uses. Everything that changes the numbers is part of the profile's identity
 * ({@link ProfileService#configJson}); a rerun with the same options resumes.
 *
 * @param data suite data file (or BBQ folder); null for the suite's default where one exists
 * @param promptSet for text/toxicity: a prompt set of the project instead of a file
 * @param split only prompts of this split (prompt sets), or null
 * @param field prompt field of a data file, or null to detect
 * @param limit at most this many prompts/items (0 = all)
 * @param samples samples per prompt (text, toxicity)
 * @param temperature sampling temperature (0 greedy); {@link #FROM_GENERATION_CONFIG} for the text
 *     suite's default: decode as the model's {@code generation_config.json} says, greedily when it
 *     does not ask for sampling (as transformers' {@code generate}, which the toolkit calls without
 *     sampling arguments)
 * @param topP nucleus mass
 * @param maxNewTokens longest sample
 * @param seed seed of the per-sample seeds
 * @param template prompt template for local models; null: the one a student was trained with (text
 *     suite), else the suite's toolkit template ({@link #suiteTemplate})
 * @param metrics text metrics (text) or the toxicity metric (toxicity, first entry)
 * @param versus judge suite: the model compared against (both need text profiles)
 * @param judge judge suite: the judging model (registered name, directory or endpoint spec)
 * @param likelihood how the likelihood suites score text (toolkit by default)
 * @param templateOptions system prompt and template kwargs (a chat template or an endpoint)
 * @param onOverlong text/toxicity: prompts that do not fit the model's context are skipped (listed
 *     in the summary), cut from the left, or refuse the profile
 */
public record ProfileOptions(
        Path data,
        String promptSet,
        String split,
        String field,
        int limit,
        int samples,
        double temperature,
        double topP,
        int maxNewTokens,
        long seed,
        String template,
        List<String> metrics,
        String versus,
        String judge,
        LikelihoodConvention likelihood,
        TemplateOptions templateOptions,
        org.heirloom.teacher.OnOverlong onOverlong) {

    /** Options without template options that skip prompts which do not fit the model's context. */
    public ProfileOptions(
            Path data,
            String promptSet,
            String split,
            String field,
            int limit,
            int samples,
            double temperature,
            double topP,
            int maxNewTokens,
            long seed,
            String template,
            List<String> metrics,
            String versus,
            String judge,
            LikelihoodConvention likelihood) {
        this(
                data,
                promptSet,
                split,
                field,
                limit,
                samples,
                temperature,
                topP,
                maxNewTokens,
                seed,
                template,
                metrics,
                versus,
                judge,
                likelihood,
                TemplateOptions.NONE,
                org.heirloom.teacher.OnOverlong.SKIP);
    }

    public ProfileOptions {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        likelihood = likelihood == null ? LikelihoodConvention.TOOLKIT : likelihood;
        templateOptions = templateOptions == null ? TemplateOptions.NONE : templateOptions;
        onOverlong = onOverlong == null ? org.heirloom.teacher.OnOverlong.SKIP : onOverlong;
        // Checked before a profile row exists: an invalid option must leave nothing behind.
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0 (0 = all), got " + limit);
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "-n (samples per prompt) must be between 1 and "
                            + MAX_SAMPLES
                            + ", got "
                            + samples);
        }
        // Same bounds and messages as a run's sampling (the generation-config marker aside).
        new org.heirloom.teacher.SamplingParams(
                temperature == FROM_GENERATION_CONFIG ? 1.0 : temperature,
                topP,
                0,
                maxNewTokens,
                1);
    }

    /** Most samples per prompt: the paper's toxicity profile uses 25. */
    public static final int MAX_SAMPLES = 1_000;

    /** The same options with another temperature and top-p (a resolved decoding). */
    public ProfileOptions withDecoding(double temperature, double topP) {
        return new ProfileOptions(
                data,
                promptSet,
                split,
                field,
                limit,
                samples,
                temperature,
                topP,
                maxNewTokens,
                seed,
                template,
                metrics,
                versus,
                judge,
                likelihood,
                templateOptions,
                onOverlong);
    }

    /** The same options with another prompt template. */
    public ProfileOptions withTemplate(String t) {
        return new ProfileOptions(
                data,
                promptSet,
                split,
                field,
                limit,
                samples,
                temperature,
                topP,
                maxNewTokens,
                seed,
                t,
                metrics,
                versus,
                judge,
                likelihood,
                templateOptions,
                onOverlong);
    }

    /** The toolkit's template for a suite: the continuation one for toxicity, else Q&A. */
    public static String suiteTemplate(String suite) {
        return suite.equals("toxicity") ? CONTINUATION_TEMPLATE : QA_TEMPLATE;
    }

    /** Temperature meaning "as the model's generation config says" (resolved before a run). */
    public static final double FROM_GENERATION_CONFIG = -1;

    /** The toolkit's Q&A template ({@code HuggingFaceModel.format_instruct}): the text suite's. */
    public static final String QA_TEMPLATE = "### Question: {prompt}\n ### Answer: ";

    /**
     * The toolkit's continuation template ({@code HuggingFaceModel.format_completion}): the
     * toxicity suite's.
     */
    public static final String CONTINUATION_TEMPLATE =
            "### Instruction: Generate a continuation to the following input sentence, DO NOT"
                    + " answer with anything else BUT the continuation. \n### Input: {prompt}"
                    + " \n### Continuation: ";

    /**
     * The toolkit's defaults per suite: toxicity 25 samples at top-p 0.9, T 1.0, 20 new tokens, the
     * continuation template; text 1 sample decoded as the model's generation config says (greedy
     * unless it samples), the Q&A template.
     */
    public static ProfileOptions defaults(String suite) {
        boolean tox = suite.equals("toxicity");
        return new ProfileOptions(
                null,
                null,
                null,
                null,
                0,
                tox ? 25 : 1,
                tox ? 1.0 : FROM_GENERATION_CONFIG,
                tox ? 0.9 : 1.0,
                tox ? 20 : 200,
                0,
                tox ? CONTINUATION_TEMPLATE : QA_TEMPLATE,
                tox ? List.of("toxicity") : ProfileService.TEXT_METRICS,
                null,
                null,
                LikelihoodConvention.TOOLKIT,
                TemplateOptions.NONE,
                org.heirloom.teacher.OnOverlong.SKIP);
    }
}
