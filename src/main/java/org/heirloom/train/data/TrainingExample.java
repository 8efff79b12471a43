package org.heirloom.train.data;

/**
 * One supervised pair: the loss is taken on {@code completion} only.
 *
 * @param prompt user prompt (rendered through the training template)
 * @param completion target text (EOS is appended when tokenised)
 */
public record TrainingExample(String prompt, String completion) {
    public TrainingExample {
        if (prompt == null || completion == null) {
            throw new IllegalArgumentException("prompt and completion must not be null");
        }
    }
}
