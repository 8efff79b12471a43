package org.heirloom.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.FinishReason;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.junit.jupiter.api.Test;

/**
 * Float16-matrix decoding ({@code optDecodeDtype(FLOAT16)}) against every case of {@code
 * ../shared/models/EXPECTED.jsonl}, whose ids and log-probs come from float32 transformers.
 * Teacher-forced over the expected continuation: the fraction of positions whose float16 argmax is
 * the expected id, and |Δ log-prob| of the expected id. Free-running: how many leading ids the real
 * generator reproduces. The floors are below what was measured (docs/engine.md) with a margin for
 * platform rounding, and fail when the half path breaks (a wrong cast or transposed weight drops
 * agreement to chance).
 */
class HalfPrecisionDecodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Floors: teacher-forced argmax agreement over all cases and per model, leading ids of every
    // free-running case, and the largest log-prob deviation tolerated.
    private static final double MIN_AGREEMENT_ALL = 0.97;
    private static final double MIN_AGREEMENT_MODEL = 0.90;
    private static final int MIN_LEADING_EXACT = 5;
    private static final double MAX_ABS_DELTA_LOGPROB = 0.05;

    private record Case(String model, long[] prompt, long[] greedy, double[] logprobs) {}

    private static List<Case> cases(Path models) throws Exception {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(models.resolve("EXPECTED.jsonl"))) {
            JsonNode c = JSON.readTree(line);
            JsonNode lp = c.get("logprobs");
            double[] l = new double[lp.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = lp.get(i).asDouble();
            }
            out.add(
                    new Case(
                            c.get("model").asText(),
                            longs(c.get("prompt_ids")),
                            longs(c.get("greedy_ids")),
                            l));
        }
        return out;
    }

    @Test
    void float16DecodingAgreesWithTheFloat32ReferenceOnEveryFixture() throws Exception {
        Path models = Fixtures.models();
        Map<String, List<Case>> byModel = new LinkedHashMap<>();
        for (Case c : cases(models)) {
            byModel.computeIfAbsent(c.model(), k -> new ArrayList<>()).add(c);
        }
        long agreeAll = 0;
        long totalAll = 0;
        double maxDeltaAll = 0;
        StringBuilder table = new StringBuilder();
        table.append(
                "| model | cases | ids teacher-forced | agreement | max |Δ lp| | mean |Δ lp| | leading exact (free-running) |\n");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Case>> e : byModel.entrySet()) {
            try (LocalModel m =
                    LocalModel.builder()
                            .optModelDir(models.resolve(e.getKey()))
                            .optDecodeDtype(DataType.FLOAT16)
                            .build()) {
                assertEquals(DataType.FLOAT16, m.decodeDtype());
                long agree = 0;
                long total = 0;
                double maxDelta = 0;
                double sumDelta = 0;
                List<String> leading = new ArrayList<>();
                for (Case c : e.getValue()) {
                    float[][] logits = teacherForced(m.decodeDecoder(), c);
                    for (int j = 0; j < c.greedy().length; j++) {
                        float[] row = logits[c.prompt().length - 1 + j];
                        int want = (int) c.greedy()[j];
                        agree += argmax(row) == want ? 1 : 0;
                        double d = Math.abs(logSoftmax(row, want) - c.logprobs()[j]);
                        maxDelta = Math.max(maxDelta, d);
                        sumDelta += d;
                        total++;
                    }
                    int lead = leadingExact(m, c);
                    leading.add(lead + "/" + c.greedy().length);
                    if (lead < Math.min(MIN_LEADING_EXACT, c.greedy().length)) {
                        failures.add(e.getKey() + ": only " + lead + " leading ids exact");
                    }
                }
                double agreement = (double) agree / total;
                table.append(
                        String.format(
                                "| %s | %d | %d | %.3f | %.2e | %.2e | %s |%n",
                                e.getKey(),
                                e.getValue().size(),
                                total,
                                agreement,
                                maxDelta,
                                sumDelta / total,
                                String.join(", ", leading)));
                if (agreement < MIN_AGREEMENT_MODEL) {
                    failures.add(e.getKey() + ": agreement " + agreement);
                }
                agreeAll += agree;
                totalAll += total;
                maxDeltaAll = Math.max(maxDeltaAll, maxDelta);
            }
        }
        double all = (double) agreeAll / totalAll;
        table.append(
                String.format(
                        "all: %d/%d ids = %.4f, max |Δ lp| %.2e%n",
                        agreeAll, totalAll, all, maxDeltaAll));
        System.out.print(table);
        assertTrue(failures.isEmpty(), failures + "\n" + table);
        assertTrue(all >= MIN_AGREEMENT_ALL, "agreement over all cases " + all + "\n" + table);
        assertTrue(maxDeltaAll <= MAX_ABS_DELTA_LOGPROB, "max |Δ log-prob| " + maxDeltaAll);
        // The half path must actually run: float16 rounding moves the log-probs a little.
        assertTrue(maxDeltaAll > 1e-5, "float16 decoding gave float32's log-probs: not in use");
    }

    @Test
    void likelihoodsStayFloat32AndTheDefaultIsFloat32() throws Exception {
        Path dir = Fixtures.model("tiny-llama");
        List<long[]> ctx = List.of(new long[] {1, 43, 72, 79, 79, 82});
        List<long[]> cont = List.of(new long[] {5, 82, 5, 88});
        try (LocalModel f32 = LocalModel.load(dir);
                LocalModel f16 =
                        LocalModel.builder()
                                .optModelDir(dir)
                                .optDecodeDtype(DataType.FLOAT16)
                                .build()) {
            assertEquals(DataType.FLOAT32, f32.decodeDtype());
            assertTrue(
                    f32.decodeDecoder() == f32.decoder(),
                    "float32 generators run the decoder itself");
            double[] a = f32.likelihood().tokenLogprobs(ctx, cont, 1).get(0);
            double[] b = f16.likelihood().tokenLogprobs(ctx, cont, 1).get(0);
            assertArrayEquals(a, b, 0.0, "likelihoods must not depend on the decode dtype");
            assertTrue(
                    f16.decoder().decodeBytesPerStep() > f16.decodeDecoder().decodeBytesPerStep());
        }
    }

    @Test
    void float16NeedsTheFusedMatricesAndOnlyFloat16IsOffered() {
        Path dir = Fixtures.model("tiny-llama");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LocalModel.builder()
                                        .optModelDir(dir)
                                        .optFuse(false)
                                        .optDecodeDtype(DataType.FLOAT16)
                                        .build());
        assertTrue(e.getMessage().contains("fused"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LocalModel.builder()
                                        .optModelDir(dir)
                                        .optDecodeDtype(DataType.INT8)
                                        .build());
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }

    /** Logits at every position of prompt + expected continuation, in one pass. */
    private static float[][] teacherForced(DecoderModel d, Case c) {
        int n = c.prompt().length + c.greedy().length;
        long[] ids = new long[n];
        long[] pos = new long[n];
        System.arraycopy(c.prompt(), 0, ids, 0, c.prompt().length);
        System.arraycopy(c.greedy(), 0, ids, c.prompt().length, c.greedy().length);
        for (int i = 0; i < n; i++) {
            pos[i] = i;
        }
        try (NDManager m = d.manager().newSubManager()) {
            NDArray logits =
                    d.forward(
                            m.create(ids, new Shape(1, n)),
                            m.create(pos, new Shape(1, n)),
                            null,
                            null);
            float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
            int v = d.config().vocabSize();
            float[][] out = new float[n][v];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * v, out[i], 0, v);
            }
            return out;
        }
    }

    /** Leading ids of the real (cached, float16) greedy generator equal to the expected ones. */
    private static int leadingExact(LocalModel m, Case c) {
        GenerationOptions greedy =
                new GenerationOptions(c.greedy().length, 0.0, 1.0, 0, 1.0, List.of());
        GeneratedSequence s =
                m.newGenerator()
                        .generate(
                                List.of(new SequenceRequest(c.prompt(), 0)),
                                greedy,
                                JobContext.none())
                        .get(0);
        long[] got = s.ids();
        int i = 0;
        while (i < got.length && i < c.greedy().length && got[i] == c.greedy()[i]) {
            i++;
        }
        // The expected ids end with the EOS the generator stops at (and leaves out).
        boolean stoppedAtExpectedEos =
                i == got.length
                        && i == c.greedy().length - 1
                        && s.finishReason() == FinishReason.EOS;
        return stoppedAtExpectedEos ? c.greedy().length : i;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double logSoftmax(float[] row, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : row) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (float x : row) {
            sum += Math.exp(x - max);
        }
        return row[id] - max - Math.log(sum);
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }
}
