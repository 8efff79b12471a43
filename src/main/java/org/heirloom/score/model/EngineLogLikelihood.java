package org.heirloom.score.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.heirloom.model.LocalModel;
import org.heirloom.score.SharedResources;

/**
 * {@link LogLikelihoodSource} over the local engine: {@code perplexity(model=DIR)} loads the model
 * directory once and shares it between metrics. The first token (BOS where the tokenizer adds one)
 * is context; every later token is scored.
 */
public final class EngineLogLikelihood implements LogLikelihoodSource {

    private static final int BATCH = 8;

    /**
     * Splits the scoring of {@code ids[1..]} into windows that fit {@code context} tokens: a text
     * that fits is one window; a longer one is scored half a context at a time, each part
     * conditioned on the tokens before it up to a full context (strided evaluation, as in the
     * transformers perplexity guide). Every token is scored once. Returns the number of windows.
     */
    static int addWindows(long[] ids, int context, List<long[]> ctx, List<long[]> cont) {
        if (ids.length <= context || context < 2) {
            ctx.add(new long[] {ids[0]});
            cont.add(Arrays.copyOfRange(ids, 1, ids.length));
            return 1;
        }
        int stride = Math.max(1, context / 2);
        int windows = 0;
        int pos = 1;
        while (pos < ids.length) {
            int end = Math.min(ids.length, pos + stride);
            int start = Math.max(0, end - context);
            ctx.add(Arrays.copyOfRange(ids, start, pos));
            cont.add(Arrays.copyOfRange(ids, pos, end));
            windows++;
            pos = end;
        }
        return windows;
    }

    @Override
    public TokenLogLikelihood open(String model) {
        Path dir = Path.of(model).toAbsolutePath().normalize();
        SharedResources.Lease<LocalModel> lease =
                SharedResources.acquire("model:" + dir, () -> LocalModel.load(dir));
        return new TokenLogLikelihood() {
            @Override
            public double[] logProbs(String text) {
                return logProbs(List.of(text)).get(0);
            }

            @Override
            public List<double[]> logProbs(List<String> texts) {
                LocalModel m = lease.get();
                int context = m.config().maxContext();
                List<long[]> ctx = new java.util.ArrayList<>();
                List<long[]> cont = new java.util.ArrayList<>();
                List<Integer> windows = new java.util.ArrayList<>();
                for (String t : texts) {
                    long[] ids = m.tokenizer().encode(t);
                    if (ids.length < 2) {
                        // Nothing after the first token: no token to score.
                        ctx.add(ids.length == 0 ? new long[] {0} : ids);
                        cont.add(new long[0]);
                        windows.add(1);
                    } else {
                        windows.add(addWindows(ids, context, ctx, cont));
                    }
                }
                List<double[]> parts = m.likelihood().tokenLogprobs(ctx, cont, BATCH);
                // Stitch each text's windows back into one array of per-token log-probabilities.
                List<double[]> out = new java.util.ArrayList<>();
                int w = 0;
                for (int n : windows) {
                    int len = 0;
                    for (int i = 0; i < n; i++) {
                        len += parts.get(w + i).length;
                    }
                    double[] all = new double[len];
                    int at = 0;
                    for (int i = 0; i < n; i++) {
                        double[] part = parts.get(w + i);
                        System.arraycopy(part, 0, all, at, part.length);
                        at += part.length;
                    }
                    out.add(all);
                    w += n;
                }
                return out;
            }

            @Override
            public void close() {
                lease.close();
            }
        };
    }
}
