package org.heirloom.cli.run;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.cli.UserInputException;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.PromptGeneration;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SamplingDefaults;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.teacher.TemplateOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code heirloom generate --model DIR --prompt TEXT ...}: sample from a local model. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate text with a local Hugging Face-format model.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "Model directory.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Prompt text.")
    String prompt;

    @Option(
            names = "--template",
            paramLabel = "T",
            defaultValue = "raw",
            description =
                    "raw (default), chat (the model's chat template), or a string with {prompt}.")
    String template;

    @Option(names = "--system", description = "System prompt (template chat).")
    String system;

    @Option(
            names = "--template-kwarg",
            paramLabel = "NAME=VALUE",
            description = "Chat template variable, e.g. enable_thinking=false (repeatable).")
    List<String> templateKwargs;

    @Option(
            names = "-n",
            paramLabel = "K",
            defaultValue = "1",
            description = "Candidates (default 1).")
    int n;

    @Option(
            names = "--max-new-tokens",
            paramLabel = "N",
            defaultValue = "128",
            description = "Default 128.")
    int maxNewTokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            description = "0 = greedy. Default: the model's generation_config.json, else greedy.")
    Double temperature;

    @Option(
            names = "--top-p",
            paramLabel = "P",
            description = "Nucleus mass. Default: generation_config.json, else 1.")
    Double topP;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            description = "0 = off. Default: generation_config.json, else off.")
    Integer topK;

    @Option(
            names = "--repetition-penalty",
            paramLabel = "R",
            description = "1 = off. Default: generation_config.json, else off.")
    Double repetitionPenalty;

    @Option(names = "--stop", paramLabel = "S", description = "Stop string (repeatable).")
    List<String> stop = new ArrayList<>();

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Candidate i uses seed S+i.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--decode-dtype",
            paramLabel = "D",
            defaultValue = "f32",
            description =
                    "f32 (default, exact) or f16: the projection matrices in float16 while"
                            + " decoding (about half the bytes per token; ids and log-probs"
                            + " approximate, see docs/engine.md).")
    String decodeDtype;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new UserInputException("-n must be at least 1, got " + n);
        }
        // Options the user set win; the rest come from generation_config.json (else greedy).
        GenerationOptions options =
                SamplingDefaults.read(model)
                        .resolve(maxNewTokens, temperature, topP, topK, repetitionPenalty, stop);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seeds.add(seed + i);
        }
        PromptGeneration.Result result;
        DataType dt;
        try {
            dt = LocalModel.parseDecodeDtype(decodeDtype);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--decode-dtype: " + e.getMessage());
        }
        try (LocalModel m = LocalModel.builder().optModelDir(model).optDecodeDtype(dt).build()) {
            PromptTemplate t =
                    PromptTemplate.parse(
                            template, m, TemplateOptions.fromCommandLine(system, templateKwargs));
            result = PromptGeneration.generate(m, t, prompt, options, seeds, JobContext.none());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("model", model.toString());
            ArrayNode pid = root.putArray("prompt_ids");
            for (long id : result.promptIds()) {
                pid.add(id);
            }
            ArrayNode comps = root.putArray("completions");
            for (GeneratedSequence s : result.completions()) {
                ObjectNode c = comps.addObject();
                ArrayNode ids = c.putArray("ids");
                for (long id : s.ids()) {
                    ids.add(id);
                }
                c.put("text", s.text());
                ArrayNode lp = c.putArray("logprobs");
                for (double v : s.logprobs()) {
                    lp.add(v);
                }
                c.put("finish_reason", s.finishReason().label());
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            for (int i = 0; i < result.completions().size(); i++) {
                GeneratedSequence s = result.completions().get(i);
                if (result.completions().size() > 1) {
                    out.printf(
                            "--- candidate %d (seed %d, %s, %d tokens)%n",
                            i, seeds.get(i), s.finishReason().label(), s.ids().length);
                }
                out.println(s.text());
            }
        }
        out.flush();
        return 0;
    }
}
