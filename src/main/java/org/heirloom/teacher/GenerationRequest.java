package org.heirloom.teacher;

import java.util.List;

/**
 * One prompt's worth of work for a teacher.
 *
 * @param prompt the prompt text (before any template)
 * @param params sampling parameters
 * @param indices candidate indices still missing for this prompt
 * @param seeds per-candidate seeds, parallel to {@code indices}
 */
public record GenerationRequest(
        String prompt, SamplingParams params, List<Integer> indices, List<Long> seeds) {

    public GenerationRequest {
        indices = List.copyOf(indices);
        seeds = List.copyOf(seeds);
        if (indices.size() != seeds.size()) {
            throw new IllegalArgumentException("indices and seeds differ in length");
        }
    }
}
