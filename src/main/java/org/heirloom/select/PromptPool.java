package org.heirloom.select;

import java.util.List;

/**
 * All candidates of one prompt.
 *
 * @param promptHash content hash of the prompt text (seeds the random baseline per prompt)
 */
public record PromptPool(long promptId, String promptHash, List<PoolCandidate> candidates) {

    public PromptPool {
        candidates = List.copyOf(candidates);
    }
}
