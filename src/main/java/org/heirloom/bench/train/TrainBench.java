package org.heirloom.bench.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.train.Trainer;
import org.heirloom.train.TrainingConfig;
import org.heirloom.train.data.TokenizedExample;

/**
 * Training throughput of our trainer on a random-init model and random ids: every position after
 * the first is a target (no padding), so it measures the step itself.
 */
public final class TrainBench {

    /**
     * Shape of the measurement.
     *
     * @param config model shape
     * @param batch sequences per step
     * @param seqLen ids per sequence
     * @param warmupSteps untimed steps first
     * @param steps timed steps
     * @param seed weights and data
     * @param threads PyTorch intra-op threads (0 = leave the engine's setting)
     */
    public record Spec(
            ModelConfig config,
            int batch,
            int seqLen,
            int warmupSteps,
            int steps,
            long seed,
            int threads) {}

    /**
     * One measurement.
     *
     * @param tokensPerSecond ids per second through forward + backward + AdamW
     * @param msPerStep mean wall time of a timed step
     * @param firstLoss loss of the first step
     * @param lastLoss loss of the last step
     */
    public record Result(
            double tokensPerSecond, double msPerStep, double firstLoss, double lastLoss) {}

    private TrainBench() {}

    /** Random ids (3 .. vocab-1) for {@code batch · steps} sequences, same for every caller. */
    public static long[][] data(Spec s) {
        SplittableRandom r = new SplittableRandom(s.seed());
        long[][] out = new long[s.batch()][s.seqLen()];
        for (long[] row : out) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 3 + r.nextInt(s.config().vocabSize() - 3);
            }
        }
        return out;
    }

    public static Result run(Spec s, JobContext context) throws IOException {
        if (s.threads() > 0) {
            ai.djl.engine.Engine.getEngine("PyTorch");
            // Process-wide; the same count the reference loop is given.
            ai.djl.pytorch.jni.JniUtils.setNumThreads(s.threads());
        }
        List<TokenizedExample> examples = new ArrayList<>();
        for (long[] row : data(s)) {
            examples.add(new TokenizedExample(row, 1));
        }
        TrainingConfig cfg =
                TrainingConfig.defaults()
                        .withLearningRate(1e-3)
                        .withWarmupSteps(0)
                        .withHeldout(0, 0)
                        .withCheckpointEvery(0)
                        .withBatch(s.batch(), 1)
                        .withSequence(Math.max(2, s.seqLen()), false)
                        .withMaxSteps(s.warmupSteps() + s.steps());
        long[] stamps = new long[s.warmupSteps() + s.steps() + 1];
        double[] losses = new double[stamps.length];
        try (LocalModel m =
                LocalModel.builder().optRandomInit(s.config(), s.seed()).optFuse(false).build()) {
            Trainer t = Trainer.ofTokenized(m, cfg, s.seed(), examples, List.of(), "bench");
            stamps[0] = System.nanoTime();
            t.run(
                    null,
                    (step, split, loss, lr, n) -> {
                        stamps[step] = System.nanoTime();
                        losses[step] = loss;
                        if (Boolean.getBoolean("heirloom.debugBench")) {
                            System.err.println("DBG " + step + " " + loss);
                        }
                    },
                    context);
        }
        double seconds = (stamps[stamps.length - 1] - stamps[s.warmupSteps()]) / 1e9;
        double tokens = (double) s.steps() * s.batch() * s.seqLen();
        return new Result(
                tokens / seconds, seconds * 1000 / s.steps(), losses[1], losses[losses.length - 1]);
    }
}
