package org.heirloom.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.train.data.TrainingData;
import org.junit.jupiter.api.Test;

/** A loss that is not a number stops training with a message that says so. */
class TrainingNanTest {

    @Test
    void divergingTrainingStopsWithAMessageNamingTheLoss() throws Exception {
        // Adam moves every weight by about lr per step whatever the gradient: at lr 1e30 the
        // logits overflow float32 within a few steps, and the loss becomes inf or NaN.
        TrainingConfig cfg =
                TrainerTest.fast().withLearningRate(1e30).withMaxGradNorm(0).withMaxSteps(20);
        List<Double> stored = new ArrayList<>();
        try (LocalModel m = TinyModels.random(11)) {
            TrainingDivergedException e =
                    assertThrows(
                            TrainingDivergedException.class,
                            () ->
                                    new Trainer(m, cfg, 5, TrainingData.of("mem", TrainerTest.DATA))
                                            .run(
                                                    null,
                                                    (s, sp, l, lr, n) -> stored.add(l),
                                                    JobContext.none()));
            assertTrue(
                    e.getMessage().startsWith("training stopped: the train loss is "),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("NaN") || e.getMessage().contains("Infinity"),
                    e.getMessage());
        }
        // Every loss handed on before the stop was a number.
        assertTrue(stored.stream().allMatch(Double::isFinite), stored.toString());
    }

    @Test
    void finiteLossesPassAndOthersAreRefused() {
        assertEquals(2.5, Trainer.finite(2.5, "train", 3));
        TrainingDivergedException e =
                assertThrows(
                        TrainingDivergedException.class,
                        () -> Trainer.finite(Double.NaN, "held-out", 10));
        assertTrue(
                e.getMessage().startsWith("training stopped: the held-out loss is NaN at step 10"),
                e.getMessage());
        assertThrows(
                TrainingDivergedException.class,
                () -> Trainer.finite(Double.POSITIVE_INFINITY, "train", 1));
    }
}
