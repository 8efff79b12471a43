package org.heirloom.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Log-probabilities of continuation tokens given a context, for many pairs at once (calibration,
 * bias suites, perplexity). Pairs are right-padded into one batch; the causal mask keeps real
 * tokens from seeing the padding, and only the continuation positions' log-softmax values are
 * gathered on the device and copied back.
 */
public final class Likelihood {

    private final DecoderModel model;

    Likelihood(DecoderModel model) {
        this.model = model;
    }

    /**
     * Per-token log-probabilities (natural log) of each continuation.
     *
     * @param contexts token ids before the continuation; each needs at least one (e.g. BOS)
     * @param continuations token ids scored, parallel to {@code contexts}
     * @param batchSize pairs per forward pass
     * @return for each pair, one log-probability per continuation token
     */
    public List<double[]> tokenLogprobs(
            List<long[]> contexts, List<long[]> continuations, int batchSize) {
        if (contexts.size() != continuations.size()) {
            throw new IllegalArgumentException("contexts and continuations differ in count");
        }
        List<double[]> out = new ArrayList<>();
        for (int from = 0; from < contexts.size(); from += batchSize) {
            int to = Math.min(contexts.size(), from + batchSize);
            out.addAll(batch(contexts.subList(from, to), continuations.subList(from, to)));
        }
        return out;
    }

    /** Sum of {@link #tokenLogprobs} per pair. */
    public double[] sumLogprobs(List<long[]> contexts, List<long[]> continuations, int batchSize) {
        List<double[]> per = tokenLogprobs(contexts, continuations, batchSize);
        double[] s = new double[per.size()];
        for (int i = 0; i < s.length; i++) {
            for (double v : per.get(i)) {
                s[i] += v;
            }
        }
        return s;
    }

    private List<double[]> batch(List<long[]> ctx, List<long[]> cont) {
        int b = ctx.size();
        int len = 0;
        for (int i = 0; i < b; i++) {
            if (ctx.get(i).length == 0) {
                throw new IllegalArgumentException(
                        "context " + i + " is empty; it needs at least one token (e.g. BOS)");
            }
            len = Math.max(len, ctx.get(i).length + cont.get(i).length);
            model.config().arch().refuseImages(ctx.get(i));
            model.config().arch().refuseImages(cont.get(i));
        }
        long[] ids = new long[b * len];
        long[] pos = new long[b * len];
        float[] valid = new float[b * len];
        // target[i, j] = id at j+1 (the token position j predicts); 0 on padding.
        long[] target = new long[b * len];
        for (int i = 0; i < b; i++) {
            long[] c = ctx.get(i);
            long[] x = cont.get(i);
            int n = c.length + x.length;
            for (int j = 0; j < n; j++) {
                ids[i * len + j] = j < c.length ? c[j] : x[j - c.length];
                pos[i * len + j] = j;
                valid[i * len + j] = 1f;
            }
            for (int j = 0; j + 1 < n; j++) {
                target[i * len + j] = ids[i * len + j + 1];
            }
        }
        float[] gathered;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray logits =
                    model.forward(
                            m.create(ids, new Shape(b, len)),
                            m.create(pos, new Shape(b, len)),
                            valid,
                            null);
            NDArray logp = logits.logSoftmax(-1);
            NDArray t = m.create(target, new Shape(b, len, 1));
            gathered = logp.gather(t, 2).toFloatArray();
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int c = ctx.get(i).length;
            int x = cont.get(i).length;
            double[] lp = new double[x];
            for (int k = 0; k < x; k++) {
                lp[k] = gathered[i * len + c - 1 + k];
            }
            out.add(lp);
        }
        return out;
    }
}
