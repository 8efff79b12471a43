package org.heirloom.prompt;

/**
 * How to import a prompt file.
 *
 * @param format file format, or {@code null} to guess from the extension
 * @param field prompt field/column, or {@code null} to pick a usual one
 * @param referenceField reference-answer field, {@code null} to pick a usual one, {@code ""} for
 *     none
 * @param limit keep at most this many (after deduplication); 0 for all
 * @param splits named splits; when none are given, the splits a data set folder's file names carry
 *     are kept
 * @param encoding encoding of a CSV/TSV file, or {@code null} to detect it
 */
public record PromptImportOptions(
        PromptFormat format,
        String field,
        String referenceField,
        int limit,
        SplitSpec splits,
        java.nio.charset.Charset encoding) {

    public PromptImportOptions(
            PromptFormat format, String field, String referenceField, int limit, SplitSpec splits) {
        this(format, field, referenceField, limit, splits, null);
    }

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
