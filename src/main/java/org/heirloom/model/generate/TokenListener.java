package org.heirloom.model.generate;

/**
 * Hears each token as it is decoded (streaming). Called on the generating thread after a step has
 * accepted the token and before the next forward pass, so a listener that throws (for instance
 * {@link org.heirloom.job.JobCancelledException} when its job was cancelled) stops generation at
 * the next token. EOS ids are not reported: they end a sequence without being part of it. With stop
 * strings, the tokens that spell the stop string are reported although the final text is cut before
 * it ({@link GeneratedSequence#text()} is authoritative).
 */
@FunctionalInterface
public interface TokenListener {

    /** Hears nothing: the plain, non-streaming call. */
    TokenListener NONE = (sequence, tokenId) -> {};

    /**
     * @param sequence index of the request in the batch
     * @param tokenId the token just appended to that sequence's output
     */
    void onToken(int sequence, long tokenId);
}
