package org.heirloom.model.generate;

/**
 * A finished sequence.
 *
 * @param promptIds the prompt ids it continued
 * @param ids generated ids (EOS excluded)
 * @param logprobs natural-log probability of each id under the model (before temperature and
 *     truncation), parallel to {@code ids}
 * @param text {@code ids} decoded (special tokens kept), cut before a stop string when one ended it
 * @param finishReason why it stopped
 */
public record GeneratedSequence(
        long[] promptIds, long[] ids, double[] logprobs, String text, FinishReason finishReason) {

    public double logprobSum() {
        double s = 0;
        for (double l : logprobs) {
            s += l;
        }
        return s;
    }
}
