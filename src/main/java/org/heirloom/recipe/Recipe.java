package org.heirloom.recipe;

import java.util.List;
import org.heirloom.prompt.PromptImportOptions;
import org.heirloom.teacher.SamplingParams;

/**
 * A validated experiment recipe (format version 1). Stages run in this order: prompts, generation,
 * scoring, selections, exports; each is resumable or idempotent.
 */
public record Recipe(
        int version,
        String name,
        Prompts prompts,
        Generation generation,
        List<String> teachers,
        List<String> scorers,
        List<Selection> selections,
        List<Export> exports) {

    public Recipe {
        teachers = List.copyOf(teachers);
        scorers = List.copyOf(scorers);
        selections = List.copyOf(selections);
        exports = List.copyOf(exports);
    }

    /** The prompt set: an existing one ({@code importFile} null) or one imported from a file. */
    public record Prompts(String set, String importFile, PromptImportOptions options) {}

    /** The generation run. */
    public record Generation(String run, int k, long seed, String split, SamplingParams sampling) {}

    /** One selection to make. */
    public record Selection(String name, String strategy) {}

    /** One file to write: a dataset from a selection, or the run's candidates. */
    public record Export(Type type, String selection, String format, String split, String out) {

        /** What is exported. */
        public enum Type {
            DATASET,
            CANDIDATES
        }
    }
}
