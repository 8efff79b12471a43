package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.model.generate.GenerationOptions;
import org.junit.jupiter.api.Test;

class TrainerTest {

    static final List<TrainingExample> DATA =
            List.of(
                    new TrainingExample("cat", "meow"),
                    new TrainingExample("dog", "woof"),
                    new TrainingExample("cow", "moo"),
                    new TrainingExample("duck", "quack"));

    static TrainingConfig fast() {
        return TrainingConfig.defaults()
                .withLearningRate(1e-2)
                .withWarmupSteps(0)
                .withHeldout(0, 0)
                .withBatch(4, 1)
                .withMaxSteps(60)
                .withCheckpointEvery(0)
                .withTemplate("Q:{prompt} A:");
    }

    @Test
    void learnsATinyDatasetAndGreedyReproducesIt() throws Exception {
        try (LocalModel m = TinyModels.random(1)) {
            List<double[]> curve = new ArrayList<>();
            Trainer t = new Trainer(m, fast(), 5, TrainingData.of("mem", DATA));
            long t0 = System.nanoTime();
            Trainer.Outcome o =
                    t.run(null, (s, sp, l, lr, n) -> curve.add(new double[] {s, l}), JobContext.none());
            System.out.println("train ms " + (System.nanoTime() - t0) / 1e6);
            assertEquals(60, o.totalSteps());
            double first = curve.get(0)[1];
            double last = curve.get(curve.size() - 1)[1];
            System.out.println("loss " + first + " -> " + last);
            assertTrue(first > 3.0, "random init: loss near ln(99) = 4.6, got " + first);
            assertTrue(last < 0.2, "memorised: " + last);
            var g = m.newGenerator();
            for (TrainingExample e : DATA) {
                long[] ids = m.tokenizer().encode("Q:" + e.prompt() + " A:");
                var out = g.generate(List.of(new org.heirloom.model.generate.SequenceRequest(ids, 0)),
                        new GenerationOptions(10, 0, 1, 0, 1, List.of()), JobContext.none());
                assertEquals(e.completion() + "</s>", out.get(0).text());
            }
        }
    }
}
