package org.heirloom.profile.likelihood;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.heirloom.model.LocalModel;
import org.heirloom.model.ModelTokenizer;

/**
 * {@link ChoiceScorer} over a local model, under a {@link LikelihoodConvention}. Clean: a
 * continuation's tokens are those of {@code context + continuation} beyond the context's own tokens
 * (as lm-evaluation-harness does), so a word that merges across the boundary is scored as the model
 * would read it; where the joint encoding does not start with the context's tokens, the
 * continuation is encoded on its own. Toolkit: see {@link LikelihoodConvention#TOOLKIT}; a
 * continuation's one leading space is the toolkit's joining space, not part of the answer.
 */
public final class ModelChoiceScorer implements ChoiceScorer {

    private final LocalModel model;
    private final int batchSize;
    private final LikelihoodConvention convention;

    public ModelChoiceScorer(LocalModel model, int batchSize) {
        this(model, batchSize, LikelihoodConvention.CLEAN);
    }

    public ModelChoiceScorer(LocalModel model, int batchSize, LikelihoodConvention convention) {
        this.model = model;
        this.batchSize = batchSize;
        this.convention = convention;
    }

    @Override
    public double[] meanLogProbs(String context, List<String> continuations) {
        if (convention == LikelihoodConvention.TOOLKIT) {
            return toolkitAnswers(context, continuations);
        }
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

    /** get_qa_answer: the last len(encode(answer)) tokens of encode(question + " " + answer). */
    private double[] toolkitAnswers(String context, List<String> continuations) {
        ModelTokenizer tok = model.tokenizer();
        List<long[]> contexts = new ArrayList<>();
        List<long[]> conts = new ArrayList<>();
        for (String c : continuations) {
            String answer = c.startsWith(" ") ? c.substring(1) : c;
            long[] whole = tok.encode(context + c);
            // At least one context token: the first token has no prediction.
            int k = Math.min(tok.encode(answer).length, whole.length - 1);
            if (k <= 0) {
                throw new IllegalArgumentException("option '" + c + "' encodes to no tokens");
            }
            contexts.add(Arrays.copyOf(whole, whole.length - k));
            conts.add(Arrays.copyOfRange(whole, whole.length - k, whole.length));
        }
        return means(model.likelihood().tokenLogprobs(contexts, conts, batchSize));
    }

    @Override
    public double meanLogProb(String sentence) {
        if (convention == LikelihoodConvention.TOOLKIT) {
            return toolkitSentence(sentence);
        }
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

    /**
     * _joint_log_probability: every token of encode(sentence), the first predicted after the first
     * token of encode("<|endoftext|>") (BOS itself for BOS-adding tokenizers).
     */
    private double toolkitSentence(String sentence) {
        ModelTokenizer tok = model.tokenizer();
        long[] ids = tok.encode(sentence);
        if (ids.length == 0) {
            throw new IllegalArgumentException("sentence '" + sentence + "' encodes to no tokens");
        }
        long start = tok.encode("<|endoftext|>")[0];
        List<long[]> contexts = new ArrayList<>();
        List<long[]> conts = new ArrayList<>();
        contexts.add(new long[] {start});
        conts.add(new long[] {ids[0]});
        if (ids.length > 1) {
            contexts.add(new long[] {ids[0]});
            conts.add(Arrays.copyOfRange(ids, 1, ids.length));
        }
        double sum = 0;
        for (double[] lp : model.likelihood().tokenLogprobs(contexts, conts, batchSize)) {
            for (double v : lp) {
                sum += v;
            }
        }
        return sum / ids.length;
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
