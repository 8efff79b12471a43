package org.heirloom.prompt;

/**
 * A prompt as read from a file, before deduplication.
 *
 * @param text the prompt
 * @param reference reference answer or {@code null}
 * @param location where it came from ({@code line 12}, {@code row '6003'}), for messages
 * @param split the split the file itself puts it in (a Hugging Face data set's {@code
 *     train-00000-of-00001.parquet} is {@code train}), or {@code null}
 */
public record RawPrompt(String text, String reference, String location, String split) {

    public RawPrompt(String text, String reference, String location) {
        this(text, reference, location, null);
    }
}
