package org.heirloom.prompt;

/**
 * How to import a prompt file.
 *
 * @param format file format, or {@code null} to guess from the extension
 * @param field prompt field/column, or {@code null} to pick a usual one
 * @param referenceField reference-answer field, {@code null} to pick a usual one, {@code ""} for
 *     none
 * @param limit keep at most this many (after deduplication); 0 for all
 * @param splits named splits
 */
public record PromptImportOptions(
        PromptFormat format, String field, String referenceField, int limit, SplitSpec splits) {

    public PromptImportOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (splits == null) {
            splits = SplitSpec.none();
        }
    }

    public static PromptImportOptions defaults() {
        return new PromptImportOptions(null, null, null, 0, SplitSpec.none());
    }
}
