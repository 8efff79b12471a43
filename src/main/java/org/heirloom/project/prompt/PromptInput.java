package org.heirloom.project.prompt;

/**
 * A prompt to store: its text and, when the source has one, a reference answer.
 *
 * @param text the prompt text (non-blank)
 * @param reference a reference answer or {@code null}
 */
public record PromptInput(String text, String reference) {

    public PromptInput {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("prompt text is empty");
        }
    }

    public static PromptInput of(String text) {
        return new PromptInput(text, null);
    }
}
