package org.heirloom.bench.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.DecoderModel;
import org.heirloom.model.KvCache;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelConfig;
import org.heirloom.model.TorchThreads;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.Generator;
import org.heirloom.model.generate.SequenceRequest;

/**
 * Decode and prompt throughput of the engine against the memory-bandwidth ceiling measured in the
 * same run. Batch-1 decoding must read every weight once per token, so its ceiling is copy
 * bandwidth / weight bytes; batching reads the weights once for B tokens.
 */
public final class GenerateBenchmark {

    /**
     * What was measured.
     *
     * @param parameters parameters of the model
     * @param weightBytesPerStep bytes of weights one decode step reads
     * @param copyBandwidth bytes per second of a large tensor copy (read + write counted)
     * @param ceilingTokensPerSecond copyBandwidth / weightBytesPerStep
     * @param decode1 batch-1 decode tokens per second
     * @param batch B
     * @param decodeB batch-B decode tokens per second (all sequences together)
     * @param promptTokensPerSecond prompt processing tokens per second (batch 1)
     * @param promptTokens prompt length used
     * @param newTokens tokens decoded per sequence
     * @param threads torch intra-op threads
     * @param device where it ran
     */
    public record Result(
            long parameters,
            long weightBytesPerStep,
            double copyBandwidth,
            double ceilingTokensPerSecond,
            double decode1,
            int batch,
            double decodeB,
            double promptTokensPerSecond,
            int promptTokens,
            int newTokens,
            int threads,
            String device,
            double decode1BestStep,
            double decodeBBestStep) {

        public double decode1VsCeiling() {
            return decode1 / ceilingTokensPerSecond;
        }

        public double batchSpeedup() {
            return decodeB / decode1;
        }

        /** Like {@link #decode1VsCeiling()} from the fastest single step (both are best-of). */
        public double bestStepVsCeiling() {
            return decode1BestStep / ceilingTokensPerSecond;
        }

        public double bestStepBatchSpeedup() {
            return decodeBBestStep / decode1BestStep;
        }
    }

    private GenerateBenchmark() {}

    /**
     * A Llama config of about {@code params} parameters (tied, 32k vocab, GQA 3:1) for speed runs.
     */
    public static ModelConfig configOfSize(long params) {
        int vocab = 32000;
        int hidden =
                params <= 60_000_000L
                        ? 512
                        : params <= 200_000_000L ? 768 : params <= 600_000_000L ? 1024 : 2048;
        int heads = hidden / 64;
        int kv = Math.max(1, heads / 3);
        int inter = (int) (Math.round(hidden * 8.0 / 3 / 64) * 64);
        ModelConfig one = ModelConfig.llama(vocab, hidden, inter, 1, heads, kv, true);
        ModelConfig two = ModelConfig.llama(vocab, hidden, inter, 2, heads, kv, true);
        long perLayer = two.parameterCount() - one.parameterCount();
        long fixed = one.parameterCount() - perLayer;
        int layers = (int) Math.max(1, Math.round((double) (params - fixed) / perLayer));
        return ModelConfig.llama(vocab, hidden, inter, layers, heads, kv, true);
    }

