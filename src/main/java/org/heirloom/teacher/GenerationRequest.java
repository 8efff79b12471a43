package org.heirloom.teacher;

import java.util.List;

/**
 * One prompt's worth of work for a teacher.
 *
 * @param prompt the prompt text (before any template)
 * @param params sampling parameters
 * @param indices candidate indices still missing for this prompt
 * @param seeds per-candidate seeds, parallel to {@code indices}
 * @param truncateLeft a prompt longer than the model's context allows is cut from the left (its
 *     start dropped) to fit, instead of failing
 */
public record GenerationRequest(
        String prompt,
        SamplingParams params,
        List<Integer> indices,
        List<Long> seeds,
        boolean truncateLeft) {

    /** A request whose prompt is used whole. */
    public GenerationRequest(
            String prompt, SamplingParams params, List<Integer> indices, List<Long> seeds) {
        this(prompt, params, indices, seeds, false);
    }

    public GenerationRequest {
        indices = List.copyOf(indices);
        seeds = List.copyOf(seeds);
        if (indices.size() != seeds.size()) {
            throw new IllegalArgumentException("indices and seeds differ in length");
        }
    }
}
