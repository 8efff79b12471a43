package org.heirloom.sample.models;

import java.util.List;
import org.heirloom.model.ModelConfig;
import org.heirloom.train.TrainingConfig;

/**
 * The exact recipe of one sample model: its corpus, its shape, its initial weights and its
 * training. Building a spec twice (one torch thread, {@code MKL_CBWR=COMPATIBLE}) gives the same
 * weights.
 *
 * @param name folder name under the output directory
 * @param corpusSeed seed of {@link org.heirloom.sample.corpus.SampleCorpus}
 * @param examples corpus size
 * @param hidden hidden size
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param intermediate SwiGLU width
 * @param maxContext max_position_embeddings
 * @param initSeed random-init seed
 * @param trainSeed trainer seed (held-out split, data order)
 * @param training trainer settings (template, steps, learning rate, packing...)
 */
public record SampleModelSpec(
        String name,
        long corpusSeed,
        int examples,
        int hidden,
        int layers,
        int heads,
        int kvHeads,
        int intermediate,
        int maxContext,
        long initSeed,
        long trainSeed,
        TrainingConfig training) {

    public static final String TEACHER = "teacher";
    public static final String STUDENT = "student";

    /**
     * The shipped teacher: all styles mixed, hidden 192, 4 layers (~2 M parameters), one pass over
     * its corpus.
     */
    public static SampleModelSpec teacher() {
        return new SampleModelSpec(
                TEACHER, 1001, 6000, 192, 4, 6, 2, 512, 1024, 11, 21, training(3e-3, 700));
    }

    /** The shipped base student: the same kind of corpus (its own seed), hidden 96, 2 layers. */
    public static SampleModelSpec student() {
        return new SampleModelSpec(
                STUDENT, 2002, 4000, 96, 2, 4, 2, 256, 1024, 12, 22, training(3e-3, 500));
    }

    public static List<SampleModelSpec> shipped() {
        return List.of(teacher(), student());
    }

    /** Packed rows of 320 ids, 4 rows a step, warm-up then cosine decay, 2% held out. */
    public static TrainingConfig training(double lr, int steps) {
        return TrainingConfig.defaults()
                .withLearningRate(lr)
                .withMaxSteps(steps)
                .withWarmupSteps(Math.max(1, steps / 20))
                .withWeightDecay(0)
                .withMaxGradNorm(1.0)
                .withBatch(4, 1)
                .withSequence(320, true)
                .withHeldout(0.02, 0)
                .withCheckpointEvery(0);
    }

    /** The model shape over a vocabulary of {@code vocab} ids (BOS 1, EOS 2, tied embeddings). */
    public ModelConfig config(int vocab) {
        return new ModelConfig(
                "llama",
                vocab,
                hidden,
                intermediate,
                layers,
                heads,
                kvHeads,
                hidden / heads,
                10000.0,
                1e-5,
                true,
                false,
                false,
                maxContext,
                null,
                WordTokenizer.SPECIALS.indexOf(WordTokenizer.BOS),
                List.of(WordTokenizer.SPECIALS.indexOf(WordTokenizer.EOS)));
    }
}
