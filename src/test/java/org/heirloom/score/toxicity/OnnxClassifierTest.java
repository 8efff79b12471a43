package org.heirloom.score.toxicity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.score.Metric;
import org.heirloom.score.MetricRegistry;
import org.heirloom.score.SharedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX backend against a classifier written by {@link TinyOnnx}. Expected probabilities by
 * hand: "you idiot" → mean embedding ([0.5,0] + [3,1]) / 2 = [1.75, 0.5], logits = [2.25, 0]; "nice
 * day" → [-1, 1], logits [-0.5, 0.5]; "hello you" → ([0,0] + [0.5,0]) / 2 = [0.25, 0], logits
 * [0.75, -0.5]. Softmax P(label 0) = sigmoid(l0 - l1); sigmoid per label for multi-label.
 */
class OnnxClassifierTest {

    @TempDir Path tmp;

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void softmaxModel() throws Exception {
        Path dir =
                TinyOnnx.write(
                        tmp.resolve("softmax"),
                        List.of("toxic", "neutral"),
                        "single_label_classification");
        try (Metric m =
                MetricRegistry.standard().resolve("toxicity(backend=onnx,model=" + dir + ")")) {
            double[] s = m.score(List.of("you idiot", "nice day"));
            assertEquals(sigmoid(2.25), s[0], 1e-6);
            assertEquals(sigmoid(-1.0), s[1], 1e-6);
            assertEquals(sigmoid(1.25), m.score("hello you"), 1e-6);
            assertEquals("onnx", m.id().params().get("backend"));
            assertEquals("toxic", m.id().params().get("label"));
            assertEquals(64, m.id().params().get("sha256").length());
        }
        try (Metric neutral =
                MetricRegistry.standard()
                        .resolve("toxicity(backend=onnx,model=" + dir + ",label=neutral)")) {
            assertEquals(1 - sigmoid(2.25), neutral.score("you idiot"), 1e-6);
        }
    }

    @Test
    void multiLabelUsesSigmoidAndMaxOfChosenLabels() throws Exception {
        Path dir =
                TinyOnnx.write(
                        tmp.resolve("multi"),
                        List.of("toxic", "insult"),
                        "multi_label_classification");
        try (OnnxClassifier c = OnnxClassifier.open(dir, List.of())) {
            double[][] p = c.probabilities(List.of("you idiot", "nice day"));
            assertEquals(sigmoid(2.25), p[0][0], 1e-6);
            assertEquals(0.5, p[0][1], 1e-6);
            assertEquals(sigmoid(-0.5), p[1][0], 1e-6);
            assertEquals(sigmoid(0.5), p[1][1], 1e-6);
        }
        try (Metric both =
                MetricRegistry.standard()
                        .resolve("toxicity(backend=onnx,model=" + dir + ",label=toxic|insult)")) {
            double[] s = both.score(List.of("you idiot", "nice day"));
            assertEquals(sigmoid(2.25), s[0], 1e-6);
            assertEquals(sigmoid(0.5), s[1], 1e-6);
        }
    }

    @Test
    void modelsAreSharedAndReleased() throws Exception {
        Path dir =
                TinyOnnx.write(tmp.resolve("shared"), List.of("toxic", "neutral"), "single_label");
        String key = "onnx-classifier:" + dir.toAbsolutePath().normalize();
        MetricRegistry reg = MetricRegistry.standard();
        try (Metric a = reg.resolve("toxicity(backend=onnx,model=" + dir + ")");
                Metric b = reg.resolve("toxicity(backend=onnx,model=" + dir + ",label=neutral)")) {
            assertEquals(2, SharedResources.users(key));
            assertEquals(1.0, a.score("you idiot") + b.score("you idiot"), 1e-6);
        }
        assertEquals(0, SharedResources.users(key));
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Path dir = TinyOnnx.write(tmp.resolve("e"), List.of("a", "b", "c"), "single_label");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxClassifier.open(dir, List.of("nope")));
        assertTrue(e.getMessage().contains("labels: a, b, c"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> OnnxClassifier.open(tmp.resolve("missing"), List.of()));
    }
}
