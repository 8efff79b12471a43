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
    JSON,
    /** Tab-separated values with a header row. */
    TSV,
    /** A Parquet file, or a Hugging Face data set folder of them (splits from the file names). */
    PARQUET;

    /**
     * Guesses from the file name; a folder is a Parquet data set; {@code .txt} and unknown
     * extensions read as text unless their first lines look like TSV ({@link TsvSniffer}).
     */
    public static PromptFormat detect(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            return PARQUET;
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) {
            return PARQUET;
        }
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return TSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return JSONL;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        return TsvSniffer.looksLikeTsv(file) ? TSV : TEXT;
    }
}
