package org.heirloom.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelTokenizer;

/**
 * {@link ChoiceScorer} over a local model. A continuation's tokens are those of {@code context +
 * continuation} beyond the context's own tokens (as lm-evaluation-harness does), so a word that
 * merges across the boundary is scored as the model would read it; where the joint encoding does
 * not start with the context's tokens, the continuation is encoded on its own.
 */
public final class ModelChoiceScorer implements ChoiceScorer {

    private final LocalModel model;
    private final int batchSize;

    public ModelChoiceScorer(LocalModel model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
    }

    @Override
    public double[] meanLogProbs(String context, List<String> continuations) {
        ModelTokenizer tok = model.tokenizer();
        long[] ctx = tok.encode(context);
        List<long[]> contexts = new ArrayList<>();
        List<long[]> conts = new ArrayList<>();
        for (String c : continuations) {
            long[] whole = tok.encode(context + c);
            long[] cont;
            if (whole.length > ctx.length && Arrays.equals(Arrays.copyOf(whole, ctx.length), ctx)) {
                cont = Arrays.copyOfRange(whole, ctx.length, whole.length);
            } else {
                cont = tok.encode(c, false);
            }
            if (cont.length == 0) {
                throw new IllegalArgumentException("option '" + c + "' encodes to no tokens");
            }
            contexts.add(ctx);
            conts.add(cont);
        }
        return means(model.likelihood().tokenLogprobs(contexts, conts, batchSize));
    }

    @Override
    public double meanLogProb(String sentence) {
        long[] ids = model.tokenizer().encode(sentence);
        if (ids.length < 2) {
            throw new IllegalArgumentException("sentence '" + sentence + "' is too short to score");
        }
        // The first id (BOS where the tokenizer adds one) is context, never scored.
        List<double[]> lp =
                model.likelihood()
                        .tokenLogprobs(
                                List.of(new long[] {ids[0]}),
                                List.of(Arrays.copyOfRange(ids, 1, ids.length)),
                                1);
        return means(lp)[0];
    }

    private static double[] means(List<double[]> perToken) {
        double[] out = new double[perToken.size()];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (double v : perToken.get(i)) {
                s += v;
            }
            out[i] = s / perToken.get(i).length;
        }
        return out;
    }
}
