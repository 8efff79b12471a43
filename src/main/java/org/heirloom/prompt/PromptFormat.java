package org.heirloom.prompt;

import java.nio.file.Path;
import java.util.Locale;

/** File formats prompts can be imported from. */
public enum PromptFormat {
    /** One JSON object per line. */
    JSONL,
    /** RFC 4180 CSV with a header row. */
    CSV,
    /** One prompt per non-blank line. */
    TEXT,
    /**
     * One JSON document: column-oriented ({@code {"inputs": {"0": ...}, "targets": {...}}} or
     * {@code {"inputs": [...]}}) or an array of row objects.
     */
    JSON;

    /** Guesses from the file name; {@code .txt} and unknown extensions read as text. */
    public static PromptFormat detect(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return JSONL;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        return TEXT;
    }
}
