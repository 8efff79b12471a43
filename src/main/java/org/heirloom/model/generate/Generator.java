package org.heirloom.model.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.heirloom.job.JobContext;
import org.heirloom.model.Arch;
import org.heirloom.model.DecoderModel;
import org.heirloom.model.KvCache;

/**
 * Batched autoregressive decoding with a KV cache. Prompts of different lengths are left-padded;
 * each sequence keeps its own rotary positions (counting from 0 at its first real token) and an
 * attention mask hides the padding, so a sequence decodes the same alone or in any batch. The
 * prompt is processed in one forward pass, then one token per step; only the last position's logits
 * ({@code [batch, vocab]}) cross to the host, where {@link Sampler} picks tokens.
 */
public final class Generator {

    private static final NDIndex LAST_POSITION = new NDIndex(":, -1, :");
    private static final NDIndex FIRST_COLUMN = new NDIndex(":, 0");

    private final DecoderModel model;
    private final Set<Long> eos;
    private final Function<long[], String> decoder;

    /**
     * @param model the decoder
     * @param eosIds ids that end a sequence (excluded from its output)
     * @param decoder ids to text (for stop strings and the output text), or null for none
     */
    public Generator(DecoderModel model, List<Integer> eosIds, Function<long[], String> decoder) {
        this.model = model;
        this.eos = new HashSet<>();
        eosIds.forEach(i -> eos.add(i.longValue()));
        this.decoder = decoder;
    }

    /** Generates every request in one batch. */
    public List<GeneratedSequence> generate(
            List<SequenceRequest> requests, GenerationOptions options, JobContext context) {
        return generate(requests, options, context, TokenListener.NONE);
    }

