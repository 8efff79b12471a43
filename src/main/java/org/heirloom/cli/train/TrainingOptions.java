package org.heirloom.cli.train;

import java.util.List;
import org.heirloom.train.LoraConfig;
import org.heirloom.train.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The training hyper-parameters that {@code train} and {@code export-training-job} share (a picocli
 * mixin), so that a job exported for another engine is the same experiment by construction.
 */
final class TrainingOptions {

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
            description =
                    "Prompt template with {prompt} (default: the paper's), or chat: the base's chat template, loss on the assistant turn.")
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

    /** The training configuration these options describe (IllegalArgumentException if invalid). */
    TrainingConfig config() {
        TrainingConfig config =
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
        return config;
    }
}
