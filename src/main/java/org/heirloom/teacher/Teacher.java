package org.heirloom.teacher;

import java.util.List;
import org.heirloom.job.JobContext;

/**
 * Where candidates come from: a local model, an OpenAI-compatible endpoint, or an imported file. A
 * teacher answers one request (a prompt and the candidate indices wanted) at a time; the run
 * orchestrator stores each candidate as soon as it is returned.
 */
public interface Teacher extends AutoCloseable {

    /**
     * Spec as the user wrote it ({@code local:DIR}, {@code openai:URL#MODEL}, {@code import:FILE}).
     */
    String spec();

    /**
     * What identifies the generating model for provenance: content hash of the weights, endpoint +
     * model name, or the imported file's hash, as JSON.
     */
    String provenance();

    /**
     * Generates candidates for one prompt.
     *
     * @param request the prompt, sampling parameters, and which candidate indices (with their
     *     seeds) are still missing
     * @return one completion per requested index, in the request's order
     */
    List<Completion> generate(GenerationRequest request, JobContext context) throws Exception;

    /**
     * Why {@code prompt} cannot be answered with {@code maxNewTokens} new tokens (it does not fit
     * the model's context), or null when it fits or the teacher knows no limit. Checked for every
     * prompt before a run starts.
     */
    default String overlong(String prompt, int maxNewTokens) {
        return null;
    }

    @Override
    default void close() {}
}