    /**
     * As {@link #generate(List, GenerationOptions, JobContext)}, telling {@code listener} each
     * token as it is decoded (a playground streams them). The listener only observes: outputs are
     * the same with or without one.
     */
    public List<GeneratedSequence> generate(
            List<SequenceRequest> requests,
            GenerationOptions options,
            JobContext context,
            TokenListener listener) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (!options.stopStrings().isEmpty() && decoder == null) {
            throw new IllegalArgumentException("stop strings need a tokenizer");
        }
        int b = requests.size();
        int vocab = model.config().vocabSize();
        int maxNew = options.maxNewTokens();
        int p = 0;
        for (SequenceRequest r : requests) {
            p = Math.max(p, r.promptIds().length);
            model.config().arch().refuseImages(r.promptIds());
        }
        int capacity = p + maxNew;
        if (capacity > model.config().maxContext()) {
            throw new IllegalArgumentException(
                    "prompt ("
                            + p
                            + " tokens) + max new tokens ("
                            + maxNew
                            + ") exceed the model's context of "
                            + model.config().maxContext()
                            + " (config.json max_position_embeddings, or sliding_window when"
                            + " smaller)");
        }
        // Per-sequence state on the host.
        long[][] seen = new long[b][capacity];
        int[] seenCount = new int[b];
        int[] promptLen = new int[b];
        Sampler[] samplers = new Sampler[b];
        List<List<Long>> out = new ArrayList<>();
        List<List<Double>> lps = new ArrayList<>();
        FinishReason[] finish = new FinishReason[b];
        String[] stopText = new String[b];
        long[] ids = new long[b * p];
        long[] pos = new long[b * p];
        // Every slot's id and position, for a prefill from scratch (longrope, below).
        long[] slotIds = new long[b * capacity];
        long[] slotPos = new long[b * capacity];
        float[] valid = new float[b * capacity];
        for (int i = 0; i < b; i++) {
            long[] prompt = requests.get(i).promptIds();
            promptLen[i] = prompt.length;
            int pad = p - prompt.length;
            for (int j = 0; j < prompt.length; j++) {
                ids[i * p + pad + j] = prompt[j];
                pos[i * p + pad + j] = j;
                slotIds[i * capacity + pad + j] = prompt[j];
                slotPos[i * capacity + pad + j] = j;
                valid[i * capacity + pad + j] = 1f;
            }
            System.arraycopy(prompt, 0, seen[i], 0, prompt.length);
            seenCount[i] = prompt.length;
            samplers[i] = new Sampler(options, requests.get(i).seed());
            out.add(new ArrayList<>());
            lps.add(new ArrayList<>());
        }
        NDManager genManager = model.manager().newSubManager();
        try (genManager;
                KvCache cache = new KvCache(genManager, model.config(), b, capacity)) {
            boolean nativeGreedy = options.greedy() && options.repetitionPenalty() == 1.0;
            StepLogits logits;
            try (NDManager step = genManager.newSubManager()) {
                NDArray idArr = step.create(ids, new Shape(b, p));
                NDArray posArr = step.create(pos, new Shape(b, p));
                NDArray hidden =
                        model.forwardHidden(
                                idArr, posArr, max(pos), slice(valid, b, capacity, p), cache);
                logits = read(model.logits(hidden.get(LAST_POSITION)), nativeGreedy);
            }
            long[] next = new long[b];
            long[] nextPos = new long[b];
            Arch.LongRope longRope = model.config().arch().longRope();
            boolean[] longDone = new boolean[b];
            for (int i = 0; i < b; i++) {
                longDone[i] = longRope != null && promptLen[i] > longRope.originalMax();
            }
            for (int n = 0; n < maxNew; n++) {
                context.checkCancelled();
                boolean anyActive = false;
                for (int i = 0; i < b; i++) {
                    if (finish[i] != null) {
                        continue;
                    }
                    int tok =
                            logits.greedyIds() != null
                                    ? (int) logits.greedyIds()[i]
                                    : samplers[i].next(
                                            logits.logits(), i, vocab, seen[i], seenCount[i]);
                    if (eos.contains((long) tok)) {
                        finish[i] = FinishReason.EOS;
                        continue;
                    }
                    out.get(i).add((long) tok);
                    lps.get(i)
                            .add(
                                    logits.greedyIds() != null
                                            ? logits.greedyLogprobs()[i]
                                            : logits.logits()[i * vocab + tok]
                                                    - logits.logSumExp()[i]);
                    seen[i][seenCount[i]++] = tok;
                    listener.onToken(i, tok);
                    next[i] = tok;
                    nextPos[i] = promptLen[i] + n;
                    if (!options.stopStrings().isEmpty()) {
                        String text = decoder.apply(toArray(out.get(i)));
                        int cut = firstStop(text, options.stopStrings());
                        if (cut >= 0) {
                            finish[i] = FinishReason.STOP;
                            stopText[i] = text.substring(0, cut);
                            continue;
                        }
                    }
                    if (out.get(i).size() >= maxNew) {
                        finish[i] = FinishReason.LENGTH;
                        continue;
                    }
                    anyActive = true;
                }
                if (!anyActive) {
                    break;
                }
                // Finished sequences keep feeding their last token; their rows are ignored.
                boolean prefillAgain = false;
                for (int i = 0; i < b; i++) {
                    valid[i * capacity + p + n] = 1f;
                    slotIds[i * capacity + p + n] = next[i];
                    slotPos[i * capacity + p + n] = nextPos[i];
                    if (longRope != null && !longDone[i] && nextPos[i] >= longRope.originalMax()) {
                        // Longrope switches to the long factors once the sequence is longer than
                        // original_max_position_embeddings, re-rotating every key: the cached
                        // keys are stale, so the whole sequence is processed again.
                        longDone[i] = true;
                        prefillAgain = true;
                    }
                }
                if (prefillAgain) {
                    int s = p + n + 1;
                    cache.clear();
                    try (NDManager step = genManager.newSubManager()) {
                        long[] slotPosNow = slice(slotPos, b, capacity, s);
                        NDArray idArr =
                                step.create(slice(slotIds, b, capacity, s), new Shape(b, s));
                        NDArray posArr = step.create(slotPosNow, new Shape(b, s));
                        NDArray hidden =
                                model.forwardHidden(
                                        idArr,
                                        posArr,
                                        max(slotPosNow),
                                        slice(valid, b, capacity, s),
                                        cache);
                        logits = read(model.logits(hidden.get(LAST_POSITION)), nativeGreedy);
                    }
                    continue;
                }
                try (NDManager step = genManager.newSubManager()) {
                    NDArray idArr = step.create(next, new Shape(b, 1));
                    NDArray posArr = step.create(nextPos, new Shape(b, 1));
                    NDArray hidden =
                            model.forwardHidden(
                                    idArr,
                                    posArr,
                                    max(nextPos),
                                    slice(valid, b, capacity, p + n + 1),
                                    cache);
                    logits = read(model.logits(hidden), nativeGreedy);
                }
            }
        }
        List<GeneratedSequence> result = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            long[] gen = toArray(out.get(i));
            double[] lp = lps.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            String text =
                    stopText[i] != null ? stopText[i] : decoder == null ? "" : decoder.apply(gen);
            FinishReason f = finish[i] == null ? FinishReason.LENGTH : finish[i];
            result.add(new GeneratedSequence(requests.get(i).promptIds(), gen, lp, text, f));
        }
        return result;
    }

    /**
     * What the host needs of one step's logits: the whole {@code [B, vocab]} rows for the sampler,
     * or, for plain greedy decoding, only each row's argmax and its log-probability.
     */
    record StepLogits(
            float[] logits, double[] logSumExp, long[] greedyIds, double[] greedyLogprobs) {}

    /**
     * Reads {@code [B, vocab]} (or {@code [B, 1, vocab]}) logits. Plain greedy decoding (no
     * repetition penalty) picks on the native side: the argmax of the float32 logits (first index
     * on ties, as {@link Sampler} picks) and the maximum of their float64 log-softmax, which is the
     * log-probability of that id (widening is exact and rounding is monotone), computed as {@link
     * Sampler#logprob} does. Two small arrays cross to the host instead of B × vocab floats, and
     * the host skips a pass of exp over every row.
     */
    static StepLogits read(NDArray logits, boolean nativeGreedy) {
        NDArray rows = logits.reshape(-1, logits.getShape().getLastDimension());
        if (!nativeGreedy) {
            // The sampled id's log-probability is its logit − the row's log-sum-exp, taken from
            // the float64 log-softmax (x₀ − log_softmax(x)₀): one native pass instead of a pass of
            // exp over the vocabulary per sequence on the host.
            NDArray wide = rows.toType(DataType.FLOAT64, false);
            double[] lse =
                    wide.get(FIRST_COLUMN)
                            .sub(wide.logSoftmax(-1).get(FIRST_COLUMN))
                            .toDoubleArray();
            return new StepLogits(rows.toFloatArray(), lse, null, null);
        }
        long[] ids = rows.argMax(-1).toLongArray();
        double[] lps =
                rows.toType(DataType.FLOAT64, false)
                        .logSoftmax(-1)
                        .max(new int[] {-1})
                        .toDoubleArray();
        return new StepLogits(null, null, ids, lps);
    }

    private static long max(long[] values) {
        long m = Long.MIN_VALUE;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static int firstStop(String text, List<String> stops) {
        int best = -1;
        for (String s : stops) {
            int at = text.indexOf(s);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /** The first {@code s} slots of each row of a {@code [b, capacity]} mask. */
    private static float[] slice(float[] valid, int b, int capacity, int s) {
        float[] out = new float[b * s];
        for (int i = 0; i < b; i++) {
            System.arraycopy(valid, i * capacity, out, i * s, s);
        }
        return out;
    }

    private static long[] slice(long[] slots, int b, int capacity, int s) {
        long[] out = new long[b * s];
        for (int i = 0; i < b; i++) {
            System.arraycopy(slots, i * capacity, out, i * s, s);
        }
        return out;
    }

    private static long[] toArray(List<Long> l) {
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
