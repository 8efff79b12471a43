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

    /** Generates one candidate per seed, all in one batch. */
    public static Result generate(
            LocalModel model,
            PromptTemplate template,
            String prompt,
            GenerationOptions options,
            List<Long> seeds,
            JobContext context) {
        long[] ids = promptIds(model, template, prompt);
        List<SequenceRequest> requests = new ArrayList<>();
        for (long s : seeds) {
            requests.add(new SequenceRequest(ids, s));
        }
        return new Result(ids, model.newGenerator().generate(requests, options, context));
    }
}
