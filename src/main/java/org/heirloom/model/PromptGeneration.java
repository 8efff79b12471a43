package org.heirloom.model;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.template.PromptTemplate;

/** k candidates for one prompt: template, tokenize, generate in one batch. */
public final class PromptGeneration {

    private PromptGeneration() {}

    /**
     * The result of one prompt.
     *
     * @param promptIds the templated prompt's ids
     * @param completions one per seed, in order
     */
    public record Result(long[] promptIds, List<GeneratedSequence> completions) {}

    /** Tokenizes {@code prompt} through {@code template}. */
    public static long[] promptIds(LocalModel model, PromptTemplate template, String prompt) {
        long[] ids = model.tokenizer().encode(template.render(prompt), template.addSpecialTokens());
        if (ids.length == 0) {
            // An empty raw prompt with a tokenizer that adds no BOS: start from BOS if there is
            // one.
            int bos = model.config().bosTokenId();
            if (bos < 0) {
                throw new IllegalArgumentException(
                        "prompt encodes to no tokens and the model has no BOS");
            }
            ids = new long[] {bos};
        }
        return ids;
    }

    /**
     * Why {@code ids} plus {@code maxNew} new tokens do not fit the model's context, or null when
     * they do.
     */
    public static String overlong(LocalModel model, long[] ids, int maxNew) {
        int context = model.config().maxContext();
        if ((long) ids.length + maxNew <= context) {
            return null;
        }
        return "prompt ("
                + ids.length
                + " tokens) + max new tokens ("
                + maxNew
                + ") exceed the model's context of "
                + context;
    }

    /**
     * The last tokens of {@code ids} that leave room for {@code maxNew} new ones (a leading BOS is
     * kept): the start of an overlong prompt is dropped, as a left-truncating tokenizer does.
     */
    public static long[] truncateLeft(LocalModel model, long[] ids, int maxNew) {
        int room = model.config().maxContext() - maxNew;
        if (ids.length <= room) {
            return ids;
        }
        int bos = model.config().bosTokenId();
        boolean keepBos = bos >= 0 && ids.length > 0 && ids[0] == bos && room >= 2;
        if (room < 1) {
            throw new IllegalArgumentException(
                    "max new tokens ("
                            + maxNew
                            + ") leave no room for a prompt in the model's context of "
                            + model.config().maxContext());
        }
        long[] out = new long[room];
        int tail = keepBos ? room - 1 : room;
        if (keepBos) {
            out[0] = bos;
        }
        System.arraycopy(ids, ids.length - tail, out, room - tail, tail);
        return out;
    }

    /** Generates one candidate per seed, all in one batch. */
    public static Result generate(
            LocalModel model,
            PromptTemplate template,
            String prompt,
            GenerationOptions options,
            List<Long> seeds,
            JobContext context) {
        return generate(model, template, prompt, options, seeds, false, context);
    }

    /**
     * As above; with {@code truncateLeft}, an overlong prompt loses its start instead of failing.
     */
    public static Result generate(
            LocalModel model,
            PromptTemplate template,
            String prompt,
            GenerationOptions options,
            List<Long> seeds,
            boolean truncateLeft,
            JobContext context) {
        long[] ids = promptIds(model, template, prompt);
        if (truncateLeft) {
            ids = truncateLeft(model, ids, options.maxNewTokens());
        }
        List<SequenceRequest> requests = new ArrayList<>();
        for (long s : seeds) {
            requests.add(new SequenceRequest(ids, s));
        }
        return new Result(ids, model.newGenerator().generate(requests, options, context));
    }
}