    /** Parses {@code 100M}, {@code 1.5B}, {@code 250000}. */
    public static long parseCount(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        double mult = 1;
        if (t.endsWith("K")) {
            mult = 1e3;
        } else if (t.endsWith("M")) {
            mult = 1e6;
        } else if (t.endsWith("B") || t.endsWith("G")) {
            mult = 1e9;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + s + "' is not a parameter count like 100M or 1.5B");
        }
    }

    public static Result run(
            LocalModel model, int batch, int newTokens, int promptTokens, JobContext context) {
        DecoderModel d = model.decodeDecoder();
        ModelConfig c = model.config();
        context.progress().start(5, "copy bandwidth");
        double bw = copyBandwidth(d.manager());
        context.progress().advance(1);
        long bytes = d.decodeBytesPerStep();
        double ceiling = bw / bytes;
        // EOS disabled: every sequence decodes the full length.
        Generator g = new Generator(d, List.of(), null);
        GenerationOptions warm = GenerationOptions.greedy(4);
        g.generate(requests(1, 8, c.vocabSize()), warm, context);
        g.generate(requests(batch, 8, c.vocabSize()), warm, context);
        context.progress().message("decode batch 1");
        double d1 = decodeRate(g, 1, newTokens, c.vocabSize(), context);
        context.progress().advance(1);
        context.progress().message("decode batch " + batch);
        double dB = decodeRate(g, batch, newTokens, c.vocabSize(), context);
        context.progress().advance(1);
        double s1 = bestStepRate(d, 1, newTokens, c.vocabSize());
        double sB = bestStepRate(d, batch, newTokens, c.vocabSize());
        context.progress().message("prompt processing");
        double pp = promptRate(d, promptTokens, c.vocabSize());
        // Bandwidth again at the end: the best of both brackets the decode measurements.
        bw = Math.max(bw, copyBandwidth(d.manager()));
        ceiling = bw / bytes;
        context.progress().advance(2);
        return new Result(
                d.parameterCount(),
                bytes,
                bw,
                ceiling,
                d1,
                batch,
                dB,
                pp,
                promptTokens,
                newTokens,
                TorchThreads.get(),
                model.device().toString(),
                s1,
                sB);
    }

    private static List<SequenceRequest> requests(int batch, int promptLen, int vocab) {
        List<SequenceRequest> out = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            long[] p = new long[promptLen];
            for (int j = 0; j < promptLen; j++) {
                p[j] = 3 + (i * 31L + j * 7L) % (vocab - 3);
            }
            out.add(new SequenceRequest(p, i));
        }
        return out;
    }

    /**
     * Decode tokens per second: (time for N new tokens - time for 1) covers N-1 decode steps, so
     * prompt processing and setup cancel out.
     */
    private static double decodeRate(Generator g, int batch, int n, int vocab, JobContext context) {
        List<SequenceRequest> reqs = requests(batch, 8, vocab);
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            g.generate(reqs, GenerationOptions.greedy(1), context);
            long t1 = System.nanoTime();
            g.generate(reqs, GenerationOptions.greedy(n), context);
            long t2 = System.nanoTime();
            double decodeSeconds = ((t2 - t1) - (t1 - t0)) / 1e9;
            best = Math.max(best, (double) (n - 1) * batch / decodeSeconds);
        }
        return best;
    }

    /**
     * Tokens per second of the fastest single decode step (forward, logits to the host, argmax):
     * the same best-of statistic as the copy bandwidth, so that on a machine shared with other work
     * both sides of the ratio are measured the same way.
     */
    private static double bestStepRate(DecoderModel d, int batch, int n, int vocab) {
        int prompt = 8;
        long[] ids = new long[batch * prompt];
        long[] pos = new long[batch * prompt];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3 + (i * 7L) % (vocab - 3);
            pos[i] = i % prompt;
        }
        long best = Long.MAX_VALUE;
        try (NDManager m = d.manager().newSubManager();
                KvCache cache = new KvCache(m, d.config(), batch, prompt + n)) {
            float[] logits;
            try (NDManager s = m.newSubManager()) {
                NDArray h =
                        d.forwardHidden(
                                s.create(ids, new Shape(batch, prompt)),
                                s.create(pos, new Shape(batch, prompt)),
                                null,
                                cache);
                logits = d.logits(h.get(new NDIndex(":, -1, :"))).toFloatArray();
            }
            for (int step = 0; step < n - 1; step++) {
                long t0 = System.nanoTime();
                long[] next = new long[batch];
                long[] p = new long[batch];
                for (int b = 0; b < batch; b++) {
                    int arg = 0;
                    for (int j = 1; j < vocab; j++) {
                        if (logits[b * vocab + j] > logits[b * vocab + arg]) {
                            arg = j;
                        }
                    }
                    next[b] = arg;
                    p[b] = prompt + step;
                }
                try (NDManager s = m.newSubManager()) {
                    NDArray h =
                            d.forwardHidden(
                                    s.create(next, new Shape(batch, 1)),
                                    s.create(p, new Shape(batch, 1)),
                                    null,
                                    cache);
                    logits = d.logits(h).toFloatArray();
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
        }
        return batch / (best / 1e9);
    }

    private static double promptRate(DecoderModel d, int len, int vocab) {
        long[] ids = requests(1, len, vocab).get(0).promptIds();
        long[] pos = new long[len];
        for (int i = 0; i < len; i++) {
            pos[i] = i;
        }
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            try (NDManager m = d.manager().newSubManager();
                    KvCache cache = new KvCache(m, d.config(), 1, len + 1)) {
                long t0 = System.nanoTime();
                NDArray h =
                        d.forwardHidden(
                                m.create(ids, new Shape(1, len)),
                                m.create(pos, new Shape(1, len)),
                                null,
                                cache);
                d.logits(h.get(new NDIndex(":, -1, :"))).toFloatArray();
                long t1 = System.nanoTime();
                best = Math.max(best, len / ((t1 - t0) / 1e9));
            }
        }
        return best;
    }

    /** Best of several in-place copies of a 256 MiB float tensor, counting bytes read + written. */
    static double copyBandwidth(NDManager parent) {
        long n = 64L << 20; // floats
        try (NDManager m = parent.newSubManager()) {
            NDArray src = m.ones(new Shape(n), DataType.FLOAT32);
            NDArray dst = m.zeros(new Shape(n), DataType.FLOAT32);
            NDIndex all = new NDIndex(":");
            double best = 0;
            for (int rep = 0; rep < 6; rep++) {
                long t0 = System.nanoTime();
                dst.set(all, src);
                dst.get(0).getFloat(); // ensure completion on asynchronous devices
                long t1 = System.nanoTime();
                best = Math.max(best, 2.0 * n * 4 / ((t1 - t0) / 1e9));
            }
            return best;
        }
    }
}
