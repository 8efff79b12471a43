package org.heirloom.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.heirloom.train.data.TokenizedExample;

/**
 * Hyper-parameters of one fine-tuning (the seed is the plan's, so baseline and steered arms share
 * everything but the data).
 *
 * @param epochs passes over the training split (ignored when {@code maxSteps} > 0)
 * @param maxSteps optimizer steps; 0 = derived from {@code epochs}
 * @param learningRate peak learning rate
 * @param warmupSteps linear warm-up steps; -1 = 3% of the steps (rounded up)
 * @param weightDecay decoupled weight decay (AdamW), applied to matrices only
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param epsilon AdamW ε
 * @param maxGradNorm global-norm clipping threshold; 0 = off
 * @param batchSize sequences (or packed rows) per micro-batch
 * @param gradAccum micro-batches per optimizer step
 * @param maxSeqLen longest sequence; longer examples are cut at the end of the completion
 * @param packing concatenate examples into rows of {@code maxSeqLen} instead of padding
 * @param template prompt template with {@code {prompt}}, or {@code chat}: the base model's chat
 *     template, loss on the assistant turn only (see {@link TokenizedExample#ofChat})
 * @param heldoutFraction share of examples held out for the held-out loss (0 = none)
 * @param evalEvery held-out loss every N steps (and at the end); 0 = only at the end
 * @param checkpointEvery checkpoint every N steps; 0 = never
 * @param lora adapters instead of full fine-tuning, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TrainingConfig(
        int epochs,
        int maxSteps,
        double learningRate,
        int warmupSteps,
        double weightDecay,
        double beta1,
        double beta2,
        double epsilon,
        double maxGradNorm,
        int batchSize,
        int gradAccum,
        int maxSeqLen,
        boolean packing,
        String template,
        double heldoutFraction,
        int evalEvery,
        int checkpointEvery,
        LoraConfig lora) {

    /** The paper's prompt format. */
    public static final String PAPER_TEMPLATE = "### Question: {prompt}\n ### Answer: ";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public TrainingConfig {
        check(epochs >= 1, "epochs must be at least 1, got " + epochs);
        check(maxSteps >= 0, "max steps must be >= 0, got " + maxSteps);
        check(learningRate > 0 && Double.isFinite(learningRate), "lr must be positive");
        check(warmupSteps >= -1, "warm-up steps must be >= 0 (or -1 for 3%)");
        check(weightDecay >= 0, "weight decay must be >= 0");
        check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1)");
        check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1)");
        check(epsilon > 0, "epsilon must be positive");
        check(maxGradNorm >= 0, "max grad norm must be >= 0");
        check(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        check(gradAccum >= 1, "gradient accumulation must be at least 1, got " + gradAccum);
        check(maxSeqLen >= 2, "max sequence length must be at least 2");
        check(
                template != null && (template.contains("{prompt}") || template.equals("chat")),
                "template must contain {prompt} or be 'chat' (the base model's chat template)");
        check(heldoutFraction >= 0 && heldoutFraction < 1, "held-out fraction must be in [0, 1)");
        check(evalEvery >= 0, "eval-every must be >= 0");
        check(checkpointEvery >= 0, "checkpoint-every must be >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** HF Trainer-like defaults: 3 epochs, lr 5e-5, batch 8, clip 1.0, paper template. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(
                3,
                0,
                5e-5,
                -1,
                0.0,
                0.9,
                0.999,
                1e-8,
                1.0,
                8,
                1,
                512,
                false,
                PAPER_TEMPLATE,
                0.1,
                10,
                50,
                null);
    }

    public TrainingConfig withEpochs(int v) {
        return edit(d -> d.epochs = v);
    }

    public TrainingConfig withMaxSteps(int v) {
        return edit(d -> d.maxSteps = v);
    }

    public TrainingConfig withLearningRate(double v) {
        return edit(d -> d.learningRate = v);
    }

    public TrainingConfig withWarmupSteps(int v) {
        return edit(d -> d.warmupSteps = v);
    }

    public TrainingConfig withWeightDecay(double v) {
        return edit(d -> d.weightDecay = v);
    }

    public TrainingConfig withMaxGradNorm(double v) {
        return edit(d -> d.maxGradNorm = v);
    }

    public TrainingConfig withBatch(int batch, int accum) {
        return edit(
                d -> {
                    d.batchSize = batch;
                    d.gradAccum = accum;
                });
    }

    public TrainingConfig withSequence(int len, boolean pack) {
        return edit(
                d -> {
                    d.maxSeqLen = len;
                    d.packing = pack;
                });
    }

    public TrainingConfig withTemplate(String v) {
        return edit(d -> d.template = v);
    }

    public TrainingConfig withHeldout(double fraction, int every) {
        return edit(
                d -> {
                    d.heldoutFraction = fraction;
                    d.evalEvery = every;
                });
    }

    public TrainingConfig withCheckpointEvery(int v) {
        return edit(d -> d.checkpointEvery = v);
    }

    public TrainingConfig withLora(LoraConfig v) {
        return edit(d -> d.lora = v);
    }

    /** A copy with some components changed (validated again by the constructor). */
    private TrainingConfig edit(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /** Mutable copy of the components, for {@link #edit}. */
    private static final class Draft {
        int epochs;
        int maxSteps;
        double learningRate;
        int warmupSteps;
        double weightDecay;
        double beta1;
        double beta2;
        double epsilon;
        double maxGradNorm;
        int batchSize;
        int gradAccum;
        int maxSeqLen;
        boolean packing;
        String template;
        double heldoutFraction;
        int evalEvery;
        int checkpointEvery;
        LoraConfig lora;

        Draft(TrainingConfig c) {
            epochs = c.epochs();
            maxSteps = c.maxSteps();
            learningRate = c.learningRate();
            warmupSteps = c.warmupSteps();
            weightDecay = c.weightDecay();
            beta1 = c.beta1();
            beta2 = c.beta2();
            epsilon = c.epsilon();
            maxGradNorm = c.maxGradNorm();
            batchSize = c.batchSize();
            gradAccum = c.gradAccum();
            maxSeqLen = c.maxSeqLen();
            packing = c.packing();
            template = c.template();
            heldoutFraction = c.heldoutFraction();
            evalEvery = c.evalEvery();
            checkpointEvery = c.checkpointEvery();
            lora = c.lora();
        }

        TrainingConfig build() {
            return new TrainingConfig(
                    epochs,
                    maxSteps,
                    learningRate,
                    warmupSteps,
                    weightDecay,
                    beta1,
                    beta2,
                    epsilon,
                    maxGradNorm,
                    batchSize,
                    gradAccum,
                    maxSeqLen,
                    packing,
                    template,
                    heldoutFraction,
                    evalEvery,
                    checkpointEvery,
                    lora);
        }
    }

    /** Warm-up steps for a run of {@code totalSteps}. */
    public int warmupFor(int totalSteps) {
        return warmupSteps >= 0
                ? Math.min(warmupSteps, totalSteps)
                : (int) Math.ceil(0.03 * totalSteps);
    }

    /** Canonical JSON (sorted keys): stored with the training, compared on resume. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainingConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("training config: " + e.getOriginalMessage());
        }
    }
}
