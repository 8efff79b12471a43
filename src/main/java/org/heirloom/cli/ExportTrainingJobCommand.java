package org.heirloom.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.heirloom.project.Project;
import org.heirloom.project.SelectionRepository;
import org.heirloom.train.LoraConfig;
import org.heirloom.train.ModelStore;
import org.heirloom.train.SelectionTrainingData;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.TrainingData;
import org.heirloom.train.export.TrlJobExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heirloom export-training-job PROJECT --selection S --engine trl --out DIR}: one student
 * arm as a job for Hugging Face TRL on a GPU machine. Takes the options of {@code train}, so the
 * job trains what {@code train --selection S} would (docs/scale-out.md).
 */
@Command(
        name = "export-training-job",
        mixinStandardHelpOptions = true,
        description =
                "Write a training job (data, TRL SFTConfig, launch scripts, manifest) that trains a"
                        + " selection's student on an existing engine as `train` would.")
final class ExportTrainingJobCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "Project file.")
    Path project;

    @Option(names = "--selection", required = true, description = "Selection to train on.")
    String selection;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            description = "Only prompts of this split (e.g. train), as train --split.")
    String split;

    @Option(names = "--engine", defaultValue = "trl", description = "Training engine: trl.")
    String engine;

    @Option(names = "--out", required = true, description = "New folder for the job.")
    Path out;

    @Option(
            names = "--base",
            required = true,
            paramLabel = "DIR_OR_MODEL",
            description = "Base model: a Hugging Face folder or a model of the project.")
    String base;

    @Option(
            names = "--name",
            paramLabel = "MODEL",
            description = "Student name (default: the selection's name).")
    String name;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default 3).")
    int epochs;

    @Option(names = "--max-steps", defaultValue = "0", description = "Steps; 0 = from epochs.")
    int maxSteps;

    @Option(
            names = "--lr",
            defaultValue = "5e-5",
            description = "Peak learning rate (default 5e-5).")
    double lr;

    @Option(
            names = "--warmup-steps",
            defaultValue = "-1",
            description = "Warm-up steps (default 3%% of the steps).")
    int warmup;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW decay (default 0).")
    double weightDecay;

    @Option(
            names = "--max-grad-norm",
            defaultValue = "1",
            description = "Clip; 0 = off (default 1).")
    double maxGradNorm;

    @Option(names = "--batch", defaultValue = "8", description = "Micro-batch size (default 8).")
    int batch;

    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per step.")
    int gradAccum;

    @Option(names = "--max-len", defaultValue = "512", description = "Max ids per example.")
    int maxLen;

    @Option(names = "--packing", description = "Pack examples into rows instead of padding.")
    boolean packing;

    @Option(
            names = "--template",
            paramLabel = "T",
            description = "Prompt template with {prompt} (default: the paper's).")
    String template;

    @Option(
            names = "--heldout",
            defaultValue = "0.1",
            description = "Held-out share of the data (default 0.1).")
    double heldout;

    @Option(
            names = "--eval-every",
            defaultValue = "10",
            description = "Held-out loss every N steps.")
    int evalEvery;

    @Option(
            names = "--checkpoint-every",
            defaultValue = "50",
            description = "Checkpoint every N steps.")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default 0).")
    long seed;

    @Option(
            names = "--replicates",
            defaultValue = "3",
            description =
                    "Students trained with seeds derived from (seed, r), named MODEL-r0.. when"
                            + " more than one (default 3).")
    int replicates;

    @Option(
            names = "--lora-rank",
            defaultValue = "0",
            description = "LoRA rank; 0 = full fine-tuning.")
    int loraRank;

    @Option(names = "--lora-alpha", description = "LoRA alpha (default 2 x rank).")
    Double loraAlpha;

    @Option(
            names = "--lora-targets",
            split = ",",
            defaultValue = "q_proj,v_proj",
            description = "LoRA target modules (default q_proj,v_proj).")
    List<String> loraTargets;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(project)) {
            throw new UserInputException(project + ": no such project file");
        }
        if (!"trl".equals(engine)) {
            throw new UserInputException("--engine: only 'trl' is supported, got '" + engine + "'");
        }
        TrainingConfig config;
        try {
            config =
                    TrainingConfig.defaults()
                            .withEpochs(epochs)
                            .withMaxSteps(maxSteps)
                            .withLearningRate(lr)
                            .withWarmupSteps(warmup)
                            .withWeightDecay(weightDecay)
                            .withMaxGradNorm(maxGradNorm)
                            .withBatch(batch, gradAccum)
                            .withSequence(maxLen, packing)
                            .withHeldout(heldout, evalEvery)
                            .withCheckpointEvery(checkpointEvery);
            if (template != null) {
                config = config.withTemplate(template);
            }
            if (loraRank > 0) {
                config =
                        config.withLora(
                                new LoraConfig(
                                        loraRank,
                                        loraAlpha != null ? loraAlpha : 2.0 * loraRank,
                                        loraTargets));
            }
            if (replicates < 1) {
                throw new IllegalArgumentException(
                        "--replicates must be at least 1, got " + replicates);
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        final TrainingConfig cfg = config;
        var manifest =
                withProject(
                        p -> {
                            TrainingData data = SelectionTrainingData.load(p, selection, split);
                            long selectionId = new SelectionRepository(p).require(selection).id();
                            Path baseDir = new ModelStore(p).resolveBase(base).location();
                            return TrlJobExporter.export(
                                    new TrlJobExporter.Job(
                                            name != null ? name : selection,
                                            baseDir,
                                            project.getFileName().toString(),
                                            selection,
                                            selectionId,
                                            split,
                                            data,
                                            cfg,
                                            seed,
                                            replicates),
                                    out);
                        });
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                "Wrote a TRL %s training job for selection '%s' (%d examples, %d replicates) to"
                        + " %s%n",
                TrlJobExporter.TRL_VERSION,
                selection,
                manifest.get("examples").asInt(),
                replicates,
                out);
        w.flush();
        return 0;
    }

    private interface Body<T> {
        T run(Project p) throws Exception;
    }

    private <T> T withProject(Body<T> body) throws Exception {
        try (Project p = Project.open(project)) {
            return body.run(p);
        }
    }
}
