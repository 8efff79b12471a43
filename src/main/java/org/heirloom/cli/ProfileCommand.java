package org.heirloom.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.profile.ProfileService;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.Project;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TemplateOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code heirloom profile PROJECT --model M --suite S ...}: profile a model; resumable. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = {
            "Profile a model on a suite: text, toxicity, calibration, crows, bbq, stereoset, judge.",
            "text/toxicity generate samples on prompts (--prompts SET or --data FILE) and score them;"
                    + " calibration/crows/bbq score options by mean token log-likelihood (--data).",
            "judge compares the model's text-profile answers with --versus MODEL's, judged by --judge"
                    + " in both orders (win only if preferred in both).",
            "Re-running the same command resumes; results are stored in the project."
        })
final class ProfileCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(
            names = "--model",
            required = true,
            description = "Registered model name, model directory, local:DIR or openai:URL#MODEL.")
    String model;

    @Option(
            names = "--model-name",
            description = "Name to register a new model under (default: directory or model name).")
    String modelName;

    @Option(
            names = "--suite",
            required = true,
            description = "text, toxicity, calibration, crows or bbq.")
    String suite;

    @Option(
            names = "--data",
            description =
                    "Suite data: prompts file (text/toxicity), multiple-choice JSONL, CrowS-Pairs CSV or BBQ folder.")
    Path data;

    @Option(names = "--prompts", description = "Prompt set of the project (text/toxicity).")
    String prompts;

    @Option(names = "--split", description = "Only prompts of this split.")
    String split;

    @Option(names = "--field", description = "Prompt field of --data (default: detected).")
    String field;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "At most N prompts or items (0 = all).")
    int limit;

    @Option(
            names = {"-n", "--samples"},
            description = "Samples per prompt (default: 25 toxicity, 1 text).")
    Integer samples;

    @Option(
            names = "--temperature",
            description =
                    "Sampling temperature, 0 greedy (default: toxicity 1.0; text as the model's"
                            + " generation_config.json says, greedy unless it samples, as the"
                            + " toolkit decodes).")
    Double temperature;

    @Option(names = "--top-p", description = "Nucleus mass (default: 0.9 toxicity, 1.0 text).")
    Double topP;

    @Option(
            names = "--max-new-tokens",
            description = "Longest sample (default: 20 toxicity, 200 text).")
    Integer maxNewTokens;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the per-sample seeds.")
    long seed;

    @Option(
            names = "--template",
            description =
                    "Prompt template for local models, {prompt} marks the prompt (default: the"
                            + " toolkit's: toxicity '### Instruction: Generate a continuation to the"
                            + " following input sentence, DO NOT answer with anything else BUT the"
                            + " continuation. \\n### Input: {prompt} \\n### Continuation: '; otherwise the"
                            + " one a student was trained with, else '### Question: {prompt}\\n ###"
                            + " Answer: '; raw; chat).")
    String template;

    @Option(names = "--system", description = "System prompt (template chat, or an openai: model).")
    String system;

    @Option(
            names = "--template-kwarg",
            paramLabel = "NAME=VALUE",
            description =
                    "Chat template variable, e.g. enable_thinking=false (repeatable; template chat, or an openai: model).")
    List<String> templateKwargs;

    @Option(
            names = "--metrics",
            split = ",",
            description =
                    "text: metrics to score (default: words, characters, sentences, mtld, ttr, distinct_2, gunning_fog, flesch_reading_ease, toxicity); toxicity: the toxicity metric (default: toxicity).")
    List<String> metrics;

    @Option(
            names = "--likelihood",
            paramLabel = "toolkit|clean",
            description =
                    "calibration, crows, bbq, stereoset: how text is scored (default toolkit: the"
                            + " profiling toolkit's convention, which with BOS-adding tokenizers"
                            + " counts p(BOS|BOS) in sentence scores and one context token in answer"
                            + " scores; clean: only the text's own tokens).")
    String likelihood;

    @Option(
            names = "--versus",
            description = "judge: the model compared against (both need text profiles).")
    String versus;

    @Option(
            names = "--judge",
            description = "judge: the judging model (name, directory or openai:URL#MODEL).")
    String judge;

    private TemplateOptions templateOptions() {
        return TemplateOptions.fromCommandLine(system, templateKwargs);
    }

    @Option(
            names = "--on-overlong",
            paramLabel = "WHAT",
            defaultValue = "skip",
            description =
                    "text/toxicity: prompts that do not fit the model's context with"
                            + " --max-new-tokens: skip (listed in the summary), truncate-left, or"
                            + " fail. Default: ${DEFAULT-VALUE}.")
    String onOverlong;

    @Override
    public Integer call() throws Exception {
        ProfileOptions d = ProfileOptions.defaults(suite);
        ProfileOptions o =
                new ProfileOptions(
                        data,
                        prompts,
                        split,
                        field,
                        limit,
                        samples != null ? samples : d.samples(),
                        temperature != null ? temperature : d.temperature(),
                        topP != null ? topP : d.topP(),
                        maxNewTokens != null ? maxNewTokens : d.maxNewTokens(),
                        seed,
                        template != null ? template.replace("\\n", "\n") : null,
                        metrics != null ? metrics : d.metrics(),
                        versus,
                        judge,
                        likelihood != null
                                ? org.heirloom.profile.LikelihoodConvention.parse(likelihood)
                                : d.likelihood(),
                        templateOptions(),
                        org.heirloom.teacher.OnOverlong.parse(onOverlong));
        String summary;
        try (Project p = Project.open(project)) {
            ProfileService service = new ProfileService(p, MetricResolver.standard());
            ModelRecord m = service.resolveModel(model, modelName);
            summary =
                    service.run(m, suite, o, ConsoleProgress.context(spec.commandLine().getErr()));
        }
        spec.commandLine().getOut().println(summary);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
