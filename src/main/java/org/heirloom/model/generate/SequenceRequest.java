package org.heirloom.model.generate;

/**
 * One sequence to continue.
 *
 * @param promptIds the prompt's token ids (special tokens included), at least one
 * @param seed seeds this sequence's own random stream: the same seed gives the same output whatever
 *     else is in the batch
 */
public record SequenceRequest(long[] promptIds, long seed) {

    public SequenceRequest {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException(
                    "prompt has no tokens (an empty prompt needs at least BOS)");
        }
        promptIds = promptIds.clone();
    }

    @Override
    public long[] promptIds() {
        return promptIds.clone();
    }
}
