package org.heirloom.prompt;

/**
 * A prompt as read from a file, before deduplication.
 *
 * @param text the prompt
 * @param reference reference answer or {@code null}
 * @param location where it came from ({@code line 12}, {@code row '6003'}), for messages
 */
public record RawPrompt(String text, String reference, String location) {}
